/*
 * The public contract of the ML maturity plugins: kit definitions and the
 * assessment JSON of docs/kits.md (spec §5 and §7). Field names here are part of
 * the REST API and the CLI's --json output; do not rename them.
 */
import type { FilterPredicate } from '@backstage/filter-predicates';

/** Kit ids in kit order. @public */
export const KIT_IDS = [
  'starter',
  'accelerator',
  'scaler',
  'synergizer',
  'transformer',
] as const;

/** @public */
export type KitId = (typeof KIT_IDS)[number];

/** @public */
export const DIMENSIONS = ['people', 'process', 'technology'] as const;

/** @public */
export type Dimension = (typeof DIMENSIONS)[number];

/** Level numbers 1..5. @public */
export type MaturityLevel = 1 | 2 | 3 | 4 | 5;

/** Level names, index = level - 1. @public */
export const LEVEL_NAMES = [
  'Basic',
  'Opportunistic',
  'Systematic',
  'Differentiating',
  'Transformational',
] as const;

/** @public */
export type LevelName = (typeof LEVEL_NAMES)[number];

/** Where a rule looks for entities. @public */
export type RuleVia = 'owned' | 'owned-or-used' | 'members';

/**
 * A checklist rule: at least `min` entities reached `via` match `filter`, and
 * every rule of `allOf` holds too.
 * @public
 */
export interface KitRule {
  via: RuleVia;
  filter: FilterPredicate;
  /** default 1 */
  min?: number;
  allOf?: KitRule[];
}

/** One checklist item as defined (default kits or config). @public */
export interface KitItemDefinition {
  id: string;
  kit: KitId;
  dimension: Dimension;
  title: string;
  /** The framework's words. */
  description: string;
  /** Exactly what to add to which catalog-info.yaml to meet the item. */
  howTo: string;
  /** default true */
  required: boolean;
  /** default: true for process items, false otherwise */
  attestable: boolean;
  /** Omitted for attestation-only items. */
  rule?: KitRule;
}

/** One kit as defined. @public */
export interface KitDefinition {
  id: KitId;
  /** e.g. "AIML Starter Kit" */
  title: string;
  level: MaturityLevel;
  levelName: LevelName;
  items: KitItemDefinition[];
}

/** `GET /kits` response body. @public */
export interface KitsResponse {
  kits: KitDefinition[];
}

/** A problem with one value in the input; never breaks an assessment. @public */
export interface Finding {
  entityRef: string;
  /** The annotation key or the spec path (e.g. `spec.owner`). */
  field: string;
  /** The offending value as a string (JSON text for non-strings), cut to 200 characters. */
  value: string;
  /** What is wrong and what is allowed. */
  message: string;
}

/** @public */
export type ItemStatus = 'met' | 'attested' | 'unmet';

/** How an item was attested. @public */
export interface ItemAttestation {
  source: 'annotation' | 'portal';
  url: string;
  id?: string;
  by?: string;
  at?: string;
  expiresAt?: string;
}

/** One item's result for one team. @public */
export interface ItemResult {
  id: string;
  kit: KitId;
  dimension: Dimension;
  required: boolean;
  status: ItemStatus;
  /** Entity refs or, for attestations, http(s) URLs; sorted; [] when unmet. */
  evidence: string[];
  attestation?: ItemAttestation;
  /** Present when the status needs explaining (expired, ignored value). */
  reason?: string;
}

/** One kit's progress for one team. `met`/`total` count required items. @public */
export interface KitProgress {
  id: KitId;
  met: number;
  total: number;
  complete: boolean;
}

/** @public */
export interface ChallengeResult {
  level: MaturityLevel;
  reason: string;
}

/** The framework's three ML challenges, reported as diagnostics. @public */
export interface Challenges {
  professionalSkills: ChallengeResult;
  infrastructure: ChallengeResult;
  data: ChallengeResult;
}

/** Rollup of a group with child groups. @public */
export interface TeamRollup {
  teams: string[];
  levels: Record<'1' | '2' | '3' | '4' | '5', number>;
  level: MaturityLevel;
  kitsCompleted: number;
  currentKit: KitId | null;
  kits: KitProgress[];
}

