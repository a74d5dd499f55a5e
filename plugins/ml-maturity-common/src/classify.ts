import { AssetTypeResolver } from './aliases';
import {
  AttestationIndex,
  AttestationState,
  collectAttestations,
  resolveItem,
  resolveStatus,
} from './attestations';
import { attribute, Attribution, subtree, TeamNode } from './attribution';
import {
  assessChallenges,
  compileChallenges,
  CompiledChallenges,
} from './challenges';
import { levelName } from './constants';
import { reportMissingRefs } from './missingRefs';
import {
  AnnotationUse,
  annotationsReadBy,
  explainIgnoredValues,
} from './ignoredValues';
import {
  ANNOTATION_FLAGS,
  EntityNode,
  entityIndexOf,
  readEntities,
  nodesWithFindings,
  RefParser,
  unassessedOwnerRefs,
} from './entities';
import { entityFacts, readDocumentFacts, readOwnFindings } from './facts';
import { sortFindings } from './findings';
import { DEFAULT_KITS } from './kits/defaultKits';
import {
  CompiledRule,
  evaluateRule,
  ProbeResults,
  RuleCompiler,
  ruleHolds,
  runProbes,
} from './rules';
import {
  AssetContribution,
  Assessment,
  ClassificationDetails,
  ClassifyOptions,
  Finding,
  ItemResult,
  KIT_IDS,
  KitDefinition,
  KitId,
  KitItemDefinition,
  KitProgress,
  MaturityLevel,
  ShortenedReasonRefs,
  TeamAssessment,
  TeamRollup,
} from './types';
import { compareStrings, includesAscending } from './util';

interface CompiledItem {
  definition: KitItemDefinition;
  rule?: CompiledRule;
}

interface Context {
  nodes: EntityNode[];
  attribution: Attribution;
  items: CompiledItem[];
  challenges: CompiledChallenges;
  results: ProbeResults;
  attestations: AttestationIndex;
  /** 1 for each entity with findings (all read by now). */
  hasFindings: Uint8Array;
}

function nowOf(now: unknown): { iso: string; ms: number } {
  const date =
    now instanceof Date ? now : new Date(typeof now === 'string' ? now : NaN);
  const ms = date.getTime();
  if (Number.isNaN(ms)) {
    return { iso: new Date(0).toISOString(), ms: 0 };
  }
  return { iso: date.toISOString(), ms };
}

/** Items in kit order (the order of KIT_IDS), then definition order. */
function orderedItems(kits: ReadonlyArray<KitDefinition>): KitItemDefinition[] {
  const out: KitItemDefinition[] = [];
  const seen = new Set<string>();
  for (const kitId of KIT_IDS) {
    for (const kit of kits) {
      if (kit.id !== kitId) continue;
      for (const item of kit.items) {
        if (!seen.has(item.id)) {
          seen.add(item.id);
          out.push({ ...item, kit: kitId });
        }
      }
    }
  }
  return out;
}

/** The attestation states of each team of a scope, per item id. */
function attestedOf(
  ctx: Context,
  teams: ReadonlyArray<number>,
): Array<Map<string, AttestationState>> {
  // Looked up once per scope rather than per item.
  const attested: Array<Map<string, AttestationState>> = [];
  for (const team of teams) {
    const byItem = ctx.attestations.get(ctx.attribution.teamRefs[team]);
    if (byItem) attested.push(byItem);
  }
  return attested;
}

/** Shared by the items no attestation concerns (nearly all); never modified. */
const NO_STATES: ReadonlyArray<AttestationState> = Object.freeze([]);

function statesOf(
  attested: ReadonlyArray<Map<string, AttestationState>>,
  itemId: string,
): ReadonlyArray<AttestationState> {
  let states: AttestationState[] | undefined;
  for (let i = 0; i < attested.length; i++) {
    const state = attested[i].get(itemId);
    if (state) (states ??= []).push(state);
  }
  return states ?? NO_STATES;
}

