import { classifierBenchSection } from './classifierSection';
import { BenchSection } from './types';

/**
 * The sections `yarn bench` runs, in order. To add figures (the backend's
 * refresh and store, for instance), write a {@link BenchSection} and append
 * it here; its fields join the final JSON line.
 *
 * @public
 */
export const defaultBenchSections: ReadonlyArray<BenchSection> = [
  classifierBenchSection,
];
