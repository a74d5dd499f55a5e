import { classify, classifyWithDetails } from './classify';
import { Challenges } from './types';
import {
  asset,
  consumer,
  Doc,
  group,
  NOW,
  user,
} from './__fixtures__/entities';

function challenges(docs: Doc[]): Challenges {
  const a = classify({
    entities: [group('team-a', { members: ['alice', 'bob'] }), ...docs],
    now: NOW,
  });
  return a.teams.find(t => t.entityRef === 'group:default/team-a')!.challenges;
}

const roles = (a: string, b = '') => [
  user('alice', { roles: a }),
  user('bob', { roles: b }),
];
const CLOUD = { 'ml-maturity.io/hosting': 'cloud' };

describe('challenges', () => {
  it.each<[number, Doc[]]>([
    [1, roles('data-engineer')],
    [1, roles('ml-engineer')], // higher role without the lower one
    [2, roles('data-scientist')],
    [3, roles('data-scientist, ml-engineer')],
    [3, roles('data-scientist, ml-engineer', 'product-manager')],
    [4, roles('data-scientist, ml-engineer', 'product-manager, devops')],
    [
      5,
      roles(
        'data-scientist, ml-engineer, ml-researcher',
        'product-manager, devops, ai-advisor',
      ),
    ],
  ])('professionalSkills level %i', (level, docs) => {
    const result = challenges(docs).professionalSkills;
    expect(result.level).toBe(level);
    expect(result.reason.length).toBeGreaterThan(10);
  });

  it.each<[number, Doc[]]>([
    [1, [asset('gpu', 'compute')]],
    [
      2,
      [
        asset('gpu', 'compute'),
        asset('s', 'storage', { owner: 'team-b' }),
        consumer('c', ['resource:s']),
      ],
    ],
    [
      3,
      [asset('gpu', 'compute'), asset('s', 'storage', { annotations: CLOUD })],
    ],
    [
      4,
      [
        asset('gpu', 'compute', { annotations: CLOUD }),
        asset('s', 'storage', { annotations: CLOUD }),
      ],
    ],
    [
      5,
      [
        asset('gpu', 'compute', {
          annotations: { ...CLOUD, 'ml-maturity.io/accelerator': 'gpu' },
        }),
        asset('s', 'storage', { annotations: CLOUD }),
      ],
    ],
    [
      2,
      [
        asset('gpu', 'compute', {
          annotations: { 'ml-maturity.io/accelerator': 'tpu' },
        }),
        asset('s', 'storage'),
      ],
    ],
  ])('infrastructure level %i', (level, docs) => {
    expect(challenges(docs).infrastructure.level).toBe(level);
  });

  const DOCS = { 'backstage.io/techdocs-ref': 'dir:.' };
  it.each<[number, Doc[]]>([
    [1, [asset('d', 'dataset')]],
    [2, [asset('d', 'dataset', { annotations: DOCS })]],
    [
      3,
      [
        asset('d', 'dataset', {
          annotations: {
            ...DOCS,
            'ml-maturity.io/curated': 'true',
            'ml-maturity.io/scope': 'team',
          },
        }),
      ],
    ],
    [
      4,
      [
        asset('d', 'dataset', {
          annotations: {
            ...DOCS,
            ...CLOUD,
            'ml-maturity.io/curated': 'true',
            'ml-maturity.io/scope': 'enterprise',
          },
        }),
      ],
    ],
    [
      5,
      [
        asset('d', 'dataset', {
          annotations: {
            ...DOCS,
            'ml-maturity.io/hosting': 'multi-cloud',
            'ml-maturity.io/curated': 'true',
            'ml-maturity.io/scope': 'external',
          },
        }),
        asset('m', 'data-marketplace', { owner: 'team-b' }),
        consumer('c', ['resource:m']),
      ],
    ],
    [
      3,
      [
        asset('d', 'dataset', {
          annotations: {
            ...DOCS,
            'ml-maturity.io/curated': 'true',
            'ml-maturity.io/scope': 'team',
          },
        }),
        asset('m', 'data-marketplace'),
      ],
    ],
  ])('data level %i', (level, docs) => {
    expect(challenges(docs).data.level).toBe(level);
  });

  it('explains the level with evidence and what the next level needs', () => {
    const result = challenges(
      roles('data-scientist, ml-engineer'),
    ).professionalSkills;
    expect(result.reason).toContain('user:default/alice');
    expect(result.reason).toContain(
      'level 4 needs members with roles product-manager and devops',
    );
    expect(challenges([]).infrastructure.reason).toMatch(/level 2 needs/);
  });

  it('gives the full list of each reason list it cuts short (with details only)', () => {
    const names = ['e', 'd', 'c', 'b', 'a'];
    const entities = [
      group('team-a', { members: names }),
      ...names.map(name => user(name, { roles: 'data-scientist' })),
    ];
    const details = classifyWithDetails({ entities, now: NOW });
    const team = details.assessment.teams.find(
      t => t.entityRef === 'group:default/team-a',
    )!;
    const full = [...names].sort().map(n => `user:default/${n}`);
    expect(team.challenges.professionalSkills.reason).toContain(
      `(${full.slice(0, 3).join(', ')} and 2 more)`,
    );
    expect(details.shortenedReasonRefs).toEqual({
      'group:default/team-a': { professionalSkills: [full] },
    });
    // the assessment itself is the same either way
    expect(classify({ entities, now: NOW })).toEqual(details.assessment);
  });
});
