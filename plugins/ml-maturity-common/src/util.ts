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

/** Plain string comparison (code units), stable across locales. @internal */
export function compareStrings(a: string, b: string): number {
  if (a < b) {
    return -1;
  }
  return a > b ? 1 : 0;
}

/** Sorted copy without duplicates. @internal */
export function sortedUnique(values: Iterable<string>): string[] {
  return Array.from(new Set(values)).sort(compareStrings);
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
