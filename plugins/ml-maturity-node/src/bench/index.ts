export { generateOrg, ORG_PROPORTIONS } from './generateOrg';
export type {
  GenerateOrgOptions,
  GeneratedEntity,
  GeneratedOrg,
  GeneratedOrgCounts,
} from './generateOrg';
export { runBench } from './runBench';
export type { RunBenchOptions } from './runBench';
export { defaultBenchSections } from './sections';
export { classifierBenchSection } from './classifierSection';
export type { MemoryMeasurement } from './memory';
export type { BenchContext, BenchSection, BenchSectionResult } from './types';