/** Items, kits and level of one team. */
function assessScope(ctx: Context, teams: ReadonlyArray<number>) {
  const refOf = (e: number) => ctx.nodes[e].ref;
  const attested = attestedOf(ctx, teams);
  const items: ItemResult[] = ctx.items.map(({ definition, rule }) => {
    let holds = false;
    let evidence: string[] = [];
    if (rule) {
      const evaluated = evaluateRule(rule, ctx.results, teams);
      holds = evaluated.holds;
      if (holds) {
        evidence = evaluated.evidence.map(refOf);
      }
    }
    const states = statesOf(attested, definition.id);
    return resolveItem({
      item: definition,
      ruleHolds: holds,
      evidence,
      states,
    });
  });
  return { items, ...progress(items) };
}

/**
 * Kits and level of a rollup: as {@link assessScope} over the teams, but
 * only each item's status is worked out (a rollup reports no items), with
 * no evidence lists or union of matches.
 */
function assessRollup(ctx: Context, teams: ReadonlyArray<number>) {
  const attested = attestedOf(ctx, teams);
  const statuses = ctx.items.map(({ definition, rule }) => ({
    kit: definition.kit,
    required: definition.required,
    status: resolveStatus(
      definition,
      rule !== undefined && ruleHolds(rule, ctx.results, teams),
      statesOf(attested, definition.id),
    ),
  }));
  return progress(statuses);
}

/** Kit progress and level from the items' statuses. */
function progress(
  items: ReadonlyArray<Pick<ItemResult, 'kit' | 'required' | 'status'>>,
) {
  // Required items met and in all, per kit (in the order of KIT_IDS).
  const met = new Array<number>(KIT_IDS.length).fill(0);
  const total = new Array<number>(KIT_IDS.length).fill(0);
  for (const item of items) {
    if (!item.required) continue;
    const k = KIT_IDS.indexOf(item.kit);
    if (k < 0) continue;
    total[k]++;
    if (item.status !== 'unmet') met[k]++;
  }
  const kits: KitProgress[] = KIT_IDS.map((id, k) => ({
    id,
    met: met[k],
    total: total[k],
    complete: met[k] === total[k],
  }));
  let kitsCompleted = 0;
  while (kitsCompleted < kits.length && kits[kitsCompleted].complete) {
    kitsCompleted++;
  }
  const level = Math.min(5, 1 + kitsCompleted) as MaturityLevel;
  const currentKit: KitId | null =
    kitsCompleted < kits.length ? kits[kitsCompleted].id : null;
  return { kits, kitsCompleted, level, currentKit };
}

function teamFindings(
  ctx: Context,
  team: TeamNode,
  findingsByRef: Map<string, Finding[]>,
  placed: Set<string>,
): Finding[] {
  const refs: string[] = [team.ref];
  for (const e of ctx.attribution.owned[team.index] ?? []) {
    // An entity's findings are all on its node (and only there), so most
    // owned entities, without findings, need no lookup.
    if (ctx.hasFindings[e]) {
      refs.push(ctx.nodes[e].ref);
    }
  }
  // Loops, not `push(...list)`: a spread passes every element as an
  // argument, and a list of some 125,000 (a group's members, an entity's
  // findings) overflowed the stack.
  for (let i = 0; i < team.members.length; i++) refs.push(team.members[i]);
  const out: Finding[] = [];
  for (const ref of refs) {
    const list = findingsByRef.get(ref);
    if (list) {
      placed.add(ref);
      for (let i = 0; i < list.length; i++) out.push(list[i]);
    }
  }
  return sortFindings(out);
}

type Contribution = AssetContribution['countsToward'][number];

function compareContributions(a: Contribution, b: Contribution): number {
  return (
    compareStrings(a.team, b.team) ||
    compareStrings(a.itemId, b.itemId) ||
    compareStrings(a.via, b.via)
  );
}

