import {
  evaluateFilterPredicate,
  FilterPredicate,
} from '@backstage/filter-predicates';
import { classify, classifyWithDetails } from './classify';
import { compileFilter } from './filters';
import { prng, shuffle } from './__fixtures__/entities';

const KINDS = [
  'Group',
  'User',
  'Component',
  'Resource',
  'System',
  'API',
  'group',
  'Template',
  'Location',
  '',
  7,
  null,
];
const WORDS = [
  'dataset',
  'notebook',
  'ml-model',
  'compute',
  'storage',
  'data-marketplace',
  'feature-store',
  'tutorial',
  'pipeline',
  'jupyter',
  'LLM',
  'true',
  'false',
  'team',
  'external',
  'cloud',
  'multi-cloud',
  'interactive',
  'data-scientist, wizard',
  'https://example.com/x',
  'not a url',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'team-a',
  'group:default/team-b',
  'user:alice',
  'jane@example.com',
  '${{ x }}',
  '',
];
const KEYS = [
  'ml-maturity.io/asset',
  'ml-maturity.io/curated',
  'ml-maturity.io/scope',
  'ml-maturity.io/hosting',
  'ml-maturity.io/tutorial-level',
  'ml-maturity.io/fault-tolerant',
  'ml-maturity.io/accelerator',
  'ml-maturity.io/orchestrator',
  'ml-maturity.io/open-source',
  'ml-maturity.io/role',
  'ml-maturity.io/attest.starter.process.use-cases',
  'ml-maturity.io/attest.__proto__',
  'ml-maturity.io/attest.starter.technology.project-datasets',
  'backstage.io/techdocs-ref',
  'github.com/project-slug',
  '__proto__',
  'constructor',
  'prototype',
];
const SPEC_FIELDS = [
  'owner',
  'type',
  'memberOf',
  'members',
  'parent',
  'children',
  'dependsOn',
  'dependencyOf',
  'consumesApis',
  'system',
  '__proto__',
];
const RELATIONS = [
  'ownedBy',
  'ownerOf',
  'memberOf',
  'hasMember',
  'childOf',
  'parentOf',
  'dependsOn',
  'dependencyOf',
  'consumesApi',
  'partOf',
  'hasPart',
  '__proto__',
];

function generator(seed: number) {
  const random = prng(seed);
  const pick = <T>(list: readonly T[]): T =>
    list[Math.floor(random() * list.length)];
  const name = () => `e${Math.floor(random() * 40)}`;
  const value = (depth = 0): unknown => {
    const r = random();
    if (r < 0.45) return pick(WORDS);
    if (r < 0.55) return name();
    if (r < 0.6)
      return `${pick([
        'group',
        'user',
        'resource',
        'component',
      ])}:default/${name()}`;
    if (r < 0.65) return Math.floor(random() * 100) - 50;
    if (r < 0.7) return random() < 0.5;
    if (r < 0.73) return null;
    if (r < 0.75) return 'x'.repeat(100000);
    if (r < 0.8 && depth < 3)
      return Array.from({ length: Math.floor(random() * 4) }, () =>
        value(depth + 1),
      );
    if (r < 0.85 && depth < 3)
      return JSON.parse(`{"__proto__": ${JSON.stringify(value(depth + 1))}}`);
    return pick(WORDS);
  };
  const entity = (): unknown => {
    const annotations: Record<string, unknown> = JSON.parse('{}');
    const n = Math.floor(random() * 5);
    for (let i = 0; i < n; i++) {
      Object.defineProperty(annotations, pick(KEYS), {
        value: value(),
        enumerable: true,
        configurable: true,
        writable: true,
      });
    }
    const spec: Record<string, unknown> = {};
    for (const field of SPEC_FIELDS) {
      if (random() < 0.3) {
        Object.defineProperty(spec, field, {
          value: random() < 0.5 ? value() : [value(), name()],
          enumerable: true,
        });
      }
    }
    const doc: Record<string, unknown> = {
      apiVersion:
        random() < 0.95
          ? 'backstage.io/v1alpha1'
          : pick(['v1', 7, 'backstage.io']),
      kind: pick(KINDS),
      metadata:
        random() < 0.97
          ? {
              name: random() < 0.9 ? name() : value(),
              annotations: random() < 0.9 ? annotations : value(),
              links:
                random() < 0.2
                  ? [
                      {
                        url: 'https://x',
                        type: pick(['docs', 'process-flow', 7]),
                      },
                      value(),
                    ]
                  : undefined,
              namespace: random() < 0.1 ? value() : undefined,
            }
          : value(),
      spec: random() < 0.95 ? spec : value(),
    };
    if (random() < 0.3) {
      doc.relations =
        random() < 0.9
          ? Array.from({ length: 3 }, () => ({
              type: pick(RELATIONS),
              targetRef:
                random() < 0.8
                  ? `${pick(['group', 'user', 'resource'])}:default/${name()}`
                  : value(),
            }))
          : value();
    }
    return doc;
  };
  return { random, entity, value, pick };
}

