import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { isError, ServiceUnavailableError } from '@backstage/errors';
import {
  findingNamesAllItsRefs,
  hiddenValuePolicy,
  ignoredValueEntries,
  ignoredValuesText,
  reasonRefList,
  type IgnoredValueEntry,
  type AssetContribution,
  type ChallengeResult,
  type Finding,
  type ItemResult,
  type ShortenedReasonRefs,
  type TeamAssessment,
} from '@aiml-service-kits/plugin-ml-maturity-common';
import { StoredTeam } from '../database/AssessmentStore';

/** Refs asked of the catalog per request; its by-refs endpoint takes many. */
const BATCH_SIZE = 500;
/** Batches asked at once. */
const PARALLEL_BATCHES = 4;

/** A lower-case Group ref, as the classifier writes team refs. */
const GROUP_REF = /^group:([a-z0-9._-]+)\/([a-z0-9._-]+)$/;

/**
 * Refs compare ignoring case (the catalog keeps them in lower case); a ref
 * may reach a response in another case (an attester's `userEntityRef`, as
 * a sign-in resolver wrote it).
 */
function refKey(ref: string): string {
  return ref.toLocaleLowerCase('en-US');
}

/** Evidence holds entity refs or, for attestations, http(s) URLs. */
export function isUrl(value: string): boolean {
  return /^https?:\/\//i.test(value);
}

/**
 * A catalog call whose failure becomes a 503 that names no internal
 * address: what a caller may see cannot be decided without the catalog,
 * and nothing is shown rather than too much. (The catalog's own logs, and
 * the refresh's, hold the details.)
 */
async function askCatalog<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (isError(error) && error.name === 'NotAllowedError') throw error;
    throw new ServiceUnavailableError(
      `The catalog could not be asked what you may see, so nothing is shown; try again shortly (${
        isError(error) ? error.name : 'Error'
      })`,
    );
  }
}

/**
 * Which entity refs one caller may read in the catalog, asked of the catalog
 * with the caller's own credentials and cached for the request. Levels are
 * computed over the whole catalog; this cuts what each caller is shown.
 *
 * @internal
 */
export class CatalogVisibility {
  private readonly readable = new Map<string, boolean>();

  constructor(
    private readonly catalog: CatalogService,
    private readonly credentials: BackstageCredentials,
  ) {}

  /** Asks the catalog about the refs not asked yet. */
  async load(refs: Iterable<string>): Promise<void> {
    const unknown = new Set<string>();
    for (const ref of refs) {
      if (isUrl(ref)) continue;
      const key = refKey(ref);
      if (!this.readable.has(key)) unknown.add(key);
    }
    const list = [...unknown];
    const batches: string[][] = [];
    for (let i = 0; i < list.length; i += BATCH_SIZE) {
      batches.push(list.slice(i, i + BATCH_SIZE));
    }
    // a few batches in flight at once: the catalog answers them in parallel
    for (let i = 0; i < batches.length; i += PARALLEL_BATCHES) {
      await Promise.all(
        batches.slice(i, i + PARALLEL_BATCHES).map(async entityRefs => {
          const response = await askCatalog(() =>
            this.catalog.getEntitiesByRefs(
              {
                entityRefs,
                fields: ['kind', 'metadata.namespace', 'metadata.name'],
              },
              { credentials: this.credentials },
            ),
          );
          // an answer without items (an odd catalog) shows nothing
          const items = response?.items ?? [];
          entityRefs.forEach((ref, index) => {
            this.readable.set(ref, Boolean(items[index]));
          });
        }),
      );
    }
  }

  /**
   * Asks the catalog which of many Group refs the caller may read, one
   * facet query per namespace (`metadata.name` of the readable groups of
   * that namespace, filtered by the catalog with the caller's credentials
   * like any read) instead of fetching every entity: for the org-wide views,
   * which check every team. Refs of other kinds go through {@link load}.
   */
  async loadGroups(refs: Iterable<string>): Promise<void> {
    const byNamespace = new Map<string, Array<[ref: string, name: string]>>();
    const others: string[] = [];
    for (const original of refs) {
      const ref = refKey(original);
      if (this.readable.has(ref)) continue;
      const match = GROUP_REF.exec(ref);
      if (!match) {
        others.push(ref);
        continue;
      }
      const [, namespace, name] = match;
      let list = byNamespace.get(namespace);
      if (!list) {
        list = [];
        byNamespace.set(namespace, list);
      }
      list.push([ref, name]);
    }
    const namespaces = [...byNamespace];
    for (let i = 0; i < namespaces.length; i += PARALLEL_BATCHES) {
      await Promise.all(
        namespaces
          .slice(i, i + PARALLEL_BATCHES)
          .map(async ([namespace, list]) => {
            const response = await askCatalog(() =>
              this.catalog.getEntityFacets(
                {
                  filter: { kind: 'group', 'metadata.namespace': namespace },
                  facets: ['metadata.name'],
                },
                { credentials: this.credentials },
              ),
            );
            const names = new Set(
              // entity names are ASCII ([A-Za-z0-9._-])
              (response?.facets?.['metadata.name'] ?? []).map(f =>
                f.value.toLowerCase(),
              ),
            );
            for (const [ref, name] of list) {
              this.readable.set(ref, names.has(name));
            }
          }),
      );
    }
    await this.load(others);
  }

