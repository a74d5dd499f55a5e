import { Config } from '@backstage/config';
import { parseFilterPredicate } from '@backstage/filter-predicates';
import { DEFAULT_ASSET_TYPE_ALIASES, isAssetType } from './aliases';
import {
  ASSET_TYPES,
  HOSTINGS,
  ROLES,
  SCOPES,
  TUTORIAL_LEVELS,
} from './constants';
import { MlFacts, nearestAllowedValue } from './facts';
import { compileFilter } from './filters';
import { DEFAULT_KITS } from './kits/defaultKits';
import {
  DIMENSIONS,
  Dimension,
  KIT_IDS,
  KitDefinition,
  KitId,
  KitItemDefinition,
  KitRule,
  RuleVia,
} from './types';
import { isRecord } from './util';

/** What {@link readMlMaturityConfig} returns. @public */
export interface MlMaturityConfig {
  kits: KitDefinition[];
  assetTypeAliases: Record<string, string>;
}

/** Options of {@link validateKitsConfig}. @public */
export interface ValidateKitsConfigOptions {
  /** Kits the config modifies; defaults to {@link DEFAULT_KITS}. */
  baseKits?: ReadonlyArray<KitDefinition>;
  /** Config path named in error messages; default `mlMaturity.kits`. */
  path?: string;
}

const VIAS: ReadonlyArray<RuleVia> = ['owned', 'owned-or-used', 'members'];
const ITEM_KEYS = new Set([
  'id',
  'disabled',
  'kit',
  'dimension',
  'title',
  'description',
  'howTo',
  'required',
  'attestable',
  'rule',
]);
const RULE_KEYS = new Set(['via', 'filter', 'min', 'allOf']);
/** The keys of the `mlMaturity` section (config.d.ts), the backend's included. */
const MLMATURITY_KEYS = new Set([
  'kits',
  'assetTypeAliases',
  'schedule',
  'attestations',
  'history',
]);
/** The operators of @backstage/filter-predicates. */
const FILTER_OPERATORS = new Set([
  '$all',
  '$any',
  '$not',
  '$exists',
  '$in',
  '$contains',
  '$hasPrefix',
]);

/**
 * The first `$` key of a filter that is no operator, with its path: the
 * filter parser's own message for one is a long list of alternatives.
 */
/**
 * The config path of the first key of a filter for which `matches` holds,
 * depth first.
 */
