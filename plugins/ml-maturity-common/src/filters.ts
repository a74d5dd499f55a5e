import {
  FilterPredicate,
  getJsonValueAtPath,
} from '@backstage/filter-predicates';
import { JsonValue } from '@backstage/types';
import { ASSET_TYPES } from './constants';

/** A compiled filter predicate. @internal */
export type FilterFunction = (value: unknown) => boolean;

type Lookup = (value: unknown) => unknown;
type ValueTest = (value: unknown) => boolean;

const hasOwn = Object.prototype.hasOwnProperty;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * `valuesAreEqual(a, b)` of `@backstage/filter-predicates` with `b` fixed:
 * case-insensitive strings, numbers compared as strings.
 */
/**
 * `a.toUpperCase() === upper`, without allocating the upper-cased copy
 * when `a` is ASCII (each character then maps to one character).
 */
function equalsUpperCased(a: string, upper: string): boolean {
  const length = a.length;
  for (let i = 0; i < length; i++) {
    let code = a.charCodeAt(i);
    if (code >= 128) {
      return a.toUpperCase() === upper;
    }
    if (code >= 97 && code <= 122) code -= 32;
    if (i >= upper.length || code !== upper.charCodeAt(i)) {
      // A mismatch; still exact if the rest holds no non-ASCII character
      // (whose upper case could be longer, as "ß" is "SS").
      for (let j = i + 1; j < length; j++) {
        if (a.charCodeAt(j) >= 128) return a.toUpperCase() === upper;
      }
      return false;
    }
  }
  return length === upper.length;
}

function compileEquals(b: unknown): ValueTest {
  if (b === null) {
    return () => false;
  }
  if (typeof b === 'string') {
    const upper = b.toUpperCase();
    return a =>
      a === b ||
      (typeof a === 'string'
        ? equalsUpperCased(a, upper)
        : typeof a === 'number' && String(a) === b);
  }
  if (typeof b === 'number') {
    const text = String(b);
    return a => a !== null && String(a) === text;
  }
  if (Array.isArray(b)) {
    const tests = b.map(compileEquals);
    const text = String(b);
    return a => {
      if (a === null) {
        return false;
      }
      if (a === b) {
        return true;
      }
      if (typeof a === 'number') {
        return String(a) === text;
      }
      return (
        Array.isArray(a) &&
        a.length === tests.length &&
        tests.every((t, i) => t(a[i]))
      );
    };
  }
  return a => a !== null && a === b;
}

const lookupCache = new Map<string, Lookup>();

/**
 * `getJsonValueAtPath` compiled for one path. Keys may contain dots (as
 * annotation keys do); when more than one candidate key exists in the same
 * object, the library function decides, so the result is always the same.
 */
function compileLookup(path: string): Lookup {
  const cached = lookupCache.get(path);
  if (cached) {
    return cached;
  }
  let lookup: Lookup;
  if (!path) {
    lookup = () => undefined;
  } else {
    const segments = path.split('.');
    const candidates: Array<{ key: string; rest: Lookup | undefined }> = [];
    for (let i = 1; i <= segments.length; i++) {
      const key = segments.slice(0, i).join('.');
      const restPath = segments.slice(i).join('.');
      candidates.push({
        key,
        rest: i === segments.length ? undefined : compileLookup(restPath),
      });
    }
    lookup = value => {
      if (!isObject(value)) {
        return undefined;
      }
      let hit: { key: string; rest: Lookup | undefined } | undefined;
      for (const candidate of candidates) {
        if (hasOwn.call(value, candidate.key)) {
          if (hit) {
            return getJsonValueAtPath(value as JsonValue, path);
          }
          hit = candidate;
        }
      }
      if (!hit) {
        return undefined;
      }
      const child = value[hit.key];
      return hit.rest ? hit.rest(child) : child;
    };
  }
  lookupCache.set(path, lookup);
  return lookup;
}

function compileValue(filter: unknown): ValueTest {
  if (typeof filter !== 'object' || filter === null || Array.isArray(filter)) {
    return compileEquals(filter);
  }
  if ('$contains' in filter) {
    const inner = compilePredicate((filter as any).$contains);
    return v => Array.isArray(v) && v.some(inner);
  }
  if ('$in' in filter) {
    const tests = ((filter as any).$in as unknown[]).map(compileEquals);
    return v => tests.some(t => t(v));
  }
  if ('$exists' in filter) {
    return (filter as any).$exists === true
      ? v => v !== undefined
      : v => v === undefined;
  }
  if ('$hasPrefix' in filter) {
    const prefix = String((filter as any).$hasPrefix).toUpperCase();
    return v => typeof v === 'string' && v.toUpperCase().startsWith(prefix);
  }
  return () => false;
}

