/**
 * Kit definitions, the pure ML maturity classifier, shared types,
 * permissions and config validation of the ML maturity plugins.
 *
 * @packageDocumentation
 */

export * from './types';
export * from './api';
export * from './constants';
export {
  DEFAULT_ASSET_TYPE_ALIASES,
  isAssetType,
  resolveAssetType,
} from './aliases';
export { DEFAULT_KITS } from './kits/defaultKits';
export { classify, classifyWithDetails } from './classify';
export { isUnrenderedTemplate } from './entities';
export type { MlFacts } from './facts';
export { buildRoadmap } from './roadmap';
export { reasonRefList } from './challenges';
export {
  containsControlCharacters,
  evidenceUrlProblem,
  isEvidenceUrl,
} from './attestations';
export { findingNamesAllItsRefs, hiddenValuePolicy } from './findings';
export { assessedDuplicateIndex, editDistance } from './util';
export {
  IGNORED_VALUES_REASON_START,
  ignoredValueEntries,
  ignoredValuesText,
} from './ignoredValues';
export type { IgnoredValueEntry } from './ignoredValues';
export {
  readMlMaturityConfig,
  validateKitsConfig,
  validateAssetTypeAliases,
} from './config';
export type { MlMaturityConfig, ValidateKitsConfigOptions } from './config';
export * from './permissions';