  /** Whether the caller may read `ref`; refs not loaded count as unreadable. */
  canRead = (ref: string): boolean => this.readable.get(refKey(ref)) ?? false;
}

/**
 * An entity ref in a reason text: the classifier writes them in lower case,
 * but an attester's ref is written as the sign-in resolver gave it, so any
 * case is read (a ref in another case is the same entity).
 */
const REF = '[a-z][a-z0-9_-]*:[a-z0-9._-]+/[a-z0-9._-]+';
const REF_IN_TEXT = new RegExp(REF, 'gi');

/** Refs named in a free text (challenge reasons list their evidence). */
export function refsInText(text: string): string[] {
  return text.match(REF_IN_TEXT) ?? [];
}

/** A parenthesised ref list as reasons write it, maybe cut short. */
const REF_LIST = new RegExp(`^(${REF}(?:, ${REF})*)( and \\d+ more)?$`, 'i');

/**
 * The text without unreadable refs: they leave parenthesised ref lists
 * (an emptied list goes entirely); any other occurrence is masked. A list
 * cut short (`a, b, c and 4 more`) is made again from its full list, the
 * next of `shortened` (see ClassificationDetails.shortenedReasonRefs),
 * with the readable refs only, so that the count says nothing about
 * hidden entities; without its full list, the count is dropped.
 */
export function cutText(
  text: string,
  canRead: (ref: string) => boolean,
  shortened: ReadonlyArray<ReadonlyArray<string>> = [],
): string {
  let next = 0;
  return text
    .replace(/\s*\(([^()]*)\)/g, (whole, inner: string) => {
      const list = REF_LIST.exec(inner);
      if (!list) return whole;
      let refs: ReadonlyArray<string> = list[1].split(', ');
      const cutShort = list[2] !== undefined;
      if (cutShort) {
        // without its full list the count cannot be recounted: it goes
        refs = shortened[next++] ?? refs;
      }
      const kept = refs.filter(canRead);
      if (!cutShort && kept.length === refs.length) return whole;
      if (kept.length === 0) return '';
      return `${whole.slice(0, whole.indexOf('('))}(${reasonRefList(kept)})`;
    })
    .replace(REF_IN_TEXT, ref => (canRead(ref) ? ref : 'a hidden entity'));
}

/** The refs whose readability decides what a team response shows. */
export function teamRefsToCheck(team: StoredTeam): string[] {
  const { assessment } = team;
  const refs = [assessment.entityRef, ...team.referencedBy];
  if (assessment.parent) refs.push(assessment.parent);
  for (const item of assessment.items) {
    refs.push(...item.evidence);
    // who attested, and the refs an explanation names (an expired
    // attestation's reason says by whom)
    if (item.attestation?.by) refs.push(item.attestation.by);
    if (item.reason) refs.push(...reasonRefsToCheck(item.reason));
  }
  for (const finding of assessment.findings) {
    refs.push(...findingRefsToCheck(finding));
  }
  if (assessment.rollup) refs.push(...assessment.rollup.teams);
  for (const challenge of Object.values(assessment.challenges)) {
    refs.push(...refsInText(challenge.reason));
  }
  for (const lists of Object.values(team.shortenedReasonRefs ?? {})) {
    for (const list of lists ?? []) refs.push(...list);
  }
  return refs;
}

/**
 * A team is shown when its Group is readable; an implicit team (no Group
 * entity) when one of the entities naming it as owner is readable.
 */
export function isTeamVisible(
  team: StoredTeam,
  canRead: (ref: string) => boolean,
): boolean {
  if (team.assessment.implicit) {
    return team.referencedBy.some(canRead);
  }
  return canRead(team.assessment.entityRef);
}

/** Default kinds of the spec fields whose values are entity refs. */
const SPEC_REF_DEFAULT_KINDS: Record<string, string | undefined> = {
  'spec.owner': 'group',
  'spec.memberOf': 'group',
  'spec.members': 'user',
  'spec.parent': 'group',
  'spec.children': 'group',
  'spec.dependsOn': undefined,
  'spec.dependencyOf': undefined,
  'spec.consumesApis': 'api',
  'spec.providesApis': 'api',
  'spec.system': 'system',
};