describe('classify on random hostile input', () => {
  it('never throws, round-trips through JSON and leaves prototypes alone', () => {
    const protoKeys = Object.getOwnPropertyNames(Object.prototype).sort();
    for (let seed = 1; seed <= 40; seed++) {
      const { entity, random } = generator(seed);
      const entities = Array.from({ length: 150 }, entity);
      // a cycle in the object graph and in dependsOn / group parents
      const cyclic: any = {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'cyclic' },
        spec: { owner: 'e1', dependsOn: ['component:cyclic'] },
      };
      cyclic.spec.self = cyclic;
      entities.push(
        cyclic,
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Group',
          metadata: { name: 'e1' },
          spec: { parent: 'e2', children: ['e2'] },
        },
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Group',
          metadata: { name: 'e2' },
          spec: { parent: 'e1', children: ['e1'] },
        },
      );
      let details: ReturnType<typeof classifyWithDetails> | undefined;
      expect(() => {
        details = classifyWithDetails({
          entities,
          now: '2026-01-01T00:00:00Z',
          assetTypeAliases: JSON.parse(
            '{"__proto__": "dataset", "x": "ml-model"}',
          ),
          attestations: [
            {
              id: 'a',
              teamRef: 'group:default/e1',
              itemId: 'starter.process.use-cases',
              url: 'https://x',
              by: 'u',
              at: 'x',
              expiresAt: '2030-01-01T00:00:00Z',
            },
            JSON.parse('{"__proto__": {"polluted": true}}'),
            null as any,
          ],
        });
      }).not.toThrow();
      expect(details!.assessment.teams.length).toBeGreaterThan(1);
      const text = JSON.stringify(details!.assessment);
      expect(JSON.parse(text)).toEqual(details!.assessment);
      for (const f of details!.assessment.findings) {
        expect(f.value.length).toBeLessThanOrEqual(200);
        expect(typeof f.message).toBe('string');
      }
      // order independence on hostile input too
      const again = classify({
        entities: shuffle(entities, random),
        now: '2026-01-01T00:00:00Z',
        assetTypeAliases: JSON.parse(
          '{"__proto__": "dataset", "x": "ml-model"}',
        ),
        attestations: [
          {
            id: 'a',
            teamRef: 'group:default/e1',
            itemId: 'starter.process.use-cases',
            url: 'https://x',
            by: 'u',
            at: 'x',
            expiresAt: '2030-01-01T00:00:00Z',
          },
        ],
      });
      expect(JSON.stringify(again)).toBe(text);
    }
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(
      protoKeys,
    );
    expect(({} as any).polluted).toBeUndefined();
    expect(({} as any).dataset).toBeUndefined();
  });

  it('tolerates inputs that are not lists or objects at all', () => {
    for (const entities of [
      undefined,
      null,
      'x',
      7,
      {},
      [undefined, null, [], 'x'],
    ]) {
      expect(() =>
        classify({ entities: entities as any, now: 'not a date' }),
      ).not.toThrow();
    }
    expect(classify({ entities: [], now: new Date(0) })).toEqual({
      generatedAt: '1970-01-01T00:00:00.000Z',
      teams: [],
      unattributedAssets: [],
      findings: [],
    });
  });
});

describe('compileFilter', () => {
  it('agrees with evaluateFilterPredicate on random predicates and values', () => {
    const { random, pick } = generator(99);
    const paths = [
      'ml.asset',
      'ml.roles',
      'kind',
      'spec.type',
      'metadata.annotations.ml-maturity.io/asset',
      'a.b',
      'a',
      'a.b.c',
      '',
    ];
    const prims = ['dataset', 'DATASET', 'x', 7, '7', true, false, 0];
    const predicate = (depth: number): any => {
      const r = random();
      if (depth > 2 || r < 0.4) {
        const key = pick(paths);
        const makers: Array<() => unknown> = [
          () => pick(prims),
          () => pick(prims),
          () => ({ $in: [pick(prims), pick(prims)] }),
          () => ({ $exists: random() < 0.5 }),
          () => ({ $hasPrefix: pick(['da', 'X', '']) }),
          () => ({ $contains: depth > 2 ? pick(prims) : predicate(depth + 1) }),
          () => [pick(prims)],
        ];
        const v = pick(makers)();
        return { [key]: v };
      }
      if (r < 0.6)
        return { $all: [predicate(depth + 1), predicate(depth + 1)] };
      if (r < 0.8)
        return { $any: [predicate(depth + 1), predicate(depth + 1)] };
      if (r < 0.9) return { $not: predicate(depth + 1) };
      return pick(prims);
    };
    const leaf = () =>
      pick<unknown>([
        ...prims,
        null,
        undefined,
        ['dataset', 'x'],
        [7],
        { b: 'dataset' },
      ]);
    const value = (): unknown => ({
      kind: leaf(),
      ml: { asset: leaf(), roles: [leaf(), leaf()] },
      spec: { type: leaf() },
      metadata: { annotations: { 'ml-maturity.io/asset': leaf() } },
      a: random() < 0.5 ? { b: leaf(), 'b.c': leaf() } : leaf(),
      'a.b': random() < 0.3 ? leaf() : undefined,
    });
    let checked = 0;
    for (let i = 0; i < 3000; i++) {
      const p = predicate(0) as FilterPredicate;
      const f = compileFilter(p);
      for (let j = 0; j < 5; j++) {
        const v = value();
        expect(f(v)).toBe(evaluateFilterPredicate(p, v));
        checked++;
      }
    }
    expect(checked).toBe(15000);
  });
});
