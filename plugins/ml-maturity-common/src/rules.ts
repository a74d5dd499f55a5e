import { Attribution } from './attribution';
import { EntityNode } from './entities';
import { ANNOTATION_FACT_DEFAULTS, MlFacts, factObject } from './facts';
import { ANNOTATION_FLAGS, EntityGraph } from './entities';
import { Csr, IntPairs, toCsr } from './csr';
import {
  compileFactFilter,
  compileFilter,
  FactFilter,
  FilterFunction,
  requiredAssetTypes,
  requiredKinds,
} from './filters';
import { KitRule, RuleVia } from './types';
import { safeJson } from './util';

/** A (filter, via) pair evaluated once per classification. @internal */
export interface Probe {
  via: RuleVia;
  filter: number;
}

/** A rule with its filters replaced by probe numbers. @internal */
export interface CompiledRule {
  probe: number;
  min: number;
  allOf: CompiledRule[];
}

/**
 * Compiles rules, sharing identical filters and (filter, via) pairs so that
 * each filter runs at most once per entity.
 * @internal
 */
export class RuleCompiler {
  readonly filters: FilterFunction[] = [];
  /** Per filter: its test over the `ml` facts alone, if it has one. */
  readonly factFilters: Array<FactFilter | undefined> = [];
  /** Per filter: the asset types (upper case) it requires, if any. */
  readonly requiredAssets: Array<ReadonlySet<string> | undefined> = [];
  /** Per filter: the kinds (upper case) it requires, if any. */
  readonly requiredKinds: Array<ReadonlySet<string> | undefined> = [];
  readonly probes: Probe[] = [];
  private readonly filterKeys = new Map<string, number>();
  private readonly probeKeys = new Map<string, number>();

  compile(rule: KitRule): CompiledRule {
    const filterKey = safeJson(rule.filter);
    let filter = this.filterKeys.get(filterKey);
    if (filter === undefined) {
      filter = this.filters.length;
      this.filters.push(compileFilter(rule.filter));
      this.factFilters.push(
        compileFactFilter(rule.filter, ANNOTATION_FACT_DEFAULTS),
      );
      this.requiredAssets.push(requiredAssetTypes(rule.filter));
      this.requiredKinds.push(requiredKinds(rule.filter));
      this.filterKeys.set(filterKey, filter);
    }
    const probeKey = `${rule.via}|${filter}`;
    let probe = this.probeKeys.get(probeKey);
    if (probe === undefined) {
      probe = this.probes.length;
      this.probes.push({ via: rule.via, filter });
      this.probeKeys.set(probeKey, probe);
    }
    const min =
      typeof rule.min === 'number' && Number.isFinite(rule.min)
        ? Math.max(0, Math.ceil(rule.min))
        : 1;
    return {
      probe,
      min,
      allOf: (rule.allOf ?? []).map(r => this.compile(r)),
    };
  }
}

/**
 * Per probe, per team number: the matching entity indices (ascending), or
 * undefined for none. @internal
 */
export type ProbeResults = Array<Array<number[] | undefined>>;

function add(byTeam: Array<number[] | undefined>, team: number, e: number) {
  const list = byTeam[team];
  if (list) {
    list.push(e);
  } else {
    byTeam[team] = [e];
  }
}

/** {@link add} for each of `teams`. */
function addAll(
  byTeam: Array<number[] | undefined>,
  teams: ReadonlyArray<number>,
  e: number,
) {
  for (let i = 0; i < teams.length; i++) add(byTeam, teams[i], e);
}

/**
 * Runs each filter once on each entity whose match could count for some
 * team, and files each match under the teams it counts for. An entity is
 * skipped for a filter when none of the filter's probes would file it (no
 * team through their `via`), or when the filter requires an asset type the
 * entity does not have (see requiredAssetTypes); the object a filter sees
 * (entity plus `ml` facts) is built only for entities that get that far.
 * @internal
 */