function findKey(
  value: unknown,
  path: string,
  matches: (key: string, inner: unknown) => boolean,
  depth = 0,
): string | undefined {
  if (depth > 64 || typeof value !== 'object' || value === null) {
    return undefined;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findKey(value[i], `${path}[${i}]`, matches, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  for (const [key, inner] of Object.entries(value)) {
    if (matches(key, inner)) {
      return `${path}.${key}`;
    }
    const found = findKey(inner, `${path}.${key}`, matches, depth + 1);
    if (found) return found;
  }
  return undefined;
}

function unknownOperator(value: unknown, path: string): string | undefined {
  return findKey(
    value,
    path,
    key => key.startsWith('$') && !FILTER_OPERATORS.has(key),
  );
}

/**
 * `$contains: { $in: [...] }`, the mistake docs/configuration.md warns
 * about: the validator's own message for it is a screenful of alternatives.
 */
function containsWithIn(value: unknown, path: string): string | undefined {
  return findKey(
    value,
    path,
    (key, inner) =>
      key === '$contains' &&
      typeof inner === 'object' &&
      inner !== null &&
      Object.prototype.hasOwnProperty.call(inner, '$in'),
  );
}

/**
 * What each `ml.` fact holds (docs/annotations.md): a filter that tests a
 * fact the entity never has, or compares one with a value of another type
 * (`ml.curated: "true"`, `ml.linkTypes: model-card` for a list), is valid
 * for the filter library but never matches, so the item could never be
 * met without a word.
 */
type FactKind =
  | { type: 'boolean' }
  | { type: 'count' }
  | { type: 'text'; values?: ReadonlyArray<string> }
  | { type: 'list'; values?: ReadonlyArray<string> };

const FACT_KINDS: Readonly<Record<keyof MlFacts, FactKind>> = {
  asset: { type: 'text', values: ASSET_TYPES },
  curated: { type: 'boolean' },
  scope: { type: 'text', values: SCOPES },
  tutorialLevel: { type: 'text', values: TUTORIAL_LEVELS },
  hosting: { type: 'text', values: HOSTINGS },
  faultTolerant: { type: 'boolean' },
  accelerator: { type: 'text' },
  orchestrator: { type: 'text' },
  openSource: { type: 'text' },
  roles: { type: 'list', values: ROLES },
  versionControlled: { type: 'boolean' },
  documented: { type: 'boolean' },
  linkTypes: { type: 'list' },
  isAsset: { type: 'boolean' },
  dependsOnAssetTypes: { type: 'list', values: ASSET_TYPES },
  containsAssetTypes: { type: 'list', values: ASSET_TYPES },
  containsAssets: { type: 'boolean' },
  consumerTeams: { type: 'count' },
  consumed: { type: 'boolean' },
};
const FACT_NAMES = Object.keys(FACT_KINDS);

function describeFact(kind: FactKind): string {
  switch (kind.type) {
    case 'boolean':
      return 'true or false';
    case 'count':
      return 'a whole number';
    case 'text':
      return kind.values ? `one of ${kind.values.join(', ')}` : 'text';
    default:
      return kind.values
        ? `a list of ${kind.values.join(', ')}`
        : 'a list of words';
  }
}

/**
 * The asset type aliases in force (alias → vocabulary word): the defaults,
 * and those of `mlMaturity.assetTypeAliases` when the config is read whole.
 */
type Aliases = Readonly<Record<string, string>>;

/** One value a fact (or, for a list, one of its elements) is compared with. */
function checkFactPrimitive(
  fact: string,
  kind: FactKind,
  value: unknown,
  path: string,
  aliases: Aliases,
) {
  const holds = `ml.${fact} is ${describeFact(kind)}`;
  if (kind.type === 'boolean') {
    if (typeof value !== 'boolean') {
      fail(
        path,
        `${holds}, so ${JSON.stringify(value)} never matches it${
          value === 'true' || value === 'false'
            ? `: write ${value} without quotes (annotations are quoted, facts are not)`
            : ''
        }`,
      );
    }
    return;
  }
  if (kind.type === 'count') {
    const text =
      typeof value === 'number' || typeof value === 'string'
        ? String(value)
        : '';
    if (!/^(0|[1-9][0-9]*)$/.test(text)) {
      fail(path, `${holds}, so ${JSON.stringify(value)} never matches it`);
    }
    return;
  }
  if (kind.values === undefined) {
    if (typeof value !== 'string' && typeof value !== 'number') {
      fail(path, `${holds}, so ${JSON.stringify(value)} never matches it`);
    }
    return;
  }
  const word = typeof value === 'string' ? value.toLowerCase() : undefined;
  if (word === undefined || !kind.values.includes(word)) {
    const alias =
      word !== undefined &&
      kind.values === ASSET_TYPES &&
      Object.prototype.hasOwnProperty.call(aliases, word)
        ? aliases[word]
        : undefined;
    const nearest =
      alias ??
      (word === undefined ? undefined : nearestAllowedValue(word, kind.values));
    fail(
      path,
      `${JSON.stringify(value)} never matches: ${
        kind.type === 'list' ? `an element of ml.${fact}` : `ml.${fact}`
      } is one of ${kind.values.join(', ')}${
        alias ? ` (aliases are resolved: ${word} is ${alias})` : ''
      }${nearest && !alias ? `. Did you mean ${nearest}?` : ''}`,
    );
  }
}

/** The predicate of a list fact's `$contains`, tried on each element (a string). */
function checkFactElement(
  fact: string,
  kind: FactKind,
  predicate: unknown,
  path: string,
  depth: number,
  aliases: Aliases,
) {
  if (depth > 64) return;
  if (!isRecord(predicate)) {
    checkFactPrimitive(fact, kind, predicate, path, aliases);
    return;
  }
  for (const op of ['$all', '$any'] as const) {
    const parts = predicate[op];
    if (Array.isArray(parts)) {
      parts.forEach((part, i) =>
        checkFactElement(
          fact,
          kind,
          part,
          `${path}.${op}[${i}]`,
          depth + 1,
          aliases,
        ),
      );
      return;
    }
  }
  if (predicate.$not !== undefined) {
    checkFactElement(
      fact,
      kind,
      predicate.$not,
      `${path}.$not`,
      depth + 1,
      aliases,
    );
    return;
  }
  fail(
    path,
    `an element of ml.${fact} is a word, which this never matches: compare it with a value, or $any, $all or $not of values, e.g. $contains: { $any: [a, b] }`,
  );
}

/** The value matcher of one `ml.` key of a filter. */
function checkFactMatcher(
  fact: string,
  matcher: unknown,
  path: string,
  depth: number,
  aliases: Aliases,
) {
  const kind = Object.prototype.hasOwnProperty.call(FACT_KINDS, fact)
    ? FACT_KINDS[fact as keyof MlFacts]
    : undefined;
  if (!kind) {
    const nearest = nearestAllowedValue(fact, FACT_NAMES);
    fail(
      path,
      `there is no fact ml.${fact}, so this never matches${
        nearest ? `. Did you mean ml.${nearest}?` : ''
      } The facts (docs/annotations.md): ${FACT_NAMES.map(
        name => `ml.${name}`,
      ).join(', ')}`,
    );
  }
  if (!isRecord(matcher)) {
    if (kind.type === 'list') {
      fail(
        path,
        `ml.${fact} is a list, which a single value never matches: write { $contains: ${JSON.stringify(
          matcher,
        )} }`,
      );
    }
    checkFactPrimitive(fact, kind, matcher, path, aliases);
    return;
  }
  if (Array.isArray(matcher.$in)) {
    if (kind.type === 'list') {
      fail(
        `${path}.$in`,
        `ml.${fact} is a list, which $in never matches: write { $contains: { $any: [...] } }`,
      );
    }
    matcher.$in.forEach((value, i) =>
      checkFactPrimitive(fact, kind, value, `${path}.$in[${i}]`, aliases),
    );
  } else if (matcher.$hasPrefix !== undefined && kind.type !== 'text') {
    fail(
      `${path}.$hasPrefix`,
      `ml.${fact} is ${describeFact(
        kind,
      )}, not text, so $hasPrefix never matches it`,
    );
  } else if (matcher.$contains !== undefined) {
    if (kind.type !== 'list') {
      fail(
        `${path}.$contains`,
        `ml.${fact} is ${describeFact(
          kind,
        )}, not a list, so $contains never matches it: compare it with a value`,
      );
    }
    checkFactElement(
      fact,
      kind,
      matcher.$contains,
      `${path}.$contains`,
      depth,
      aliases,
    );
  }
}

/**
 * Refuses what a filter can never match on the object it runs against (the
 * entity plus `ml` facts): a bare value in place of a predicate, an unknown
 * `ml.` fact, or a fact compared with a value of another type.
 */
function checkFilterFacts(
  predicate: unknown,
  path: string,
  aliases: Aliases,
  depth = 0,
) {
  if (depth > 64) return;
  if (!isRecord(predicate)) {
    fail(
      path,
      `${JSON.stringify(
        predicate,
      )} is compared with the whole entity and never matches it: give a map of paths to values, e.g. { ml.asset: dataset }`,
    );
  }
  for (const op of ['$all', '$any'] as const) {
    const parts = predicate[op];
    if (Array.isArray(parts)) {
      parts.forEach((part, i) =>
        checkFilterFacts(part, `${path}.${op}[${i}]`, aliases, depth + 1),
      );
      return;
    }
  }
  if (predicate.$not !== undefined) {
    checkFilterFacts(predicate.$not, `${path}.$not`, aliases, depth + 1);
    return;
  }
  for (const [key, matcher] of Object.entries(predicate)) {
    if (key.startsWith('ml.')) {
      checkFactMatcher(
        key.slice(3),
        matcher,
        `${path}.${key}`,
        depth + 1,
        aliases,
      );
    }
  }
}

/** Filter validation messages longer than this are cut. */
const MAX_FILTER_MESSAGE = 300;

const ITEM_ID = /^[a-z0-9](?:[a-z0-9.-]{0,54}[a-z0-9])?$/;
const ALIAS = /^[a-z0-9](?:[a-z0-9._-]{0,98}[a-z0-9])?$/;

function fail(path: string, problem: string): never {
  throw new Error(`Invalid ML maturity config at ${path}: ${problem}`);
}

function checkKeys(
  value: Record<string, unknown>,
  allowed: Set<string>,
  path: string,
) {
  for (const key of Object.keys(value)) {
    if (!allowed.has(key)) {
      fail(
        `${path}.${key}`,
        `unknown key; allowed: ${Array.from(allowed).join(', ')}`,
      );
    }
  }
}

function optionalString(value: unknown, path: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '') {
    fail(path, 'must be a non-empty string');
  }
  return value;
}

function optionalBoolean(value: unknown, path: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') fail(path, 'must be true or false');
  return value;
}

function validateRule(value: unknown, path: string, aliases: Aliases): KitRule {
  if (!isRecord(value)) {
    fail(path, 'must be an object { via, filter, min?, allOf? }');
  }
  checkKeys(value, RULE_KEYS, path);
  const via = value.via;
  if (typeof via !== 'string' || !VIAS.includes(via as RuleVia)) {
    fail(`${path}.via`, `must be one of ${VIAS.join(', ')}`);
  }
  if (value.filter === undefined) {
    fail(
      `${path}.filter`,
      'is required (a @backstage/filter-predicates filter over the entity and its ml. facts)',
    );
  }
  const unknown = unknownOperator(value.filter, `${path}.filter`);
  if (unknown) {
    fail(
      unknown,
      `unknown filter operator; the operators are ${Array.from(
        FILTER_OPERATORS,
      ).join(', ')}`,
    );
  }
  const containsIn = containsWithIn(value.filter, `${path}.filter`);
  if (containsIn) {
    fail(
      containsIn,
      'a list is matched with $contains and a predicate on one element: write $contains: { $any: [...] } (at least one of), not $contains: { $in: [...] }',
    );
  }
  let filter: KitRule['filter'];
  try {
    filter = parseFilterPredicate(value.filter);
    compileFilter(filter);
  } catch (error) {
    const message = String((error as Error)?.message ?? error);
    fail(
      `${path}.filter`,
      `not a valid filter predicate: ${
        message.length > MAX_FILTER_MESSAGE
          ? `${message.slice(0, MAX_FILTER_MESSAGE)}…`
          : message
      }`,
    );
  }
  checkFilterFacts(value.filter, `${path}.filter`, aliases);
  const rule: KitRule = { via: via as RuleVia, filter };
  if (value.min !== undefined) {
    if (
      typeof value.min !== 'number' ||
      !Number.isInteger(value.min) ||
      value.min < 1
    ) {
      fail(`${path}.min`, 'must be a whole number of at least 1');
    }
    rule.min = value.min;
  }
  if (value.allOf !== undefined) {
    if (!Array.isArray(value.allOf))
      fail(`${path}.allOf`, 'must be a list of rules');
    rule.allOf = value.allOf.map((r, i) =>
      validateRule(r, `${path}.allOf[${i}]`, aliases),
    );
  }
  return rule;
}

function cloneItem(item: KitItemDefinition): KitItemDefinition {
  return JSON.parse(JSON.stringify(item));
}

/**
 * Validates `mlMaturity.kits` and applies it to the base kits: items can be
 * disabled, added, moved, retitled, made optional or attestable, and their
 * rule replaced. Throws an Error naming the config path and the problem.
 *
 * @public
 */
export function validateKitsConfig(
  value: unknown,
  options?: ValidateKitsConfigOptions,
): KitDefinition[] {
  return applyKitsConfig(value, options, DEFAULT_ASSET_TYPE_ALIASES);
}

/**
 * {@link validateKitsConfig} with the asset type aliases in force, so that
 * a filter comparing `ml.asset` with a configured alias is told which word
 * that alias resolves to.
 */
function applyKitsConfig(
  value: unknown,
  options: ValidateKitsConfigOptions | undefined,
  aliases: Aliases,
): KitDefinition[] {
  const path = options?.path ?? 'mlMaturity.kits';
  const base = options?.baseKits ?? DEFAULT_KITS;
  const kitItems = new Map<KitId, KitItemDefinition[]>(
    KIT_IDS.map(id => [id, []]),
  );
  const all = new Map<string, KitItemDefinition>();
  for (const kit of base) {
    for (const item of kit.items) {
      const copy = cloneItem(item);
      kitItems.get(kit.id)?.push(copy);
      all.set(copy.id, copy);
    }
  }
  const disabled = new Set<string>();
  if (value !== undefined && value !== null) {
    if (!isRecord(value)) fail(path, 'must be an object with a list of items');
    checkKeys(value, new Set(['items']), path);
    const items = value.items ?? [];
    if (!Array.isArray(items)) fail(`${path}.items`, 'must be a list');
    const seen = new Set<string>();
    items.forEach((raw, i) => {
      const at = `${path}.items[${i}]`;
      if (!isRecord(raw)) fail(at, 'must be an object with an id');
      checkKeys(raw, ITEM_KEYS, at);
      const id = raw.id;
      if (typeof id !== 'string' || !ITEM_ID.test(id)) {
        fail(
          `${at}.id`,
          'must be a lower-case id of letters, digits, "." and "-" (at most 56 characters), e.g. accelerator.technology.model-cards',
        );
      }
      if (seen.has(id)) fail(`${at}.id`, `duplicate id ${id}`);
      seen.add(id);
      const kit = raw.kit;
      if (kit !== undefined && !KIT_IDS.includes(kit as KitId)) {
        fail(
          `${at}.kit`,
          `unknown kit ${String(kit)}; allowed: ${KIT_IDS.join(', ')}`,
        );
      }
      const dimension = raw.dimension;
      if (
        dimension !== undefined &&
        !DIMENSIONS.includes(dimension as Dimension)
      ) {
        fail(
          `${at}.dimension`,
          `unknown dimension ${String(dimension)}; allowed: ${DIMENSIONS.join(
            ', ',
          )}`,
        );
      }
      const title = optionalString(raw.title, `${at}.title`);
      const description = optionalString(raw.description, `${at}.description`);
      const howTo = optionalString(raw.howTo, `${at}.howTo`);
      const required = optionalBoolean(raw.required, `${at}.required`);
      const attestable = optionalBoolean(raw.attestable, `${at}.attestable`);
      const isDisabled = optionalBoolean(raw.disabled, `${at}.disabled`);
      const rule =
        raw.rule === undefined
          ? undefined
          : validateRule(raw.rule, `${at}.rule`, aliases);
      let item = all.get(id);
      if (!item) {
        if (isDisabled)
          fail(`${at}.id`, `unknown item ${id}: there is nothing to disable`);
        if (
          kit === undefined ||
          dimension === undefined ||
          title === undefined
        ) {
          fail(
            `${at}.id`,
            `unknown item ${id}: to add an item give kit, dimension and title`,
          );
        }
        item = {
          id,
          kit: kit as KitId,
          dimension: dimension as Dimension,
          title,
          description: description ?? title,
          howTo: howTo ?? '',
          required: required ?? true,
          attestable: attestable ?? dimension === 'process',
        };
        if (rule) item.rule = rule;
        all.set(id, item);
        kitItems.get(item.kit)!.push(item);
      } else {
        if (kit !== undefined && kit !== item.kit) {
          const list = kitItems.get(item.kit)!;
          list.splice(list.indexOf(item), 1);
          item.kit = kit as KitId;
          kitItems.get(item.kit)!.push(item);
        }
        if (dimension !== undefined) item.dimension = dimension as Dimension;
        if (title !== undefined) item.title = title;
        if (description !== undefined) item.description = description;
        if (howTo !== undefined) item.howTo = howTo;
        if (required !== undefined) item.required = required;
        if (attestable !== undefined) item.attestable = attestable;
        if (rule) item.rule = rule;
      }
      if (isDisabled) {
        disabled.add(id);
      } else if (!item.rule && !item.attestable) {
        fail(
          at,
          `item ${id} has no rule and is not attestable, so it could never be met: give it a rule or attestable: true`,
        );
      }
    });
  }
  const baseById = new Map(base.map(k => [k.id, k]));
  return KIT_IDS.map((id, index) => {
    const kit = baseById.get(id);
    return {
      id,
      title: kit?.title ?? DEFAULT_KITS[index].title,
      level: DEFAULT_KITS[index].level,
      levelName: DEFAULT_KITS[index].levelName,
      items: kitItems.get(id)!.filter(item => !disabled.has(item.id)),
    };
  });
}

/**
 * Validates `mlMaturity.assetTypeAliases` (alias → vocabulary word). Keys
 * and values are lower-cased. Throws an Error naming the config path.
 *
 * @public
 */
export function validateAssetTypeAliases(
  value: unknown,
  path: string = 'mlMaturity.assetTypeAliases',
): Record<string, string> {
  const out = new Map<string, string>();
  // the spelling each alias was first given in
  const spelled = new Map<string, string>();
  if (value === undefined || value === null) return {};
  if (!isRecord(value)) fail(path, 'must be a map of alias: vocabulary word');
  for (const [rawKey, rawTarget] of Object.entries(value)) {
    const key = rawKey.trim().toLowerCase();
    const at = `${path}.${rawKey}`;
    const first = spelled.get(key);
    if (first !== undefined) {
      fail(
        at,
        `${first} and ${rawKey} are one alias, ${key} (aliases are lower-cased); keep one`,
      );
    }
    spelled.set(key, rawKey);
    if (!ALIAS.test(key)) {
      fail(
        at,
        'an alias must be 1-100 lower-case letters, digits, ".", "_" or "-"',
      );
    }
    if (isAssetType(key)) {
      fail(at, `${key} is already a vocabulary word and cannot be an alias`);
    }
    const target =
      typeof rawTarget === 'string' ? rawTarget.trim().toLowerCase() : '';
    if (!isAssetType(target)) {
      fail(at, `must map to one of ${ASSET_TYPES.join(', ')}`);
    }
    out.set(key, target);
  }
  return Object.fromEntries(out);
}

/**
 * Reads and validates `mlMaturity.kits` and `mlMaturity.assetTypeAliases`.
 * Throws an Error naming the config path and the problem.
 *
 * @public
 */
export function readMlMaturityConfig(config: Config): MlMaturityConfig {
  const section = config.getOptional('mlMaturity');
  if (section !== undefined) {
    if (!isRecord(section)) fail('mlMaturity', 'must be an object');
    checkKeys(section, MLMATURITY_KEYS, 'mlMaturity');
  }
  const assetTypeAliases = validateAssetTypeAliases(
    config.getOptional('mlMaturity.assetTypeAliases'),
    'mlMaturity.assetTypeAliases',
  );
  return {
    // the aliases first: a filter is checked against the ones in force (a
    // configured alias replaces a default one of the same name)
    kits: applyKitsConfig(
      config.getOptional('mlMaturity.kits'),
      { path: 'mlMaturity.kits' },
      { ...DEFAULT_ASSET_TYPE_ALIASES, ...assetTypeAliases },
    ),
    assetTypeAliases,
  };
}
