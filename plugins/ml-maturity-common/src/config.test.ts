import { ConfigReader } from '@backstage/config';
import { classify } from './classify';
import {
  readMlMaturityConfig,
  validateAssetTypeAliases,
  validateKitsConfig,
} from './config';
import { DEFAULT_KITS } from './kits/defaultKits';
import { asset, group, NOW } from './__fixtures__/entities';

const config = (mlMaturity: unknown) => new ConfigReader({ mlMaturity } as any);

describe('readMlMaturityConfig', () => {
  it('returns the default kits and no aliases without config', () => {
    const result = readMlMaturityConfig(new ConfigReader({}));
    expect(result.kits).toEqual(JSON.parse(JSON.stringify(DEFAULT_KITS)));
    expect(result.assetTypeAliases).toEqual({});
  });

  it('disables, adds, retitles, moves and re-rules items', () => {
    const { kits } = readMlMaturityConfig(
      config({
        kits: {
          items: [
            { id: 'starter.people.annotators', disabled: true },
            {
              id: 'starter.people.data-scientists',
              title: 'Data science talent',
              required: false,
            },
            { id: 'scaler.technology.feature-store', kit: 'starter' },
            {
              id: 'starter.technology.project-datasets',
              rule: { via: 'owned', filter: { 'ml.asset': 'dataset' }, min: 2 },
            },
            {
              id: 'accelerator.technology.model-cards',
              kit: 'accelerator',
              dimension: 'technology',
              title: 'Model cards',
              rule: {
                via: 'owned',
                filter: {
                  $all: [
                    { 'ml.asset': 'ml-model' },
                    { 'ml.linkTypes': { $contains: 'model-card' } },
                  ],
                },
              },
            },
            {
              id: 'starter.technology.notebooks-attested',
              kit: 'starter',
              dimension: 'technology',
              title: 'Attested',
              attestable: true,
            },
          ],
        },
      }),
    );
    const starter = kits[0].items.map(i => i.id);
    expect(starter).not.toContain('starter.people.annotators');
    expect(starter).toContain('scaler.technology.feature-store');
    expect(kits[2].items.map(i => i.id)).not.toContain(
      'scaler.technology.feature-store',
    );
    expect(kits[0].items[0]).toMatchObject({
      title: 'Data science talent',
      required: false,
    });
    expect(kits[1].items[kits[1].items.length - 1]).toMatchObject({
      id: 'accelerator.technology.model-cards',
      description: 'Model cards',
      required: true,
      attestable: false,
    });

    const a = classify({
      entities: [group('team-a'), asset('d1', 'dataset')],
      kits,
      now: NOW,
    });
    const t = a.teams[0];
    expect(
      t.items.find(i => i.id === 'starter.technology.project-datasets')!.status,
    ).toBe('unmet');
    expect(t.kits[0].total).toBe(9); // 9 - annotators - optional data-scientists + feature-store + attested
    expect(t.items.some(i => i.id === 'starter.people.annotators')).toBe(false);
  });

  it.each([
    [
      { kits: { items: [{ id: 'nope.x', disabled: true }] } },
      'mlMaturity.kits.items[0].id',
      /unknown item/,
    ],
    [
      { kits: { items: [{ id: 'x.y', title: 'X' }] } },
      'mlMaturity.kits.items[0].id',
      /unknown item.*kit, dimension and title/,
    ],
    [
      {
        kits: {
          items: [
            { id: 'x.y', kit: 'expert', dimension: 'people', title: 'X' },
          ],
        },
      },
      'mlMaturity.kits.items[0].kit',
      /unknown kit expert/,
    ],
    [
      {
        kits: {
          items: [
            { id: 'starter.people.annotators' },
            { id: 'starter.people.annotators' },
          ],
        },
      },
      'mlMaturity.kits.items[1].id',
      /duplicate id/,
    ],
    [
      {
        kits: {
          items: [
            {
              id: 'starter.people.annotators',
              rule: { via: 'owned', filter: { $all: 3 } },
            },
          ],
        },
      },
      'mlMaturity.kits.items[0].rule.filter',
      /not a valid filter predicate/,
    ],
    [
      {
        kits: {
          items: [
            {
              id: 'starter.people.annotators',
              rule: { via: 'everyone', filter: {} },
            },
          ],
        },
      },
      'mlMaturity.kits.items[0].rule.via',
      /owned, owned-or-used, members/,
    ],
    [
      {
        kits: {
          items: [
            {
              id: 'starter.people.annotators',
              rule: { via: 'owned', filter: {}, min: 0 },
            },
          ],
        },
      },
      'mlMaturity.kits.items[0].rule.min',
      /at least 1/,
    ],
    [
      {
        kits: {
          items: [
            { id: 'x.y', kit: 'starter', dimension: 'technology', title: 'X' },
          ],
        },
      },
      'mlMaturity.kits.items[0]',
      /could never be met/,
    ],
    [
      { kits: { items: [{ id: 'starter.people.annotators', colour: 'red' }] } },
      'mlMaturity.kits.items[0].colour',
      /unknown key/,
    ],
    [
      { assetTypeAliases: { 'tf-model': 'tensor' } },
      'mlMaturity.assetTypeAliases.tf-model',
      /must map to one of dataset/,
    ],
    [
      { assetTypeAliases: { dataset: 'notebook' } },
      'mlMaturity.assetTypeAliases.dataset',
      /already a vocabulary word/,
    ],
    [
      { assetTypeAlias: { mdl: 'ml-model' } },
      'mlMaturity.assetTypeAlias',
      /unknown key; allowed: kits, assetTypeAliases, schedule, attestations, history/,
    ],
    [
      {
        kits: {
          items: [
            {
              id: 'accelerator.technology.curated-datasets',
              rule: {
                via: 'owned',
                filter: { $all: [{ kind: 'Resource' }, { $nott: {} }] },
              },
            },
          ],
        },
      },
      'mlMaturity.kits.items[0].rule.filter.$all[1].$nott',
      /unknown filter operator; the operators are \$all, \$any/,
    ],
    [
      {
        kits: {
          items: [
            {
              id: 'accelerator.people.ml-engineers',
              rule: {
                via: 'members',
                filter: { 'ml.roles': { $contains: { $in: ['x'] } } },
              },
            },
          ],
        },
      },
      'mlMaturity.kits.items[0].rule.filter.ml.roles.$contains',
      /write \$contains: \{ \$any: \[\.\.\.\] \}/,
    ],
    [
      {
        kits: {
          items: [
            {
              id: 'accelerator.technology.curated-datasets',
              rule: { via: 'owned', filter: { 'ml.curatd': true } },
            },
          ],
        },
      },
      'mlMaturity.kits.items[0].rule.filter.ml.curatd',
      /there is no fact ml\.curatd, so this never matches\. Did you mean ml\.curated\? The facts \(docs\/annotations\.md\): ml\.asset, ml\.curated/,
    ],
    [
      {
        kits: {
          items: [
            {
              id: 'accelerator.technology.curated-datasets',
              rule: {
                via: 'owned',
                filter: {
                  $all: [{ 'ml.asset': 'dataset' }, { 'ml.curated': 'true' }],
                },
              },
            },
          ],
        },
      },
      'mlMaturity.kits.items[0].rule.filter.$all[1].ml.curated',
      /ml\.curated is true or false, so \"true\" never matches it: write true without quotes/,
    ],
    [
      {
        kits: {
          items: [
            {
              id: 'accelerator.technology.curated-datasets',
              rule: { via: 'owned', filter: { 'ml.linkTypes': 'model-card' } },
            },
          ],
        },
      },
      'mlMaturity.kits.items[0].rule.filter.ml.linkTypes',
      /ml\.linkTypes is a list, which a single value never matches: write \{ \$contains: \"model-card\" \}/,
    ],
    [
      {
        kits: {
          items: [
            {
              id: 'accelerator.technology.curated-datasets',
              rule: {
                via: 'owned',
                filter: { 'ml.roles': { $in: ['ml-engineer'] } },
              },
            },
          ],
        },
      },
      'mlMaturity.kits.items[0].rule.filter.ml.roles.$in',
      /is a list, which \$in never matches: write \{ \$contains: \{ \$any: \[\.\.\.\] \} \}/,
    ],
    [
      {
        kits: {
          items: [
            {
              id: 'accelerator.technology.curated-datasets',
              rule: { via: 'owned', filter: { 'ml.asset': 'model' } },
            },
          ],
        },
      },
      'mlMaturity.kits.items[0].rule.filter.ml.asset',
      /\"model\" never matches: ml\.asset is one of dataset, .* \(aliases are resolved: model is ml-model\)/,
    ],
    [
      {
        kits: {
          items: [
            {
              id: 'accelerator.technology.curated-datasets',
              rule: {
                via: 'owned',
                filter: { 'ml.asset': { $in: ['dataset', 'datasets'] } },
              },
            },
          ],
        },
      },
      'mlMaturity.kits.items[0].rule.filter.ml.asset.$in[1]',
      /\"datasets\" never matches: .*Did you mean dataset\?/,
    ],
    [
      {
        kits: {
          items: [
            {
              id: 'accelerator.technology.curated-datasets',
              rule: {
                via: 'owned',
                filter: {
                  'ml.roles': { $contains: { $any: ['data scientist'] } },
                },
              },
            },
          ],
        },
      },
      'mlMaturity.kits.items[0].rule.filter.ml.roles.$contains.$any[0]',
      /an element of ml\.roles is one of data-engineer, .*Did you mean data-scientist\?/,
    ],
    [
      {
        kits: {
          items: [
            {
              id: 'accelerator.technology.curated-datasets',
              rule: {
                via: 'owned',
                filter: { 'ml.asset': { $contains: 'dataset' } },
              },
            },
          ],
        },
      },
      'mlMaturity.kits.items[0].rule.filter.ml.asset.$contains',
      /not a list, so \$contains never matches it/,
    ],
    [
      {
        kits: {
          items: [
            {
              id: 'accelerator.technology.curated-datasets',
              rule: {
                via: 'owned',
                filter: { 'ml.curated': { $hasPrefix: 't' } },
              },
            },
          ],
        },
      },
      'mlMaturity.kits.items[0].rule.filter.ml.curated.$hasPrefix',
      /ml\.curated is true or false, not text/,
    ],
    [
      {
        kits: {
          items: [
            {
              id: 'accelerator.technology.curated-datasets',
              rule: { via: 'owned', filter: 'dataset' },
            },
          ],
        },
      },
      'mlMaturity.kits.items[0].rule.filter:',
      /\"dataset\" is compared with the whole entity and never matches it/,
    ],
    [
      {
        kits: {
          items: [
            {
              id: 'accelerator.technology.curated-datasets',
              rule: {
                via: 'owned',
                filter: {
                  $any: [{ 'ml.asset': 'dataset' }, { $not: 'notebook' }],
                },
              },
            },
          ],
        },
      },
      'mlMaturity.kits.items[0].rule.filter.$any[1].$not',
      /compared with the whole entity/,
    ],
    [
      {
        kits: {
          items: [
            {
              id: 'x.y',
              kit: 'starter',
              dimension: 'technology',
              title: 'X',
              rule: {
                via: 'owned',
                filter: { 'ml.asset': 'dataset' },
                allOf: [{ via: 'owned', filter: { 'ml.consumerTeams': -1 } }],
              },
            },
          ],
        },
      },
      'mlMaturity.kits.items[0].rule.allOf[0].filter.ml.consumerTeams',
      /ml\.consumerTeams is a whole number, so -1 never matches it/,
    ],
    [
      { assetTypeAliases: { 'TF-Model': 'ml-model', 'tf-model': 'dataset' } },
      'mlMaturity.assetTypeAliases.tf-model',
      /TF-Model and tf-model are one alias, tf-model \(aliases are lower-cased\); keep one/,
    ],
    // a configured alias is resolved like a default one: the fact holds
    // the word it resolves to, which the message names
    [
      {
        assetTypeAliases: { 'tf-model': 'ml-model' },
        kits: {
          items: [
            {
              id: 'accelerator.technology.curated-datasets',
              rule: { via: 'owned', filter: { 'ml.asset': 'TF-Model' } },
            },
          ],
        },
      },
      'mlMaturity.kits.items[0].rule.filter.ml.asset',
      /\"TF-Model\" never matches: ml\.asset is one of dataset, .* \(aliases are resolved: tf-model is ml-model\)$/,
    ],
    // a configured alias replaces a default one of the same name
    [
      {
        assetTypeAliases: { model: 'dataset' },
        kits: {
          items: [
            {
              id: 'accelerator.technology.curated-datasets',
              rule: {
                via: 'owned',
                filter: { 'ml.dependsOnAssetTypes': { $contains: 'model' } },
              },
            },
          ],
        },
      },
      'mlMaturity.kits.items[0].rule.filter.ml.dependsOnAssetTypes.$contains',
      /\(aliases are resolved: model is dataset\)$/,
    ],
  ])('rejects %j naming %s', (value, path, problem) => {
    expect(() => readMlMaturityConfig(config(value))).toThrow(path);
    expect(() => readMlMaturityConfig(config(value))).toThrow(problem);
  });

  it('accepts every default rule and the filters that can match', () => {
    // every default rule, given again as config
    const items = DEFAULT_KITS.flatMap(kit =>
      kit.items
        .filter(item => item.rule)
        .map(item => ({
          id: item.id,
          rule: JSON.parse(JSON.stringify(item.rule)),
        })),
    );
    expect(items.length).toBeGreaterThan(20);
    expect(() => validateKitsConfig({ items })).not.toThrow();
    for (const filter of [
      { 'ml.roles': { $contains: 'ML-Engineer' } },
      { 'ml.roles': { $exists: true } },
      { 'ml.linkTypes': { $contains: { $any: ['model-card', 'docs'] } } },
      { 'ml.asset': { $hasPrefix: 'ml-' } },
      { 'ml.asset': 'Dataset' },
      { 'ml.consumerTeams': '2' },
      { 'ml.consumerTeams': { $in: [1, 2] } },
      { 'ml.accelerator': 'gpu' },
      { 'ml.dependsOnAssetTypes': { $contains: 'dataset' } },
      { $not: { 'ml.curated': false } },
      {
        kind: 'Resource',
        'metadata.annotations.ml-maturity.io/curated': 'true',
      },
      { relations: { $contains: { type: 'ownedBy' } } },
      {},
    ]) {
      expect(() =>
        validateKitsConfig({
          items: [
            {
              id: 'accelerator.technology.curated-datasets',
              rule: { via: 'owned', filter },
            },
          ],
        }),
      ).not.toThrow();
    }
  });

  it('keeps the message of an invalid filter short', () => {
    let message = '';
    try {
      readMlMaturityConfig(
        config({
          kits: {
            items: [
              {
                id: 'starter.people.annotators',
                rule: {
                  via: 'owned',
                  filter: { 'ml.roles': { $contains: { a: [{}] } } },
                },
              },
            ],
          },
        }),
      );
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(
      /^Invalid ML maturity config at mlMaturity\.kits\.items\[0\]\.rule\.filter/,
    );
    expect(message.length).toBeLessThanOrEqual(400);
  });

  it('lower-cases aliases and rejects __proto__ without polluting prototypes', () => {
    const aliases = validateAssetTypeAliases({ 'TF-Model': 'ML-Model' });
    expect(aliases).toEqual({ 'tf-model': 'ml-model' });
    expect(() =>
      validateAssetTypeAliases(JSON.parse('{"__proto__": "dataset"}')),
    ).toThrow('mlMaturity.assetTypeAliases.__proto__');
    expect(({} as any).dataset).toBeUndefined();
  });

  it('validates against given base kits without changing them', () => {
    const before = JSON.stringify(DEFAULT_KITS);
    validateKitsConfig({
      items: [{ id: 'starter.people.annotators', title: 'Changed' }],
    });
    expect(JSON.stringify(DEFAULT_KITS)).toBe(before);
    expect(() => validateKitsConfig([] as any, { path: 'x.kits' })).toThrow(
      'x.kits',
    );
  });
});
