import { GeneratedOrg } from './generateOrg';

/**
 * What every bench section gets: the sizes to measure and a cached
 * generator, so sections share one generated organisation per size.
 * @public
 */
export interface BenchContext {
  /** Entity counts to measure, in order. */
  sizes: number[];
  /** The size whose figures become the top-level fields of the final JSON. */
  primarySize: number;
  seed: number;
  /** Timed runs per size (after one warm-up run unless `smoke`). */
  runs: number;
  /** `--smoke`: one small run, for CI. */
  smoke: boolean;
  /** Whether to measure memory in a child process. */
  memory: boolean;
  /** The generated organisation of that size (the last one is cached). */
  getOrg(size: number): GeneratedOrg;
  /** Progress message on stderr. */
  log(message: string): void;
}

/** What one section adds to the output. @public */
export interface BenchSectionResult {
  /** Lines printed under the section's title (a table). */
  lines: string[];
  /**
   * Fields merged into the final JSON line. Keys must not clash with other
   * sections' keys (runBench fails if they do).
   */
  fields: Record<string, unknown>;
}

/**
 * One part of `yarn bench`. Sections run in order; each prints a table and
 * adds fields to the final JSON line.
 * @public
 */
export interface BenchSection {
  id: string;
  title: string;
  run(context: BenchContext): Promise<BenchSectionResult>;
}
