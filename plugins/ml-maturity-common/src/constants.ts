import { LEVEL_NAMES, LevelName } from './types';

/** Prefix of every annotation the plugins read. @internal */
export const ML_ANNOTATION_PREFIX = 'ml-maturity.io/';

/**
 * The default longest a refresh may run (`mlMaturity.schedule.timeout`), in
 * minutes. The frontend uses it as the window in which an attestation may
 * have missed the refresh that finished after it.
 * @public
 */
export const DEFAULT_REFRESH_TIMEOUT_MINUTES = 10;

/** Annotation naming an entity's ML asset type. @public */
export const ANNOTATION_ASSET = 'ml-maturity.io/asset';
/** `true` / `false` (default): the dataset is curated. @public */
export const ANNOTATION_CURATED = 'ml-maturity.io/curated';
/** `project` (default), `team`, `enterprise`, `external`. @public */
export const ANNOTATION_SCOPE = 'ml-maturity.io/scope';
/** `basic` (default), `advanced`, `interactive`. @public */
export const ANNOTATION_TUTORIAL_LEVEL = 'ml-maturity.io/tutorial-level';
/** `on-prem` (default), `cloud`, `hybrid`, `multi-cloud`. @public */
export const ANNOTATION_HOSTING = 'ml-maturity.io/hosting';
/** `true` / `false` (default). @public */
export const ANNOTATION_FAULT_TOLERANT = 'ml-maturity.io/fault-tolerant';
/** Free text, e.g. `gpu`, `tpu`. @public */
export const ANNOTATION_ACCELERATOR = 'ml-maturity.io/accelerator';
/** Free text, e.g. `kubeflow`, `airflow`. @public */
export const ANNOTATION_ORCHESTRATOR = 'ml-maturity.io/orchestrator';
/** http(s) URL of the open-source publication. @public */
export const ANNOTATION_OPEN_SOURCE = 'ml-maturity.io/open-source';
/** Comma list of roles, on User entities. @public */
export const ANNOTATION_ROLE = 'ml-maturity.io/role';
/**
 * Prefix of the attestation-as-code annotation on Group entities:
 * `ml-maturity.io/attest.<itemId>: <http(s) URL>`.
 * @public
 */
export const ANNOTATION_ATTEST_PREFIX = 'ml-maturity.io/attest.';

/** The asset-type vocabulary (spec §3). @public */
export const ASSET_TYPES = [
  'dataset',
  'notebook',
  'ml-model',
  'ml-pipeline',
  'feature-pipeline',
  'data-pipeline',
  'feature-store',
  'data-marketplace',
  'ml-platform',
  'compute',
  'storage',
  'ml-environment',
  'ml-library',
  'tutorial',
  'collaboration-platform',
] as const;

/** @public */
export type AssetType = (typeof ASSET_TYPES)[number];

/** The role vocabulary of `ml-maturity.io/role` (spec §5). @public */
export const ROLES = [
  'data-engineer',
  'data-scientist',
  'annotator',
  'ml-engineer',
  'product-manager',
  'devops',
  'ml-researcher',
  'ai-advisor',
  'ai-thought-leader',
  'advanced-researcher',
] as const;

/** @public */
export type Role = (typeof ROLES)[number];

/** Values of `ml-maturity.io/scope`, default first. @public */
export const SCOPES = ['project', 'team', 'enterprise', 'external'] as const;
/** Values of `ml-maturity.io/hosting`, default first. @public */
export const HOSTINGS = ['on-prem', 'cloud', 'hybrid', 'multi-cloud'] as const;
/** Values of `ml-maturity.io/tutorial-level`, default first. @public */
export const TUTORIAL_LEVELS = ['basic', 'advanced', 'interactive'] as const;

/**
 * The name of a maturity level (1 Basic ... 5 Transformational); levels
 * outside 1..5 are clamped.
 * @public
 */
export function levelName(level: number): LevelName {
  const n = Number.isFinite(level) ? Math.trunc(level) : 1;
  return LEVEL_NAMES[Math.min(5, Math.max(1, n)) - 1];
}