export function runProbes(options: {
  compiler: RuleCompiler;
  nodes: EntityNode[];
  /** The graph's per-entity kinds and flags (see EntityGraph). */
  graph: Pick<EntityGraph, 'kindIds' | 'kinds' | 'flags'>;
  attribution: Attribution;
  assetTypes: ReadonlyArray<string | undefined>;
  /**
   * The facts of an entity; called exactly once for each entity, in
   * index order, as it also records the entity's findings.
   */
  factsOf: (e: number) => MlFacts;
  /**
   * Records the findings of an entity whose facts are not needed (no
   * filter is tried on it), instead of factsOf.
   */
  findingsOf: (e: number) => void;
}): ProbeResults {
  const { compiler, nodes, graph, attribution, assetTypes } = options;
  const teamCount = attribution.teamRefs.length;
  // One loop per function below (see readEntities: long functions with
  // several loops were optimised and thrown away again on each run).
  const lists = entityLists(nodes.length, graph.flags, attribution, assetTypes);
  const probesByFilter: number[][] = compiler.filters.map(() => []);
  compiler.probes.forEach((probe, i) => probesByFilter[probe.filter].push(i));
  const results: ProbeResults = compiler.probes.map(() =>
    new Array(teamCount).fill(undefined),
  );
  const plans = compiler.filters.map((_, f) =>
    planFilter(compiler, f, probesByFilter[f], lists, graph),
  );
  const toTry = toCsr(nodes.length, filterPairs(plans));
  tryFilters({ ...options, plans, toTry, isLiteral: lists.isLiteral, results });
  return results;
}

/** The entities filters may be tried on, by how they count for teams. */
interface EntityLists {
  owned: number[];
  ownedOrUsed: number[];
  members: number[];
  /** By asset type (upper case). */
  byAsset: Map<string, number[]>;
  /**
   * Entities with a top-level `ml.` key of their own: every filter is
   * tried on them, in full (the key may take part in a filter's lookups).
   */
  literalFactKey: number[];
  isLiteral: Uint8Array;
}

function entityLists(
  entityCount: number,
  flags: Uint8Array,
  attribution: Attribution,
  assetTypes: ReadonlyArray<string | undefined>,
): EntityLists {
  const { ownedTeams, usedTeams, memberTeams } = attribution;
  const lists: EntityLists = {
    owned: [],
    ownedOrUsed: [],
    members: [],
    byAsset: new Map(),
    literalFactKey: [],
    isLiteral: new Uint8Array(entityCount),
  };
  for (let e = 0; e < entityCount; e++) {
    const isOwned = ownedTeams[e].length > 0;
    const isUsed = usedTeams[e].length > 0;
    const isMember = memberTeams[e].length > 0;
    if (!isOwned && !isUsed && !isMember) continue;
    if (isOwned) lists.owned.push(e);
    if (isOwned || isUsed) lists.ownedOrUsed.push(e);
    if (isMember) lists.members.push(e);
    if (flags[e] & ANNOTATION_FLAGS.literalFactKey) {
      lists.literalFactKey.push(e);
      lists.isLiteral[e] = 1;
      continue;
    }
    const asset = assetTypes[e];
    if (asset !== undefined) {
      const upper = asset.toUpperCase();
      const list = lists.byAsset.get(upper);
      if (list) list.push(e);
      else lists.byAsset.set(upper, [e]);
    }
  }
  return lists;
}

/** A filter, its probes and vias, and the entities it is tried on. */
interface FilterPlan {
  filter: FilterFunction;
  factFilter: FactFilter | undefined;
  probes: number[];
  /** Ascending. */
  tried: number[];
  viaMembers: boolean;
  viaOwned: boolean;
  viaUsed: boolean;
}

/**
 * The entities a filter is tried on, ascending: those a probe of the filter
 * would file under some team (by the probes' `via`) and, when the filter
 * requires an asset type, that have it; then only those of a required kind,
 * and only those with ML annotations when the filter needs them. A
 * document with a top-level `ml.` key of its own is always tried: the
 * filter lookup would consult it too.
 */