/** `[kind:][namespace/]name`, any case, as users write refs in a spec. */
const LOOSE_REF =
  /^(?:([A-Za-z][A-Za-z0-9_-]*):)?(?:([A-Za-z0-9._-]+)\/)?([A-Za-z0-9._-]+)$/;
/** Full or kind-qualified refs anywhere in a text, any case. */
const QUALIFIED_REF_IN_TEXT =
  /[A-Za-z][A-Za-z0-9_-]*:(?:[A-Za-z0-9._-]+\/)?[A-Za-z0-9._-]+/g;

/** Marks a finding value that named refs nobody has checked it may show. */
export const HIDDEN_VALUE = '(hidden)';

function namespaceOf(entityRef: string): string {
  const match = /^[^:]+:([^/]+)\//.exec(entityRef);
  return match ? match[1] : 'default';
}

function lowerRef(kind: string, namespace: string, name: string): string {
  return `${kind}:${namespace}/${name}`.toLocaleLowerCase('en-US');
}

/** The strings of a finding value: a JSON list's items, or the text. */
function valueStrings(value: string): string[] {
  if (value.startsWith('[') || value.startsWith('"')) {
    try {
      const parsed: unknown = JSON.parse(value);
      const items = Array.isArray(parsed) ? parsed : [parsed];
      return items.filter((v): v is string => typeof v === 'string');
    } catch {
      // a JSON text cut at 200 characters: its items as far as they go (a
      // cut last item names no entity, so it hides the value)
      return value.match(/[^\s",[\]]+/g) ?? [];
    }
  }
  return [value];
}

/**
 * The entity refs a finding's `value` names, lower-cased: every qualified
 * ref in the text and, for a spec reference field, every value read the way
 * the catalog reads it (default kind of the field, namespace of the entity).
 * `undefined` in the list stands for a token naming an entity whose kind
 * cannot be known (e.g. `spec.dependsOn: [x]`), which is never shown.
 *
 * @internal
 */
export function findingValueRefs(finding: Finding): Array<string | undefined> {
  const namespace = namespaceOf(finding.entityRef);
  const refs: Array<string | undefined> = [];
  for (const token of finding.value.match(QUALIFIED_REF_IN_TEXT) ?? []) {
    const [kind, rest] = [
      token.slice(0, token.indexOf(':')),
      token.slice(token.indexOf(':') + 1),
    ];
    const slash = rest.indexOf('/');
    refs.push(
      slash < 0
        ? lowerRef(kind, namespace, rest)
        : lowerRef(kind, rest.slice(0, slash), rest.slice(slash + 1)),
    );
  }
  if (finding.field in SPEC_REF_DEFAULT_KINDS) {
    const defaultKind = SPEC_REF_DEFAULT_KINDS[finding.field];
    for (const text of valueStrings(finding.value)) {
      const match = LOOSE_REF.exec(text.trim());
      if (!match) continue; // not a ref at all: names nothing
      const [, kind = defaultKind, ns = namespace, name] = match;
      refs.push(kind ? lowerRef(kind, ns, name) : undefined);
    }
  }
  return refs;
}

/** The refs to load to decide what of a finding may be shown. */
export function findingRefsToCheck(finding: Finding): string[] {
  return [
    finding.entityRef,
    ...findingValueRefs(finding).filter((r): r is string => Boolean(r)),
  ];
}

/**
 * Findings about readable entities. A finding whose `value` names an entity
 * the caller may not read is, as the classifier says (hiddenValuePolicy),
 * kept with the value masked as {@link HIDDEN_VALUE} (it is about a
 * readable entity's own value, and its owner needs it; the field and
 * message stay), or left out (its existence alone would tell of that
 * entity). A finding whose value does not name all the entities it is
 * about (a long hierarchy cycle) is left out: they cannot be checked.
 */
export function cutFindings(
  findings: Finding[],
  canRead: (ref: string) => boolean,
): Finding[] {
  const out: Finding[] = [];
  for (const f of findings) {
    if (!canRead(f.entityRef) || !findingNamesAllItsRefs(f)) continue;
    if (findingValueRefs(f).every(ref => ref !== undefined && canRead(ref))) {
      out.push(f);
      continue;
    }
    if (hiddenValuePolicy(f) === 'mask')
      out.push({ ...f, value: HIDDEN_VALUE });
  }
  return out;
}

function cutChallenge(
  challenge: ChallengeResult,
  canRead: (ref: string) => boolean,
  shortened: ReadonlyArray<ReadonlyArray<string>> | undefined,
): ChallengeResult {
  return {
    ...challenge,
    reason: cutText(challenge.reason, canRead, shortened),
  };
}

/**
 * An item without unreadable refs: in its evidence, as the attester (`by`
 * is dropped, as for an annotation's attestation) and in its reason.
 */
function cutItem(
  item: ItemResult,
  canRead: (ref: string) => boolean,
): ItemResult {
  const cut: ItemResult = {
    ...item,
    evidence: item.evidence.filter(e => isUrl(e) || canRead(e)),
  };
  if (item.attestation?.by && !canRead(item.attestation.by)) {
    const { by: _hidden, ...attestation } = item.attestation;
    cut.attestation = attestation;
  }
  if (item.reason) {
    const reason = cutReason(item.reason, canRead);
    if (reason) cut.reason = reason;
    else delete cut.reason;
  }
  return cut;
}

/** The refs an ignored value of a reason names: its entity's, and any in the value. */
function ignoredValueRefs(entry: IgnoredValueEntry): Array<string | undefined> {
  return [
    entry.entityRef,
    ...findingValueRefs({
      entityRef: entry.entityRef,
      field: entry.key,
      value: entry.value,
      message: '',
    }),
  ];
}

/** The refs whose readability decides how an item's reason is shown. */
function reasonRefsToCheck(reason: string): string[] {
  const parsed = ignoredValueEntries(reason);
  if (!parsed) return refsInText(reason);
  return [
    ...refsInText(parsed.before),
    ...parsed.entries
      .flatMap(ignoredValueRefs)
      .filter((r): r is string => Boolean(r)),
  ];
}

/**
 * An item's reason as the caller may see it: ignored values of entities
 * the caller may not read, or naming such entities, are left out whole (a
 * value or a count would tell of them), other refs cut as by cutText.
 * Undefined when nothing is left.
 */
function cutReason(
  reason: string,
  canRead: (ref: string) => boolean,
): string | undefined {
  const parsed = ignoredValueEntries(reason);
  if (!parsed) return cutText(reason, canRead) || undefined;
  const kept = parsed.entries.filter(entry =>
    ignoredValueRefs(entry).every(ref => ref !== undefined && canRead(ref)),
  );
  const parts = [
    parsed.before && cutText(parsed.before, canRead),
    kept.length > 0 && ignoredValuesText(kept),
  ].filter((part): part is string => Boolean(part));
  return parts.length > 0 ? parts.join('. ') : undefined;
}

/**
 * The team as the caller may see it: unreadable refs leave evidence,
 * attesters and item reasons, findings, the parent and the rollup (whose level counts are then taken
 * over the remaining teams, from `levelOf`). Levels and kit progress stay as
 * computed over the whole catalog.
 */
export function cutTeam(
  assessment: TeamAssessment,
  canReadRef: (ref: string) => boolean,
  levelOf: (ref: string) => number | undefined,
  /** The team's full lists of reasons cut short (StoredTeam). */
  shortened: ShortenedReasonRefs = {},
): TeamAssessment {
  // The team is shown, so its own ref is too, even for an implicit team
  // (which has no entity to read: its findings name the missing group).
  const canRead = (ref: string) =>
    ref === assessment.entityRef || canReadRef(ref);
  let rollup = assessment.rollup;
  if (rollup) {
    const teams = rollup.teams.filter(canRead);
    if (teams.length !== rollup.teams.length) {
      const levels = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 };
      for (const ref of teams) {
        const level = levelOf(ref);
        if (level !== undefined) {
          levels[String(level) as keyof typeof levels] += 1;
        }
      }
      rollup = { ...rollup, teams, levels };
    }
  }
  return {
    ...assessment,
    parent:
      assessment.parent && canRead(assessment.parent)
        ? assessment.parent
        : null,
    items: assessment.items.map(item => cutItem(item, canRead)),
    challenges: {
      professionalSkills: cutChallenge(
        assessment.challenges.professionalSkills,
        canRead,
        shortened.professionalSkills,
      ),
      infrastructure: cutChallenge(
        assessment.challenges.infrastructure,
        canRead,
        shortened.infrastructure,
      ),
      data: cutChallenge(assessment.challenges.data, canRead, shortened.data),
    },
    findings: cutFindings(assessment.findings, canRead),
    rollup,
  };
}

/** The asset's contributions to the teams the caller may see. */
export function cutAsset(
  asset: AssetContribution,
  isTeamShown: (ref: string) => boolean,
  canRead: (ref: string) => boolean,
): AssetContribution {
  return {
    ...asset,
    countsToward: asset.countsToward.filter(c => isTeamShown(c.team)),
    findings: cutFindings(asset.findings, canRead),
  };
}
