/**
 * Integer graph storage for the classifier. A catalog has hundreds of
 * thousands of edges: kept as per-entity arrays of ref strings, they cost
 * more in allocation, garbage collection and map lookups than the
 * classification itself. Here they are integer pairs while being read, then
 * compressed sparse rows (CSR): the targets of row `r` are
 * `targets[offsets[r]]` to `targets[offsets[r + 1] - 1]`.
 */

/** Rows of integers in two typed arrays. @internal */
export interface Csr {
  /** Length rows + 1; row `r` is `offsets[r]` to `offsets[r + 1]`. */
  offsets: Int32Array;
  targets: Int32Array;
}

/** A growable list of (row, value) integer pairs. @internal */
export class IntPairs {
  rows = new Int32Array(1024);
  values = new Int32Array(1024);
  size = 0;

  push(row: number, value: number) {
    if (this.size === this.rows.length) {
      const rows = new Int32Array(this.size * 2);
      rows.set(this.rows);
      this.rows = rows;
      const values = new Int32Array(this.size * 2);
      values.set(this.values);
      this.values = values;
    }
    this.rows[this.size] = row;
    this.values[this.size] = value;
    this.size++;
  }
}

/**
 * The pairs as CSR over `rowCount` rows, each row in push order. A row may
 * be mapped through `rowMap` first (a pair whose row maps to -1 is dropped).
 * @internal
 */
export function toCsr(
  rowCount: number,
  pairs: IntPairs,
  rowMap?: Int32Array,
): Csr {
  // One loop per small function, each with typed-array arguments only: a
  // classification calls this a dozen times, and a function with several
  // loops and a branch per pair was optimised and thrown away again each
  // time a loop or branch first ran.
  const size = pairs.size;
  const rows = rowMap
    ? mapRows(pairs.rows, size, rowMap)
    : pairs.rows.subarray(0, size);
  const offsets = new Int32Array(rowCount + 1);
  countRows(rows, offsets);
  prefixSums(offsets);
  const targets = new Int32Array(offsets[rowCount]);
  fillRows(rows, pairs.values, offsets, targets);
  return { offsets, targets };
}

/** Each row mapped through `rowMap` (-1: dropped). */
function mapRows(
  rows: Int32Array,
  size: number,
  rowMap: Int32Array,
): Int32Array {
  const mapped = new Int32Array(size);
  for (let i = 0; i < size; i++) {
    mapped[i] = rowMap[rows[i]];
  }
  return mapped;
}

/** `offsets[r + 1]` = the number of pairs in row r. */
function countRows(rows: Int32Array, offsets: Int32Array): void {
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (row >= 0) offsets[row + 1]++;
  }
}

function prefixSums(offsets: Int32Array): void {
  for (let r = 1; r < offsets.length; r++) {
    offsets[r] += offsets[r - 1];
  }
}

/** The values into their rows, in pair order. */
function fillRows(
  rows: Int32Array,
  values: Int32Array,
  offsets: Int32Array,
  targets: Int32Array,
): void {
  const cursor = offsets.slice(0, offsets.length - 1);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (row >= 0) targets[cursor[row]++] = values[i];
  }
}

/**
 * The pairs as CSR with each row sorted ascending and without duplicates
 * (sorting is per row, and rows are short: linear overall).
 * @internal
 */
export function toSortedUniqueCsr(rowCount: number, pairs: IntPairs): Csr {
  const { offsets, targets } = toCsr(rowCount, pairs);
  let write = 0;
  let start = 0;
  for (let r = 0; r < rowCount; r++) {
    const end = offsets[r + 1];
    if (end - start > 16) {
      targets.subarray(start, end).sort();
    } else {
      // Short rows (nearly all): an insertion sort in place, with no
      // subarray view allocated per row.
      for (let i = start + 1; i < end; i++) {
        const value = targets[i];
        let j = i - 1;
        while (j >= start && targets[j] > value) {
          targets[j + 1] = targets[j];
          j--;
        }
        targets[j + 1] = value;
      }
    }
    offsets[r] = write;
    for (let k = start; k < end; k++) {
      if (k === start || targets[k] !== targets[write - 1]) {
        targets[write++] = targets[k];
      }
    }
    start = end;
  }
  offsets[rowCount] = write;
  return { offsets, targets: targets.subarray(0, write) };
}
