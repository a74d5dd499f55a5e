import { compileFilter, requiredAssetTypes } from './filters';
import { DEFAULT_KITS } from './kits/defaultKits';
import { CHALLENGES } from './challenges';
import { ASSET_TYPES } from './constants';

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
