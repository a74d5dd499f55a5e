import { compareStrings } from './util';

/**
 * Every normalised ref seen (entities and the targets of their edges), each
 * given a dense integer id in one map lookup, so that the rest of the
 * classification works on integers.
 * @internal
 */
export class RefTable {
  readonly refs: string[] = [];
  private readonly ids = new Map<string, number>();

  intern(ref: string): number {
    let id = this.ids.get(ref);
    if (id === undefined) {
      id = this.refs.length;
      this.refs.push(ref);
      this.ids.set(ref, id);
    }
    return id;
  }
}

/** Ref `i` is `chars[starts[i]]` to `chars[ends[i] - 1]`. */
interface Bytes {
  chars: Uint8Array;
  starts: Int32Array;
  ends: Int32Array;
}

/** A class, not an object literal: see ReadState in entities.ts. */
class BytesBox implements Bytes {
  constructor(
    public chars: Uint8Array,
    public starts: Int32Array,
    public ends: Int32Array,
  ) {}
}

/**
 * The characters of a list of refs, one after the other in one compact
 * byte array: ref `i` is `chars[starts[i]]` to `chars[ends[i] - 1]`.
 *
 * The classifier copies each entity's ref here while the entity is read
 * (the ref was just built, so the copy reads nothing from memory), and
 * sorts the entities by these bytes ({@link RefBytes.sort}): a sort of the
 * ref strings themselves reads them where they lie, scattered in memory in
 * input order, and gives strings, which then take a map lookup each to
 * find their entity again.
 * @internal
 */
export class RefBytes {
  private readonly bytes: Bytes = new BytesBox(
    new Uint8Array(1 << 16),
    new Int32Array(1024),
    new Int32Array(1024),
  );
  private count = 0;
  private used = 0;
  /** Whether every ref has only characters up to U+00FF. */
  private narrow = true;

  /** Appends a ref: the refs are numbered in the order pushed. */
  push(ref: string) {
    const bytes = this.bytes;
    const index = this.count++;
    if (index === bytes.starts.length) {
      bytes.starts = grow(bytes.starts);
      bytes.ends = grow(bytes.ends);
    }
    const start = this.used;
    if (start + ref.length > bytes.chars.length) {
      const chars = new Uint8Array((start + ref.length) * 2);
      chars.set(bytes.chars);
      bytes.chars = chars;
    }
    const chars = bytes.chars;
    for (let i = 0; i < ref.length; i++) {
      const code = ref.charCodeAt(i);
      if (code > 0xff) this.narrow = false;
      chars[start + i] = code;
    }
    bytes.starts[index] = start;
    bytes.ends[index] = start + ref.length;
    this.used = start + ref.length;
  }

  /**
   * Sorts `order`, numbers of refs in this list, by their refs in
   * code-unit order (`compareStrings`, the default sort of strings), in
   * place. `refs` are the same refs as strings, for the case the bytes
   * cannot hold (never for refs the parser made: they are ASCII).
   */
  sort(order: Int32Array, refs: (index: number) => string) {
    if (this.narrow) {
      radixSort(order, this.bytes);
      return;
    }
    const sorted = Array.from(order).sort((a, b) =>
      compareStrings(refs(a), refs(b)),
    );
    order.set(sorted);
  }
}

function grow(array: Int32Array): Int32Array {
  const grown = new Int32Array(array.length * 2);
  grown.set(array);
  return grown;
}

/** Ranges shorter than this are sorted by insertion. */
const SMALL_RANGE = 16;

/**
 * Most-significant-digit radix sort of ids by their bytes (a shorter ref
 * first where one is a prefix of the other), with an explicit stack of
 * ranges and a scratch array; small ranges by insertion.
 */
function radixSort(ids: Int32Array, bytes: Bytes) {
  const scratch = new Int32Array(ids.length);
  const counts = new Int32Array(257);
  // (start, end, depth) triples
  const stack: number[] = [0, ids.length, 0];
  while (stack.length > 0) {
    const depth = stack.pop()!;
    const end = stack.pop()!;
    const start = stack.pop()!;
    if (end - start < SMALL_RANGE) {
      insertionSort(ids, start, end, depth, bytes);
      continue;
    }
    counts.fill(0);
    // Bucket 0: the ref ends before `depth`; bucket b + 1: byte b.
    for (let i = start; i < end; i++) {
      counts[byteAt(ids[i], depth, bytes)]++;
    }
    if (isSingleBucket(counts, end - start)) {
      // All share this byte, and maybe more (a common prefix).
      stack.push(
        start,
        end,
        depth + commonLength(ids, start, end, depth, bytes),
      );
      continue;
    }
    let position = start;
    for (let b = 0; b < 257; b++) {
      const count = counts[b];
      counts[b] = position;
      if (b > 0 && count > 1) stack.push(position, position + count, depth + 1);
      position += count;
    }
    for (let i = start; i < end; i++) {
      const id = ids[i];
      scratch[counts[byteAt(id, depth, bytes)]++] = id;
    }
    ids.set(scratch.subarray(start, end), start);
  }
}

function byteAt(id: number, depth: number, bytes: Bytes): number {
  const { chars, starts, ends } = bytes;
  const at = starts[id] + depth;
  return at < ends[id] ? chars[at] + 1 : 0;
}

/** How many bytes from `depth` on all refs of the range share (at least 1 here). */
function commonLength(
  ids: Int32Array,
  start: number,
  end: number,
  depth: number,
  bytes: Bytes,
): number {
  const { chars, starts, ends } = bytes;
  const first = starts[ids[start]] + depth;
  let common = ends[ids[start]] - first;
  for (let i = start + 1; i < end && common > 1; i++) {
    const at = starts[ids[i]] + depth;
    const length = Math.min(common, ends[ids[i]] - at);
    let k = 0;
    while (k < length && chars[at + k] === chars[first + k]) k++;
    common = k;
  }
  return common;
}

function isSingleBucket(counts: Int32Array, total: number): boolean {
  for (let b = 1; b < 257; b++) {
    if (counts[b] !== 0) return counts[b] === total;
  }
  return false;
}

function insertionSort(
  ids: Int32Array,
  start: number,
  end: number,
  depth: number,
  bytes: Bytes,
) {
  for (let i = start + 1; i < end; i++) {
    const id = ids[i];
    let j = i - 1;
    while (j >= start && compareFrom(ids[j], id, depth, bytes) > 0) {
      ids[j + 1] = ids[j];
      j--;
    }
    ids[j + 1] = id;
  }
}

/** Compares two refs' bytes from `depth` on (equal before it). */
function compareFrom(
  a: number,
  b: number,
  depth: number,
  bytes: Bytes,
): number {
  const { chars, starts, ends } = bytes;
  const aStart = starts[a] + depth;
  const bStart = starts[b] + depth;
  const aLength = ends[a] - aStart;
  const bLength = ends[b] - bStart;
  const length = Math.min(aLength, bLength);
  for (let i = 0; i < length; i++) {
    const d = chars[aStart + i] - chars[bStart + i];
    if (d !== 0) return d;
  }
  return aLength - bLength;
}
