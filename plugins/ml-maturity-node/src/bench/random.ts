/**
 * A small seeded pseudo-random generator (mulberry32): the same seed gives
 * the same sequence on every platform, which is all the generator needs.
 * @internal
 */
export class Random {
  private state: number;

  static create(seed: number): Random {
    return new Random(seed);
  }

  private constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(values: ReadonlyArray<T>): T {
    return values[this.int(values.length)];
  }

  /** Picks index i with probability weights[i] / sum(weights). */
  weighted(weights: ReadonlyArray<number>): number {
    const total = weights.reduce((sum, w) => sum + w, 0);
    let x = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      x -= weights[i];
      if (x < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }

  /**
   * A picker of index i with probability weights[i] / sum(weights), for
   * many picks over the same weights (binary search over cumulative sums).
   */
  weightedPicker(weights: ReadonlyArray<number>): () => number {
    const cumulative: number[] = [];
    let total = 0;
    for (const weight of weights) {
      total += weight;
      cumulative.push(total);
    }
    return () => {
      const x = this.next() * total;
      let low = 0;
      let high = cumulative.length - 1;
      while (low < high) {
        const mid = (low + high) >> 1;
        if (cumulative[mid] > x) {
          high = mid;
        } else {
          low = mid + 1;
        }
      }
      return low;
    };
  }
}