function assetContributions(
  ctx: Context,
  assetTypes: ReadonlyArray<string | undefined>,
): AssetContribution[] {
  const { nodes, attribution, results, items } = ctx;
  const { teamRefs } = attribution;
  // probe → items whose rule tree uses it
  const itemsByProbe = new Map<number, string[]>();
  const visit = (rule: CompiledRule, itemId: string) => {
    const list = itemsByProbe.get(rule.probe) ?? [];
    if (!list.includes(itemId)) list.push(itemId);
    itemsByProbe.set(rule.probe, list);
    rule.allOf.forEach(r => visit(r, itemId));
  };
  for (const item of items) {
    if (item.rule) visit(item.rule, item.definition.id);
  }
  const toward = new Map<number, Contribution[]>();
  results.forEach((byTeam, probe) => {
    const itemIds = itemsByProbe.get(probe);
    if (!itemIds) return;
    // Team numbers ascend with their refs, and the contributions are
    // sorted below anyway.
    for (let team = 0; team < byTeam.length; team++) {
      const matches = byTeam[team];
      if (!matches) continue;
      for (const e of matches) {
        if (!assetTypes[e]) continue;
        // Both lists ascend: a binary search, as an asset used by
        // thousands of teams is in as many teams' matches.
        const owned = includesAscending(attribution.ownedTeams[e], team);
        const used = includesAscending(attribution.usedTeams[e], team);
        if (!owned && !used) continue;
        let list = toward.get(e);
        if (!list) {
          list = [];
          toward.set(e, list);
        }
        for (const itemId of itemIds) {
          list.push({
            team: teamRefs[team],
            itemId,
            via: owned ? 'owned' : 'used',
          });
        }
      }
    }
  });
  const out: AssetContribution[] = [];
  nodes.forEach((node, e) => {
    const assetType = assetTypes[e];
    if (!assetType) return;
    // Sorted, then equal neighbours dropped: the same team and item can be
    // reached through several probes.
    const entries = (toward.get(e) ?? []).sort(compareContributions);
    const countsToward = entries.filter(
      (entry, i) =>
        i === 0 || compareContributions(entries[i - 1], entry) !== 0,
    );
    out.push({
      entityRef: node.ref,
      assetType,
      countsToward,
      findings: sortFindings(node.findings),
    });
  });
  return out;
}

interface CompiledKits {
  itemById: Map<string, KitItemDefinition>;
  /** The annotations each item's rule reads (see explainIgnoredValues). */
  annotationsOf: Map<string, AnnotationUse[]>;
  compiler: RuleCompiler;
  items: CompiledItem[];
  challenges: CompiledChallenges;
}

function compileKits(kits: ReadonlyArray<KitDefinition>): CompiledKits {
  const definitions = orderedItems(kits);
  const compiler = new RuleCompiler();
  return {
    itemById: new Map(definitions.map(d => [d.id, d])),
    annotationsOf: new Map(
      definitions.map(d => [d.id, annotationsReadBy(d.rule)]),
    ),
    compiler,
    items: definitions.map(definition => ({
      definition,
      rule: definition.rule ? compiler.compile(definition.rule) : undefined,
    })),
    challenges: compileChallenges(compiler),
  };
}

/** Compiled kits by their JSON text, most recently used last. */
const compiledKitsCache = new Map<string, CompiledKits>();
const COMPILED_KITS_CACHE_SIZE = 4;

/**
 * The kits compiled, reused while the same kits (by their JSON text) come
 * again, as a backend's refreshes and a benchmark's runs do: the compiled
 * filters are then the same functions on every classification, so the
 * engine keeps the code it optimised for them rather than starting again
 * with new ones. Nothing compiled is mutated while classifying. Kits that
 * cannot be serialised are compiled afresh each time.
 */
