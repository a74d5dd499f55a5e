/** @internal */
export type JsonRecord = { readonly [key: string]: unknown };

const hasOwnProperty = Object.prototype.hasOwnProperty;

/** A non-array object. @internal */
export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Own property or undefined; never reads the prototype chain. @internal */
export function getOwn(obj: unknown, key: string): unknown {
  if (!isRecord(obj)) {
    return undefined;
  }
  return hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

/**
 * Whether `Object.prototype` is free of the names the classifier reads by
 * plain property access; see {@link isPlainRecord}.
 */
let prototypeClean = true;

/**
 * Checks, at the start of a classification, that `Object.prototype` has
 * none of `names` (someone may have polluted it). @internal
 */
export function checkPrototypeFor(names: ReadonlyArray<string>): void {
  prototypeClean = names.every(
    name => !hasOwnProperty.call(Object.prototype, name),
  );
}

/**
 * A non-array object whose own properties, among the names passed to
 * {@link checkPrototypeFor}, can be read as `obj.name`: its prototype is
 * `Object.prototype` (which has none of them) or null, as for everything
 * JSON and YAML parsers make. Such a read gives exactly what
 * {@link getOwn} gives, but lets the engine cache the object's layout:
 * entities of one kind share it, and these reads run for every entity,
 * relation and field. Other objects go through getOwn.
 * @internal
 */
export function isPlainRecord(value: unknown): value is JsonRecord {
  if (typeof value !== 'object' || value === null || !prototypeClean) {
    return false;
  }
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Plain string comparison (code units), stable across locales. @internal */
export function compareStrings(a: string, b: string): number {
  if (a < b) {
    return -1;
  }
  return a > b ? 1 : 0;
}

/**
 * Whether an ascending list of numbers holds a value: a binary search, for
 * lists that may be long (an entity's teams). @internal
 */
export function includesAscending(
  list: ReadonlyArray<number>,
  value: number,
): boolean {
  let low = 0;
  let high = list.length - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const at = list[mid];
    if (at === value) return true;
    if (at < value) low = mid + 1;
    else high = mid - 1;
  }
  return false;
}

/** Sorted copy without duplicates. @internal */
export function sortedUnique(values: Iterable<string>): string[] {
  if (Array.isArray(values) && values.length <= 16) {
    return sortedUniqueSmall(values.slice());
  }
  return Array.from(new Set(values)).sort(compareStrings);
}

/**
 * Sorts a short list in place, ascending (strings by code units): an
 * insertion sort, which allocates nothing, where Array.prototype.sort
 * allocates working storage on every call. For the short lists the
 * classifier builds for many entities or teams. @internal
 */
export function insertionSort<T extends number | string>(list: T[]): T[] {
  for (let i = 1; i < list.length; i++) {
    const value = list[i];
    let j = i - 1;
    while (j >= 0 && list[j] > value) {
      list[j + 1] = list[j];
      j--;
    }
    list[j + 1] = value;
  }
  return list;
}

/**
 * Sorts a short list of strings in place and drops repeats, with no Set
 * and no sort buffer (an entity's asset or link types).
 */
function sortedUniqueSmall(list: string[]): string[] {
  insertionSort(list);
  let write = 0;
  for (let i = 0; i < list.length; i++) {
    if (write === 0 || list[write - 1] !== list[i]) list[write++] = list[i];
  }
  list.length = write;
  return list;
}

const MAX_URL_LENGTH = 4096;

/** True for an absolute http(s) URL. @internal */
export function isHttpUrl(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > MAX_URL_LENGTH) {
    return false;
  }
  if (!/^https?:\/\//i.test(value)) {
    return false;
  }
  try {
    const url = new URL(value);
    return (
      (url.protocol === 'http:' || url.protocol === 'https:') && !!url.host
    );
  } catch {
    return false;
  }
}

/** JSON text of a value, or a placeholder when it cannot be serialised. @internal */
export function safeJson(value: unknown): string {
  try {
    const text = JSON.stringify(value);
    return text === undefined ? String(value) : text;
  } catch {
    return '[unserialisable value]';
  }
}

/**
 * Of several documents defining one entity (the same kind, namespace and
 * name), the index of the one the classifier assesses: the one whose JSON
 * text sorts first, so the choice does not depend on the input order. A
 * tool that knows where each document came from (the CLI) names that one.
 *
 * @public
 */
export function assessedDuplicateIndex(
  documents: ReadonlyArray<unknown>,
): number {
  let chosen = 0;
  let best = safeJson(documents[0]);
  for (let k = 1; k < documents.length; k++) {
    const text = safeJson(documents[k]);
    if (text < best) {
      best = text;
      chosen = k;
    }
  }
  return chosen;
}

/**
 * Edits (insert, delete, replace) from one text to another, counted up to
 * `limit + 1` (texts further apart than `limit` give `limit + 1`): for
 * "did you mean" suggestions.
 *
 * @public
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j] + 1,
        current[j - 1] + 1,
        previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return Math.min(previous[b.length], limit + 1);
}