/** One team's assessment. @public */
export interface TeamAssessment {
  entityRef: string;
  implicit: boolean;
  /** Ref of the parent group, or null. */
  parent: string | null;
  level: MaturityLevel;
  levelName: LevelName;
  kitsCompleted: number;
  currentKit: KitId | null;
  kits: KitProgress[];
  items: ItemResult[];
  challenges: Challenges;
  findings: Finding[];
  rollup: TeamRollup | null;
}

/** The assessment JSON (spec §7): REST API and CLI --json. @public */
export interface Assessment {
  generatedAt: string;
  teams: TeamAssessment[];
  unattributedAssets: string[];
  findings: Finding[];
}

/**
 * A portal attestation as the backend stores it and hands to the classifier.
 * @public
 */
export interface PortalAttestation {
  id: string;
  /** Team ref, lower-case `group:namespace/name`. */
  teamRef: string;
  itemId: string;
  url: string;
  comment?: string;
  /** User ref of who attested. */
  by: string;
  /** ISO time. */
  at: string;
  /** ISO time. */
  expiresAt: string;
}

/** Options of {@link classify}. @public */
export interface ClassifyOptions {
  /**
   * Catalog entities (with `relations`) and/or raw YAML documents (spec fields
   * only). Anything else in the list is ignored; bad values become findings.
   */
  entities: ReadonlyArray<unknown>;
  /** Kit definitions in force; defaults to the default kits. */
  kits?: ReadonlyArray<KitDefinition>;
  /** Extra asset-type aliases (alias → vocabulary word), added to the defaults. */
  assetTypeAliases?: Readonly<Record<string, string>>;
  /** Portal attestations (active, expired or both); revoked ones are not passed. */
  attestations?: ReadonlyArray<PortalAttestation>;
  /** The assessment time; becomes `generatedAt`. */
  now: Date | string;
}

/** How one ML asset counts (backs `GET /assets/:kind/:namespace/:name`). @public */
export interface AssetContribution {
  entityRef: string;
  assetType: string | null;
  /** Items this entity is evidence for, per team. */
  countsToward: Array<{ team: string; itemId: string; via: 'owned' | 'used' }>;
  findings: Finding[];
}

/** What {@link classifyWithDetails} returns. @public */
export interface ClassificationDetails {
  assessment: Assessment;
  /** Every entity that has an asset type, sorted by entityRef. */
  assets: AssetContribution[];
  /**
   * For each implicit team (a Group named as owner that is no entity), by
   * its ref: the refs of the entities naming it as owner through
   * `spec.owner` or an `ownedBy` relation, sorted: the entities it assesses,
   * and also documents of other API versions (scaffolder Templates, say),
   * which take no other part in classification. An implicit team has no
   * entity whose read permission could decide who may see it; a backend
   * can decide by these.
   */
  implicitTeamReferrers: Record<string, string[]>;
  /**
   * For each team whose challenge reasons list more evidence than they
   * name (`(a, b, c and 4 more)`), by its ref: per challenge, the full
   * ref list of each such parenthesis, in the order of the reason. A
   * backend that hides refs a caller may not read recounts the list from
   * these, so the count says nothing about hidden entities.
   */
  shortenedReasonRefs: Record<string, ShortenedReasonRefs>;
}

/** See {@link ClassificationDetails.shortenedReasonRefs}. @public */
export type ShortenedReasonRefs = Partial<Record<keyof Challenges, string[][]>>;

/** Roadmap item row (`GET /roadmap`). @public */
export interface RoadmapItem {
  id: string;
  kit: KitId;
  /** Teams whose current kit has this item unmet (required items only). */
  blocks: string[];
  /** Teams for which it is the only unmet required item of the current kit. */
  completes: string[];
}

/**
 * One team in the roadmap: what the org view shows per team, without the
 * checklist (a UI that lists thousands of teams loads this, not every
 * team's full assessment).
 * @public
 */
export type RoadmapTeam = Pick<
  TeamAssessment,
  | 'entityRef'
  | 'implicit'
  | 'parent'
  | 'level'
  | 'levelName'
  | 'kitsCompleted'
  | 'currentKit'
  | 'kits'
>;

/** `GET /roadmap` body (before the API adds stale/lastRefresh/lastError). @public */
export interface Roadmap {
  generatedAt: string;
  /** Team refs per level. */
  levels: Record<'1' | '2' | '3' | '4' | '5', string[]>;
  /** Every team's summary, sorted by entityRef. */
  teams: RoadmapTeam[];
  /** Sorted by blocks count desc, then completes count desc, then id. */
  items: RoadmapItem[];
}
