/** The median of a non-empty list. @internal */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? sorted[mid]
    : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Rounds to `digits` decimals. @internal */
export function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Bytes to MiB, one decimal. @internal */
export function toMb(bytes: number): number {
  return round(bytes / 1024 / 1024, 1);
}
