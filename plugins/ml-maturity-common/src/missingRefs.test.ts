import { classify } from './classify';
import { findingNamesAllItsRefs, hiddenValuePolicy } from './findings';
import { Assessment, Finding } from './types';
import {
  asset,
  Doc,
  entity,
  group,
  NOW,
  user,
  world,
} from './__fixtures__/entities';

/** Every finding of an assessment, wherever it was placed. */
function allFindings(a: Assessment): Finding[] {
  return [...a.findings, ...a.teams.flatMap(t => t.findings)];
}

function findingsOn(a: Assessment, entityRef: string): Finding[] {
  return allFindings(a).filter(f => f.entityRef === entityRef);
}

const MISSING =
  /^No entity with this ref was read \(it is not in the catalog, or not among the files assessed\), so /;

describe('references to entities that are not in the input', () => {
  it('are findings on the entity naming them, with the field and the normalised ref', () => {
    const a = classify({
      now: NOW,
      entities: [
        ...world(),
        group('team-c', { parent: 'lost-parent', children: ['lost-child'] }),
        group('team-d', { members: ['ghost'] }),
        user('sofia', { memberOf: ['visoin', 'team-a'] }),
        entity('Component', 'trainer', {
          spec: {
            type: 'service',
            owner: 'team-a',
            dependsOn: ['resource:gpu-pol', 'component:default/nope'],
            consumesApis: ['feature-api'],
            dependencyOf: ['component:gone'],
          },
        }),
      ],
    });
    const summary = (ref: string) =>
      findingsOn(a, ref).map(f => [f.field, f.value]);
    expect(summary('group:default/team-c')).toEqual([
      ['spec.children', 'group:default/lost-child'],
      ['spec.parent', 'group:default/lost-parent'],
    ]);
    expect(summary('group:default/team-d')).toEqual([
      ['spec.members', 'user:default/ghost'],
    ]);
    expect(summary('user:default/sofia')).toEqual([
      ['spec.memberOf', 'group:default/visoin'],
    ]);
    expect(summary('component:default/trainer')).toEqual([
      ['spec.consumesApis', 'api:default/feature-api'],
      ['spec.dependencyOf', 'component:default/gone'],
      ['spec.dependsOn', 'component:default/nope'],
      ['spec.dependsOn', 'resource:default/gpu-pol'],
    ]);
    for (const f of allFindings(a)) expect(f.message).toMatch(MISSING);
    expect(findingsOn(a, 'user:default/sofia')[0].message).toMatch(
      /membership counts for no team$/,
    );
    // placed with the team of the entity (sofia is a member of team-a)
    const teamA = a.teams.find(t => t.entityRef === 'group:default/team-a')!;
    expect(teamA.findings.map(f => f.entityRef)).toContain(
      'user:default/sofia',
    );
    // the membership that resolves still counts
    expect(a.teams.find(t => t.entityRef === 'group:default/team-c')).toEqual(
      expect.objectContaining({ parent: null }),
    );
  });

  it('reports a ref named by both a spec field and a relation once, and the same either way', () => {
    const specOnly = [
      ...world(),
      user('sofia', { memberOf: ['visoin'] }),
      entity('Component', 'trainer', {
        spec: { type: 'service', owner: 'team-a', dependsOn: ['resource:x'] },
      }),
    ];
    const withRelations = specOnly.map((doc: Doc) => {
      if (doc.metadata.name === 'sofia') {
        return {
          ...doc,
          relations: [{ type: 'memberOf', targetRef: 'group:default/visoin' }],
        };
      }
      if (doc.metadata.name === 'trainer') {
        return {
          ...doc,
          relations: [
            { type: 'ownedBy', targetRef: 'group:default/team-a' },
            { type: 'dependsOn', targetRef: 'resource:default/x' },
          ],
        };
      }
      return doc;
    });
    const a = classify({ entities: specOnly, now: NOW });
    const b = classify({ entities: withRelations, now: NOW });
    expect(allFindings(a)).toHaveLength(2);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  it('does not report parts (a catalog derives them from fields raw YAML is not read for)', () => {
    const a = classify({
      now: NOW,
      entities: [
        ...world(),
        asset('data', 'dataset', { spec: { system: 'missing-system' } }),
        {
          ...entity('System', 'sys', { spec: { owner: 'team-a' } }),
          relations: [{ type: 'partOf', targetRef: 'domain:default/gone' }],
        },
      ],
    });
    expect(allFindings(a)).toEqual([]);
  });

  it('does not report memberships read only on other kinds', () => {
    const a = classify({
      now: NOW,
      entities: [
        ...world(),
        {
          ...asset('data', 'dataset'),
          relations: [{ type: 'memberOf', targetRef: 'group:default/gone' }],
        },
      ],
    });
    expect(allFindings(a)).toEqual([]);
  });

  it('tells a reader that hides entities to drop them (they would tell a hidden entity from a missing one)', () => {
    const a = classify({
      now: NOW,
      entities: [...world(), user('sofia', { memberOf: ['visoin'] })],
    });
    expect(allFindings(a).map(hiddenValuePolicy)).toEqual(['drop']);
  });
});

describe('an owning User through whom an entity counts for no team', () => {
  it('tells a reader that hides the User to drop the finding (its message says whether the User exists)', () => {
    const a = classify({
      now: NOW,
      entities: [
        ...world(),
        asset('by-ghost', 'dataset', { owner: 'user:ghost' }),
        user('loner'),
        asset('by-loner', 'dataset', { owner: 'user:loner' }),
        user('stray', { memberOf: ['nowhere'] }),
        asset('by-stray', 'dataset', { owner: 'user:stray' }),
        // a User in a team: no finding at all
        asset('by-bob', 'dataset', { owner: 'user:bob' }),
      ],
    });
    const owners = allFindings(a).filter(f => f.field === 'spec.owner');
    expect(owners.map(f => f.value)).toEqual([
      'user:default/ghost',
      'user:default/loner',
      'user:default/stray',
    ]);
    expect(owners.map(hiddenValuePolicy)).toEqual(['drop', 'drop', 'drop']);
  });
});

describe('an owner written without a kind that names a User', () => {
  it('adds a finding naming the User to the implicit team', () => {
    const a = classify({
      now: NOW,
      entities: [
        ...world(),
        user('guest', { memberOf: ['team-a'] }),
        asset('nb', 'notebook', { owner: 'guest' }),
        asset('other', 'notebook', { owner: 'nobody' }),
      ],
    });
    const guest = a.teams.find(t => t.entityRef === 'group:default/guest')!;
    expect(guest.implicit).toBe(true);
    expect(guest.findings.map(f => [f.field, f.value])).toEqual([
      ['spec.owner', 'group:default/guest'],
      ['spec.owner', 'user:default/guest'],
    ]);
    expect(guest.findings[1].message).toMatch(/write its kind/);
    // a reader that hides the User drops the hint rather than masking it
    expect(hiddenValuePolicy(guest.findings[1])).toBe('drop');
    expect(hiddenValuePolicy(guest.findings[0])).toBe('mask');
    // no User named nobody: only the implicit team's finding
    const nobody = a.teams.find(t => t.entityRef === 'group:default/nobody')!;
    expect(nobody.findings).toHaveLength(1);
  });
});

describe('annotation keys and values', () => {
  it('reports unknown ml-maturity.io keys, naming the nearest known key', () => {
    const a = classify({
      now: NOW,
      entities: [
        ...world(),
        asset('data', 'dataset', {
          annotations: {
            'ml-maturity.io/curatd': 'true',
            'ml-maturity.io/Scope': 'team',
            'ml-maturity.io/attestation.x': 'https://example.com',
            'ml-maturity.io/zzzzzzzzzzzz': 'x',
          },
        }),
      ],
    });
    const byKey = Object.fromEntries(
      findingsOn(a, 'resource:default/data').map(f => [f.field, f.message]),
    );
    expect(Object.keys(byKey).sort()).toEqual([
      'ml-maturity.io/Scope',
      'ml-maturity.io/attestation.x',
      'ml-maturity.io/curatd',
      'ml-maturity.io/zzzzzzzzzzzz',
    ]);
    expect(byKey['ml-maturity.io/curatd']).toMatch(
      /^Unknown annotation key, so it is ignored: did you mean ml-maturity\.io\/curated\?/,
    );
    expect(byKey['ml-maturity.io/Scope']).toMatch(
      /did you mean ml-maturity\.io\/scope\?/,
    );
    expect(byKey['ml-maturity.io/attestation.x']).toMatch(
      /did you mean ml-maturity\.io\/attest\.<itemId>\?/,
    );
    expect(byKey['ml-maturity.io/zzzzzzzzzzzz']).toMatch(
      /^Unknown annotation key, so it is ignored\. Known keys: ml-maturity\.io\/asset,/,
    );
  });

  it('reports a null ML annotation value, which a catalog rejects too', () => {
    const a = classify({
      now: NOW,
      entities: [
        ...world(),
        asset('data', 'dataset', {
          annotations: { 'ml-maturity.io/curated': null },
        }),
      ],
    });
    expect(
      findingsOn(a, 'resource:default/data').map(f => [f.field, f.value]),
    ).toEqual([['ml-maturity.io/curated', 'null']]);
  });

  it('reports non-string values of any annotation in raw documents, not in catalog entities', () => {
    const annotations = {
      'mlflow.org/experiment': 2,
      'example.com/list': ['a'],
      'example.com/empty': null,
      'example.com/fine': 'text',
    };
    const raw = [...world(), asset('data', 'dataset', { annotations })];
    const a = classify({ entities: raw, now: NOW });
    expect(
      findingsOn(a, 'resource:default/data').map(f => [f.field, f.value]),
    ).toEqual([
      ['example.com/empty', 'null'],
      ['example.com/list', '["a"]'],
      ['mlflow.org/experiment', '2'],
    ]);
    expect(findingsOn(a, 'resource:default/data')[2].message).toMatch(
      /^Annotation values must be strings, and a catalog rejects this entity/,
    );
    // a catalog never serves such values; its entities are not checked
    const served = raw.map((doc, i) => ({
      ...doc,
      metadata: { ...doc.metadata, uid: `uid-${i}` },
    }));
    expect(allFindings(classify({ entities: served, now: NOW }))).toEqual([]);
  });
});

describe('cycles in the group hierarchy', () => {
  const cycleFindings = (entities: Doc[]) =>
    allFindings(classify({ now: NOW, entities })).filter(f =>
      f.message.startsWith('The group hierarchy has a cycle'),
    );

  it('are reported on every Group of the cycle, naming its groups, and rollups still end', () => {
    const entities = [
      group('org', { children: ['team-a'] }),
      group('team-a', { parent: 'org', children: ['team-b'] }),
      group('team-b', { parent: 'team-a', children: ['team-a'] }),
      group('solo'),
    ];
    expect(
      cycleFindings(entities).map(f => [f.entityRef, f.field, f.value]),
    ).toEqual([
      [
        'group:default/team-a',
        'spec.parent',
        'group:default/team-a, group:default/team-b',
      ],
      [
        'group:default/team-b',
        'spec.parent',
        'group:default/team-a, group:default/team-b',
      ],
    ]);
    expect(hiddenValuePolicy(cycleFindings(entities)[0])).toBe('drop');
    const a = classify({ now: NOW, entities });
    const org = a.teams.find(t => t.entityRef === 'group:default/org')!;
    expect(org.rollup?.teams).toEqual([
      'group:default/team-a',
      'group:default/team-b',
    ]);
  });

  it('reaches every group of a cycle, however the links run, and none of a tree', () => {
    // a <-> b, and c in the cycle a -> c -> b -> a through c.children
    const found = cycleFindings([
      group('a', { parent: 'b' }),
      group('b', { parent: 'a' }),
      group('c', { parent: 'b', children: ['a'] }),
    ]);
    expect(found.map(f => f.entityRef)).toEqual([
      'group:default/a',
      'group:default/b',
      'group:default/c',
    ]);
    expect(found[0].value).toBe(
      'group:default/a, group:default/b, group:default/c',
    );
    expect(
      cycleFindings([
        group('root', { children: ['x', 'y'] }),
        group('x', { parent: 'root' }),
        group('y', { parent: 'root' }),
      ]),
    ).toEqual([]);
  });

  it('reports one finding per group of a long chain with a link back from every group, its value cut', () => {
    // g0 -> g1 -> ... -> g2999 by parent, and g0 lists every group as a
    // child: a cycle through g0 from every group (a path per cycle made
    // this quadratic in time and memory)
    const n = 3000;
    const names = Array.from({ length: n }, (_, i) => `g${i}`);
    const found = cycleFindings(
      names.map((name, i) =>
        group(name, {
          parent: i + 1 < n ? names[i + 1] : undefined,
          children: i === 0 ? names : [],
        }),
      ),
    );
    expect(found).toHaveLength(n);
    // whole refs, then how many more
    expect(found[0].value).toMatch(
      /^group:default\/g0, group:default\/g1, .*group:default\/g\d+ and \d+ more$/,
    );
    expect(found[0].value.length).toBeLessThanOrEqual(200);
    expect(findingNamesAllItsRefs(found[0])).toBe(false);
  });
});