function compiledKits(kits: ReadonlyArray<KitDefinition>): CompiledKits {
  let key: string | undefined;
  try {
    key = JSON.stringify(kits);
  } catch {
    key = undefined;
  }
  if (key === undefined) {
    return compileKits(kits);
  }
  let compiled = compiledKitsCache.get(key);
  if (compiled) {
    compiledKitsCache.delete(key);
  } else {
    compiled = compileKits(kits);
    if (compiledKitsCache.size >= COMPILED_KITS_CACHE_SIZE) {
      compiledKitsCache.delete(compiledKitsCache.keys().next().value!);
    }
  }
  compiledKitsCache.set(key, compiled);
  return compiled;
}

function run(
  options: ClassifyOptions,
  withAssets: boolean,
): ClassificationDetails {
  const now = nowOf(options?.now);
  const kits = Array.isArray(options?.kits) ? options.kits : DEFAULT_KITS;
  const { itemById, annotationsOf, compiler, items, challenges } =
    compiledKits(kits);

  const parser = new RefParser();
  const resolver = new AssetTypeResolver(options?.assetTypeAliases);
  const docs: ReadonlyArray<unknown> = Array.isArray(options?.entities)
    ? options.entities
    : [];
  const graph = readEntities(docs, parser, readDocumentFacts, resolver);
  const { nodes, findings: readFindings } = graph;
  reportMissingRefs(graph, parser);
  const attribution = attribute(graph);
  const assetTypes = graph.assetTypes;
  const results = runProbes({
    compiler,
    nodes,
    graph,
    attribution,
    assetTypes,
    factsOf: e => entityFacts(nodes, attribution, assetTypes, e),
    // Only entities with ML annotations can have findings of their own
    // facts (the flags spare reading every other node).
    findingsOf: e => {
      if (graph.flags[e] & ANNOTATION_FLAGS.ml) readOwnFindings(nodes[e]);
    },
  });
  const attestations = collectAttestations({
    nodes,
    flags: graph.flags,
    teams: attribution.teams,
    items: itemById,
    portal: options?.attestations,
    nowMs: now.ms,
  });

  // Every finding of an entity is on its node by now.
  const withFindings = nodesWithFindings(graph);
  const hasFindings = new Uint8Array(nodes.length);
  for (const node of withFindings) hasFindings[node.index] = 1;
  const ctx: Context = {
    nodes,
    attribution,
    items,
    challenges,
    results,
    attestations,
    hasFindings,
  };

  const findingsByRef = new Map<string, Finding[]>();
  const allFindings = [
    ...attribution.teamFindings,
    ...withFindings.flatMap(n => n.findings),
  ];
  for (let i = 0; i < allFindings.length; i++) {
    const finding = allFindings[i];
    const list = findingsByRef.get(finding.entityRef);
    if (list) list.push(finding);
    else findingsByRef.set(finding.entityRef, [finding]);
  }
  const placed = new Set<string>();
  const assetTypeOf = (entityRef: string) => {
    const e = entityIndexOf(graph, entityRef);
    return e < 0 ? undefined : graph.assetTypes[e];
  };
  const refOf = (e: number) => nodes[e].ref;

  const shortenedReasonRefs: Record<string, ShortenedReasonRefs> = {};
  const teams: TeamAssessment[] = attribution.teamRefs.map((ref, t) => {
    const team = attribution.teams.get(ref)!;
    const scope = assessScope(ctx, [t]);
    const shortened: ShortenedReasonRefs | undefined = withAssets
      ? {}
      : undefined;
    const challengeResults = assessChallenges(
      challenges,
      results,
      [t],
      refOf,
      shortened,
    );
    if (shortened && Object.keys(shortened).length > 0) {
      shortenedReasonRefs[ref] = shortened;
    }
    const findings = teamFindings(ctx, team, findingsByRef, placed);
    explainIgnoredValues(scope.items, findings, annotationsOf, assetTypeOf);
    return {
      entityRef: ref,
      implicit: team.implicit,
      parent: team.parents[0] ?? null,
      level: scope.level,
      levelName: levelName(scope.level),
      kitsCompleted: scope.kitsCompleted,
      currentKit: scope.currentKit,
      kits: scope.kits,
      items: scope.items,
      challenges: challengeResults,
      findings,
      rollup: null,
    };
  });
  teams.forEach((team, t) => {
    const scopeTeams = subtree(attribution.children, t);
    if (scopeTeams.length < 2) return;
    const scope = assessRollup(ctx, scopeTeams);
    const descendants = scopeTeams.slice(1);
    const levels: TeamRollup['levels'] = {
      '1': 0,
      '2': 0,
      '3': 0,
      '4': 0,
      '5': 0,
    };
    for (const d of descendants) {
      const key = String(teams[d].level) as keyof TeamRollup['levels'];
      levels[key]++;
    }
    team.rollup = {
      teams: descendants.map(d => attribution.teamRefs[d]),
      levels,
      level: scope.level,
      kitsCompleted: scope.kitsCompleted,
      currentKit: scope.currentKit,
      kits: scope.kits,
    };
  });

  const unattributedAssets = nodes
    .filter((_, e) => assetTypes[e] && attribution.ownedTeams[e].length === 0)
    .map(n => n.ref);
  const topFindings = sortFindings([
    ...readFindings,
    ...allFindings.filter(f => !placed.has(f.entityRef)),
  ]);

  const assessment: Assessment = {
    generatedAt: now.iso,
    teams,
    unattributedAssets,
    findings: topFindings,
  };
  return {
    assessment,
    assets: withAssets ? assetContributions(ctx, assetTypes) : [],
    implicitTeamReferrers: withAssets
      ? implicitTeamReferrers(docs, nodes, attribution, parser)
      : {},
    shortenedReasonRefs,
  };
}