function compilePredicate(predicate: unknown): FilterFunction {
  if (
    typeof predicate !== 'object' ||
    predicate === null ||
    Array.isArray(predicate)
  ) {
    return compileEquals(predicate);
  }
  const p = predicate as Record<string, unknown>;
  const keys = Object.keys(p);
  for (const op of ['$all', '$any', '$not']) {
    if (op in p) {
      if (keys.length !== 1) {
        throw new Error(
          `Operator ${op} must be the only key in the predicate, wrap in $all to combine with other conditions`,
        );
      }
      if (op === '$not') {
        const inner = compilePredicate(p.$not);
        return v => !inner(v);
      }
      // Plain loops: `every(f => f(v))` would allocate a closure per
      // entity and filter.
      const parts = (p[op] as unknown[]).map(compilePredicate);
      return op === '$all'
        ? v => {
            for (let i = 0; i < parts.length; i++) {
              if (!parts[i](v)) return false;
            }
            return true;
          }
        : v => {
            for (let i = 0; i < parts.length; i++) {
              if (parts[i](v)) return true;
            }
            return false;
          };
    }
  }
  const tests: Array<{ lookup: Lookup; test: ValueTest }> = [];
  for (const key of keys) {
    if (key.startsWith('$')) {
      return () => false;
    }
    tests.push({ lookup: compileLookup(key), test: compileValue(p[key]) });
  }
  if (tests.length === 1) {
    const { lookup, test } = tests[0];
    return v => test(lookup(v));
  }
  return v => {
    for (let i = 0; i < tests.length; i++) {
      if (!tests[i].test(tests[i].lookup(v))) return false;
    }
    return true;
  };
}

/**
 * Compiles a `@backstage/filter-predicates` predicate once into a function
 * with exactly the semantics of `evaluateFilterPredicate` (the tests check
 * both against each other), but without re-walking the predicate for every
 * entity. Throws, like the library, for a malformed predicate.
 * @internal
 */
export function compileFilter(predicate: FilterPredicate): FilterFunction {
  return compilePredicate(predicate);
}

/**
 * A test over an entity's `ml` facts alone, derived from a filter: see
 * {@link compileFactFilter}.
 * @internal
 */
export interface FactFilter {
  /** False only when the filter cannot match. */
  test: (facts: unknown) => boolean;
  /** True when `test` is the filter's own result, not just a precondition. */
  exact: boolean;
  /**
   * True when the filter cannot match an entity whose annotation facts all
   * have their defaults (see {@link AnnotationDefaults}): a condition of
   * the filter tests only such facts and fails on the defaults.
   */
  needsAnnotations: boolean;
}

/**
 * The facts that come from annotations alone, with the values they have
 * when the entity has none of those annotations (absent facts are not in
 * `facts`).
 * @internal
 */
export interface AnnotationDefaults {
  names: ReadonlySet<string>;
  facts: Record<string, unknown>;
}

const FACTS_PREFIX = 'ml.';

function factFilterOf(
  predicate: unknown,
  defaults: AnnotationDefaults | undefined,
): FactFilter | undefined {
  if (!isObject(predicate)) {
    return undefined;
  }
  const keys = Object.keys(predicate);
  if (hasOwn.call(predicate, '$all')) {
    const parts = predicate.$all;
    if (keys.length !== 1 || !Array.isArray(parts)) {
      return undefined;
    }
    const found = parts.map(part => factFilterOf(part, defaults));
    const tests = found.filter((f): f is FactFilter => f !== undefined);
    if (tests.length === 0) {
      return undefined;
    }
    return {
      test: facts => {
        for (let i = 0; i < tests.length; i++) {
          if (!tests[i].test(facts)) return false;
        }
        return true;
      },
      exact: found.every(f => f?.exact),
      needsAnnotations: tests.some(f => f.needsAnnotations),
    };
  }
  if (keys.length === 0) {
    return undefined;
  }
  const tests: Array<{ lookup: Lookup; test: ValueTest }> = [];
  let needsAnnotations = false;
  for (const key of keys) {
    if (key.startsWith('$')) {
      return undefined;
    }
    if (key.startsWith(FACTS_PREFIX) && key.length > FACTS_PREFIX.length) {
      const path = key.slice(FACTS_PREFIX.length);
      const condition = {
        lookup: compileLookup(path),
        test: compileValue(predicate[key]),
      };
      tests.push(condition);
      if (
        defaults?.names.has(path.split('.')[0]) &&
        !condition.test(condition.lookup(defaults.facts))
      ) {
        needsAnnotations = true;
      }
    }
  }
  if (tests.length === 0) {
    return undefined;
  }
  return {
    needsAnnotations,
    test: facts => {
      for (let i = 0; i < tests.length; i++) {
        if (!tests[i].test(tests[i].lookup(facts))) return false;
      }
      return true;
    },
    exact: tests.length === keys.length,
  };
}