function planFilter(
  compiler: RuleCompiler,
  f: number,
  probes: number[],
  lists: EntityLists,
  graph: Pick<EntityGraph, 'kindIds' | 'kinds' | 'flags'>,
): FilterPlan {
  const { flags } = graph;
  let viaMembers = false;
  let viaOwned = false;
  let viaUsed = false;
  for (const p of probes) {
    const via = compiler.probes[p].via;
    if (via === 'members') viaMembers = true;
    else viaOwned = true;
    if (via === 'owned-or-used') viaUsed = true;
  }
  const required = compiler.requiredAssets[f];
  let tried: number[];
  if (required) {
    tried = lists.literalFactKey.slice();
    for (const type of required) {
      const list = lists.byAsset.get(type);
      for (let i = 0; list && i < list.length; i++) tried.push(list[i]);
    }
    if (required.size > 1 || lists.literalFactKey.length > 0) {
      tried = Array.from(new Set(tried)).sort((x, y) => x - y);
    }
  } else if (!viaMembers) {
    tried = viaUsed ? lists.ownedOrUsed : lists.owned;
  } else if (!viaOwned) {
    tried = lists.members;
  } else {
    tried = Array.from(new Set([...lists.ownedOrUsed, ...lists.members])).sort(
      (x, y) => x - y,
    );
  }
  const kinds = compiler.requiredKinds[f];
  if (kinds) {
    const allowed = graph.kinds.map(kind => kinds.has(kind.toUpperCase()));
    tried = tried.filter(e => allowed[graph.kindIds[e]]);
  }
  const factFilter = compiler.factFilters[f];
  if (factFilter?.needsAnnotations) {
    // The filter cannot match an entity without ML annotations.
    const { isLiteral } = lists;
    tried = tried.filter(e => isLiteral[e] || flags[e] & ANNOTATION_FLAGS.ml);
  }
  return {
    filter: compiler.filters[f],
    factFilter,
    probes,
    tried,
    viaMembers,
    viaOwned,
    viaUsed,
  };
}

/** (entity, filter) for each filter to try on each entity, filters ascending. */
function filterPairs(plans: FilterPlan[]): IntPairs {
  const pairs = new IntPairs();
  for (let f = 0; f < plans.length; f++) {
    const tried = plans[f].tried;
    for (let i = 0; i < tried.length; i++) pairs.push(tried[i], f);
  }
  return pairs;
}

/**
 * Entity by entity (each entity's row of filters to try), so that the
 * facts and the object a filter sees are built once and dropped right
 * after: they die young, which the garbage collector reclaims almost for
 * free. Each team's matches still come out ascending. Indexed loops: this
 * body runs (entities x filters) times, and `for...of` left an iterator
 * result object per step.
 */
function tryFilters(ctx: {
  compiler: RuleCompiler;
  nodes: EntityNode[];
  attribution: Attribution;
  factsOf: (e: number) => MlFacts;
  findingsOf: (e: number) => void;
  plans: FilterPlan[];
  toTry: Csr;
  isLiteral: Uint8Array;
  results: ProbeResults;
}) {
  const { compiler, nodes, factsOf, findingsOf, plans, toTry, isLiteral } = ctx;
  const { results } = ctx;
  const { ownedTeams, usedTeams, memberTeams } = ctx.attribution;
  for (let e = 0; e < nodes.length; e++) {
    const start = toTry.offsets[e];
    const end = toTry.offsets[e + 1];
    if (start === end) {
      findingsOf(e);
      continue;
    }
    const facts = factsOf(e);
    let object: Record<string, unknown> | undefined;
    for (let k = start; k < end; k++) {
      const plan = plans[toTry.targets[k]];
      if (
        !(
          (plan.viaOwned && ownedTeams[e].length > 0) ||
          (plan.viaUsed && usedTeams[e].length > 0) ||
          (plan.viaMembers && memberTeams[e].length > 0)
        )
      ) {
        continue;
      }
      let matches: boolean;
      try {
        const factFilter = plan.factFilter;
        if (factFilter && !isLiteral[e]) {
          matches = factFilter.test(facts);
          if (matches && !factFilter.exact) {
            object ??= factObject(nodes[e].raw, facts);
            matches = plan.filter(object);
          }
        } else {
          object ??= factObject(nodes[e].raw, facts);
          matches = plan.filter(object);
        }
      } catch {
        matches = false;
      }
      if (!matches) {
        continue;
      }
      for (let i = 0; i < plan.probes.length; i++) {
        const p = plan.probes[i];
        const result = results[p];
        switch (compiler.probes[p].via) {
          case 'members':
            addAll(result, memberTeams[e], e);
            break;
          case 'owned-or-used':
            addAll(result, ownedTeams[e], e);
            addAll(result, usedTeams[e], e);
            break;
          default:
            addAll(result, ownedTeams[e], e);
        }
      }
    }
  }
}

