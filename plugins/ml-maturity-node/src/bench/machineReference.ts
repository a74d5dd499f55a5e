import { performance } from 'node:perf_hooks';
import { median, round } from './stats';

const REFERENCE_REFS = 100_000;

/**
 * A fixed piece of work of the kind the classifier does (building ref
 * strings, a `Map` of them, small objects, lookups in scattered order and
 * a sort of the strings). Returns a number derived from all of it, so the
 * engine cannot skip any: the sum of every id looked up plus the length of
 * the first ref in sorted order. @internal
 */
export function referenceWork(): number {
  const refs: string[] = [];
  const byRef = new Map<string, { id: number; ref: string }>();
  for (let i = 0; i < REFERENCE_REFS; i++) {
    // 7919 is prime, so the names are a permutation of 0..n-1
    const ref = `component:default/service-${(i * 7919) % REFERENCE_REFS}`;
    refs.push(ref);
    byRef.set(ref, { id: i, ref });
  }
  let sum = 0;
  for (let i = 0; i < REFERENCE_REFS; i++) {
    sum += byRef.get(refs[(i * 31) % REFERENCE_REFS])!.id;
  }
  refs.sort();
  return sum + refs[0].length;
}

/**
 * The median time of a fixed reference workload, in ms: the same code on
 * every machine, so that figures measured on different machines, or on
 * one machine at different times (cloud machines vary by a factor of
 * three), can be compared by it. One untimed round first, then `rounds`.
 *
 * @internal
 */
export function machineReferenceMs(rounds = 5): number {
  let check = referenceWork();
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const start = performance.now();
    check += referenceWork();
    times.push(performance.now() - start);
  }
  if (!Number.isFinite(check)) {
    throw new Error('machine reference: unexpected result');
  }
  return round(median(times));
}
