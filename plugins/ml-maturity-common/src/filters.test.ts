import {
  compileFactFilter,
  compileFilter,
  hasLiteralFactKey,
  requiredAssetTypes,
} from './filters';
import { DEFAULT_KITS } from './kits/defaultKits';
import { CHALLENGES } from './challenges';
import { ASSET_TYPES } from './constants';
import { prng } from './__fixtures__/entities';

const allFilters = [
  ...DEFAULT_KITS.flatMap(kit => kit.items).flatMap(item => {
    const rules = item.rule ? [item.rule, ...(item.rule.allOf ?? [])] : [];
    return rules.map(rule => rule.filter);
  }),
  ...CHALLENGES.flatMap(c => c.levels).flatMap(l => l.rules.map(r => r.filter)),
];

describe('requiredAssetTypes', () => {
  it('reads a type, an $in of types, and types inside a top-level $all', () => {
    expect(requiredAssetTypes({ 'ml.asset': 'dataset' })).toEqual(
      new Set(['DATASET']),
    );
    expect(
      requiredAssetTypes({ 'ml.asset': { $in: ['notebook', 'Dataset'] } }),
    ).toEqual(new Set(['NOTEBOOK', 'DATASET']));
    expect(
      requiredAssetTypes({
        $all: [{ 'ml.curated': true }, { 'ml.asset': 'compute' }],
      }),
    ).toEqual(new Set(['COMPUTE']));
  });

  it('requires nothing when the type is optional or not a plain string', () => {
    expect(
      requiredAssetTypes({ $any: [{ 'ml.asset': 'dataset' }, { a: 1 }] }),
    ).toBeUndefined();
    expect(requiredAssetTypes({ $not: { 'ml.asset': 'x' } })).toBeUndefined();
    expect(
      requiredAssetTypes({ 'ml.asset': { $in: ['a', 1] } }),
    ).toBeUndefined();
    expect(requiredAssetTypes({ 'ml.scope': 'team' })).toBeUndefined();
  });

  it('never excludes an entity the filter matches', () => {
    const required = allFilters.filter(f => requiredAssetTypes(f));
    expect(required.length).toBeGreaterThan(10);
    let matched = 0;
    const excluded: unknown[] = [];
    for (const filter of allFilters) {
      const types = requiredAssetTypes(filter);
      if (!types) continue;
      const matches = compileFilter(filter);
      for (const asset of [undefined, ...ASSET_TYPES]) {
        for (const hosting of ['on-premise', 'cloud', 'multi-cloud']) {
          const entity = {
            kind: 'Resource',
            ml: {
              asset,
              hosting,
              curated: true,
              scope: 'enterprise',
              documented: true,
              faultTolerant: true,
              accelerator: 'gpu',
              consumed: true,
              containsAssets: true,
              versionControlled: true,
            },
          };
          if (matches(entity)) {
            matched++;
            if (!types.has(String(asset).toUpperCase())) {
              excluded.push({ filter, asset });
            }
          }
        }
      }
    }
    expect(matched).toBeGreaterThan(10);
    expect(excluded).toEqual([]);
  });
});

describe('compileFactFilter', () => {
  const handWritten: unknown[] = [
    { 'ml.asset': 'dataset', 'spec.lifecycle': 'production' },
    { $all: [{ 'ml.curated': true }, { 'metadata.name': 'x' }] },
    { $any: [{ 'ml.asset': 'dataset' }, { 'ml.curated': true }] },
    { $not: { 'ml.scope': 'team' } },
    { ml: { $exists: true } },
    { 'ml.': 1 },
    { 'ml.roles': { $contains: { $any: ['devops', 'annotator'] } } },
    { 'ml.linkTypes': { $contains: 'docs' }, 'ml.documented': true },
    { 'ml.asset': { $hasPrefix: 'ML-' } },
    { 'ml.consumerTeams': 2 },
    { 'ml.openSource': { $exists: false } },
    { $all: [] },
    { 'ml.asset': { $unknown: 1 } },
  ];
  const values = [
    undefined,
    true,
    false,
    'dataset',
    'DATASET',
    'ml-model',
    'team',
    'cloud',
    2,
    '2',
    ['docs', 'devops'],
    ['annotator'],
    [],
  ];
  const factKeys = [
    'asset',
    'curated',
    'scope',
    'hosting',
    'roles',
    'linkTypes',
    'documented',
    'consumerTeams',
    'openSource',
  ];

  it('never rejects what the filter matches, and equals it when exact', () => {
    const random = prng(1);
    const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)];
    const filters = [...allFilters, ...handWritten];
    let exactCount = 0;
    const wrong: unknown[] = [];
    for (const filter of filters) {
      const factFilter = compileFactFilter(filter as any);
      if (!factFilter) continue;
      if (factFilter.exact) exactCount++;
      const matches = compileFilter(filter as any);
      for (let i = 0; i < 300; i++) {
        const facts: Record<string, unknown> = {};
        for (const key of factKeys) {
          const value = pick(values);
          if (value !== undefined) facts[key] = value;
        }
        const entity = {
          kind: 'Component',
          metadata: { name: pick(['x', 'y']) },
          spec: { lifecycle: pick(['production', 'experimental']) },
          ml: pick([undefined, { asset: 'dataset' }]),
        };
        const full = matches({ ...entity, ml: facts });
        const pre = factFilter.test(facts);
        if ((!pre && full) || (factFilter.exact && pre !== full)) {
          wrong.push({ filter, facts, full, pre });
        }
      }
    }
    expect(wrong).toEqual([]);
    // every default and challenge filter tests facts alone
    expect(exactCount).toBeGreaterThanOrEqual(allFilters.length);
  });

  it('has nothing to test for filters without ml. paths', () => {
    expect(compileFactFilter({ 'spec.type': 'service' })).toBeUndefined();
    expect(compileFactFilter({ $not: { 'ml.asset': 'x' } })).toBeUndefined();
    expect(compileFactFilter({ 'ml.': 1 })).toBeUndefined();
  });
});

describe('hasLiteralFactKey', () => {
  it('finds top-level keys that shadow ml. paths', () => {
    expect(hasLiteralFactKey({ 'ml.asset': 'x', kind: 'A' })).toBe(true);
    expect(hasLiteralFactKey({ ml: {}, kind: 'A' })).toBe(false);
    expect(hasLiteralFactKey(JSON.parse('{"__proto__": {"ml.x": 1}}'))).toBe(
      false,
    );
    expect(hasLiteralFactKey(null)).toBe(false);
  });
});