/**
 * Scratch of {@link probeMatches}: `seen[e] === pass` when entity `e` is
 * already in the union being built. Reused (and grown) across calls so a
 * rollup union costs no Set; nothing can run in between, as it calls out to
 * no other code.
 */
let seen = new Uint32Array(0);
let pass = 0;

/** Matches of one probe for a set of teams (a team, or a rollup). @internal */
export function probeMatches(
  results: ProbeResults,
  probe: number,
  teams: ReadonlyArray<number>,
): number[] {
  const byTeam = results[probe];
  if (teams.length === 1) {
    return byTeam[teams[0]] ?? [];
  }
  if (pass === 0xffffffff) {
    seen.fill(0);
    pass = 0;
  }
  pass++;
  const union: number[] = [];
  let ascending = true;
  for (let t = 0; t < teams.length; t++) {
    const matches = byTeam[teams[t]];
    if (!matches) continue;
    for (let i = 0; i < matches.length; i++) {
      const e = matches[i];
      if (e >= seen.length) {
        const grown = new Uint32Array(Math.max(e + 1, seen.length * 2));
        grown.set(seen);
        seen = grown;
      }
      if (seen[e] !== pass) {
        seen[e] = pass;
        if (union.length > 0 && union[union.length - 1] > e) ascending = false;
        union.push(e);
      }
    }
  }
  return ascending ? union : union.sort((a, b) => a - b);
}

/**
 * Whether at least `min` distinct entities match a probe for a set of teams,
 * without building the union: any non-empty list does for `min` 1 (most
 * rules), and counting stops at `min`.
 */
function probeHolds(
  results: ProbeResults,
  probe: number,
  teams: ReadonlyArray<number>,
  min: number,
): boolean {
  if (min <= 0) {
    return true;
  }
  const byTeam = results[probe];
  if (min === 1 || teams.length === 1) {
    let most = 0;
    for (let t = 0; t < teams.length; t++) {
      const matches = byTeam[teams[t]];
      if (matches && matches.length > most) {
        most = matches.length;
        if (most >= min) return true;
      }
    }
    if (teams.length === 1 || most === 0) return false;
  }
  return probeMatches(results, probe, teams).length >= min;
}

/**
 * Whether a rule holds for a set of teams: {@link evaluateRule}'s `holds`,
 * without its evidence.
 * @internal
 */
export function ruleHolds(
  rule: CompiledRule,
  results: ProbeResults,
  teams: ReadonlyArray<number>,
): boolean {
  if (!probeHolds(results, rule.probe, teams, rule.min)) {
    return false;
  }
  for (let i = 0; i < rule.allOf.length; i++) {
    if (!ruleHolds(rule.allOf[i], results, teams)) return false;
  }
  return true;
}

/** Whether a list of entity indices is strictly ascending. */
function isStrictlyAscending(list: ReadonlyArray<number>): boolean {
  for (let i = 1; i < list.length; i++) {
    if (list[i - 1] >= list[i]) return false;
  }
  return true;
}

/** Ascending, without duplicates. @internal */
export function ascendingUnique(values: Iterable<number>): number[] {
  return Array.from(new Set(values)).sort((a, b) => a - b);
}

/**
 * Whether a rule holds for a set of teams, and its evidence (every match of
 * the rule and of its `allOf` rules) as entity indices, ascending and
 * without duplicates. The evidence may be the probe's own match list: do
 * not modify it.
 * @internal
 */
export function evaluateRule(
  rule: CompiledRule,
  results: ProbeResults,
  teams: ReadonlyArray<number>,
): { holds: boolean; evidence: ReadonlyArray<number> } {
  if (rule.allOf.length === 0) {
    // The common case: one probe, whose matches are already ascending.
    const matches = probeMatches(results, rule.probe, teams);
    return {
      holds: matches.length >= rule.min,
      evidence: isStrictlyAscending(matches)
        ? matches
        : ascendingUnique(matches),
    };
  }
  const evidence = new Set<number>();
  const visit = (r: CompiledRule): boolean => {
    const matches = probeMatches(results, r.probe, teams);
    for (const e of matches) {
      evidence.add(e);
    }
    let holds = matches.length >= r.min;
    for (const sub of r.allOf) {
      holds = visit(sub) && holds;
    }
    return holds;
  };
  const holds = visit(rule);
  return { holds, evidence: ascendingUnique(evidence) };
}