function implicitTeamReferrers(
  docs: ReadonlyArray<unknown>,
  nodes: ReadonlyArray<EntityNode>,
  attribution: Attribution,
  parser: RefParser,
): Record<string, string[]> {
  const referrers = new Map<string, string[]>();
  // Team numbers ascend with their refs: the keys come out sorted.
  attribution.namedAsOwnerBy.forEach((entities, team) => {
    if (entities) {
      // entities ascend in ref order
      referrers.set(
        attribution.teamRefs[team],
        entities.map(e => nodes[e].ref),
      );
    }
  });
  if (referrers.size === 0) return {};
  // Documents of other API versions (scaffolder Templates) are not assessed
  // but name owners too: whoever can read one sees that owner's ref.
  let added = false;
  // The refs in each list that gets such a document, for the check that a
  // ref is not listed yet (a list can have thousands).
  const listed = new Map<string, Set<string>>();
  for (let d = 0; d < docs.length; d++) {
    const unassessed = unassessedOwnerRefs(docs[d], parser);
    if (!unassessed) continue;
    for (const owner of unassessed.owners) {
      const list = referrers.get(owner);
      if (!list) continue;
      let refs = listed.get(owner);
      if (!refs) {
        refs = new Set(list);
        listed.set(owner, refs);
      }
      if (!refs.has(unassessed.ref)) {
        refs.add(unassessed.ref);
        list.push(unassessed.ref);
        added = true;
      }
    }
  }
  const out: Record<string, string[]> = {};
  for (const [team, refs] of referrers) {
    out[team] = added ? refs.sort(compareStrings) : refs;
  }
  return out;
}

/**
 * Classifies a catalog into the assessment JSON of the spec (§7): a pure
 * function of the entities, kit definitions, attestations and `now`. Bad
 * input becomes findings; it never throws for bad entities. The output is
 * byte-identical for the same input in any order.
 *
 * @public
 */
export function classify(options: ClassifyOptions): Assessment {
  return run(options, false).assessment;
}

/**
 * Like {@link classify}, and also reports, for every entity with an asset
 * type, the items and teams it counts toward and its own findings.
 *
 * @public
 */
export function classifyWithDetails(
  options: ClassifyOptions,
): ClassificationDetails {
  return run(options, true);
}