/**
 * The part of a filter that tests `ml.` facts, as a test over the facts
 * alone, or undefined when it has none (it only looks into a top-level
 * `$all` and path maps). On the object a filter sees (the entity plus
 * `ml: facts`), a path `ml.x` is `x` of the facts unless the entity itself
 * has a top-level key starting with `ml.`; for the other entities the
 * classifier runs this test first, and needs the whole object and filter
 * only when the test passes and is not exact. Most entities fail the test
 * of most filters, and the default filters are all exact.
 * @internal
 */
export function compileFactFilter(
  predicate: FilterPredicate,
  defaults?: AnnotationDefaults,
): FactFilter | undefined {
  try {
    return factFilterOf(predicate, defaults);
  } catch {
    // A malformed predicate: compileFilter reports it.
    return undefined;
  }
}

/** Whether an entity has a top-level key starting with `ml.`. @internal */
export function hasLiteralFactKey(raw: unknown): boolean {
  if (!isObject(raw)) {
    return false;
  }
  for (const key in raw) {
    if (hasOwn.call(raw, key) && key.startsWith(FACTS_PREFIX)) return true;
  }
  return false;
}

/** The upper-cased strings a value test accepts, or undefined. */
function stringValues(filter: unknown): string[] | undefined {
  if (typeof filter === 'string') {
    return [filter.toUpperCase()];
  }
  if (isObject(filter) && Object.keys(filter).length === 1) {
    const values = filter.$in;
    if (Array.isArray(values) && values.every(v => typeof v === 'string')) {
      return values.map(v => (v as string).toUpperCase());
    }
  }
  return undefined;
}

/**
 * The upper-cased strings one of which the value at `path` must equal for
 * a predicate to hold, when it tests that path against a string or an `$in`
 * of strings at its top level or inside a top-level `$all`; else undefined.
 */
function requiredValues(
  predicate: unknown,
  path: string,
): ReadonlySet<string> | undefined {
  if (!isObject(predicate)) {
    return undefined;
  }
  if (hasOwn.call(predicate, '$all')) {
    const parts = predicate.$all;
    if (Object.keys(predicate).length !== 1 || !Array.isArray(parts)) {
      return undefined;
    }
    for (const part of parts) {
      const required = requiredValues(part, path);
      if (required) {
        return required;
      }
    }
    return undefined;
  }
  if (
    hasOwn.call(predicate, '$any') ||
    hasOwn.call(predicate, '$not') ||
    !hasOwn.call(predicate, path)
  ) {
    return undefined;
  }
  // A map of several paths must match them all, so this one too.
  const values = stringValues(predicate[path]);
  return values && new Set(values);
}

/** Whether a predicate requires `ml.isAsset` to be true, as requiredValues reads. */
function requiresAsset(predicate: unknown): boolean {
  if (!isObject(predicate)) {
    return false;
  }
  if (hasOwn.call(predicate, '$all')) {
    const parts = predicate.$all;
    return (
      Object.keys(predicate).length === 1 &&
      Array.isArray(parts) &&
      parts.some(requiresAsset)
    );
  }
  return (
    !hasOwn.call(predicate, '$any') &&
    !hasOwn.call(predicate, '$not') &&
    hasOwn.call(predicate, 'ml.isAsset') &&
    predicate['ml.isAsset'] === true
  );
}

/**
 * The asset types (upper-cased) one of which a predicate requires: it
 * tests `ml.asset` against a string or an `$in` of strings, or `ml.isAsset`
 * against true (any type), at its top level or inside a top-level `$all`.
 * An entity whose `ml.asset` is none of them cannot match, so the
 * classifier skips it without running the filter (the equality of the
 * library is case-insensitive, hence upper case). Undefined when the
 * predicate requires no particular type.
 * @internal
 */
export function requiredAssetTypes(
  predicate: unknown,
): ReadonlySet<string> | undefined {
  return (
    requiredValues(predicate, 'ml.asset') ??
    (requiresAsset(predicate)
      ? new Set(ASSET_TYPES.map(type => type.toUpperCase()))
      : undefined)
  );
}

/**
 * The kinds (upper-cased) one of which a predicate requires, as
 * {@link requiredAssetTypes} reads `ml.asset`: an entity of another kind
 * cannot match. Undefined when it requires none.
 * @internal
 */
export function requiredKinds(
  predicate: unknown,
): ReadonlySet<string> | undefined {
  return requiredValues(predicate, 'kind');
}
