import { mockCredentials } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { classify } from '@aiml-service-kits/plugin-ml-maturity-common';
import { makeTeam } from '../__testUtils__/teams';
import {
  CatalogVisibility,
  cutFindings,
  cutTeam,
  cutText,
  findingValueRefs,
  isTeamVisible,
  refsInText,
  teamRefsToCheck,
} from './visibility';

const doc = (kind: string, name: string, spec: Record<string, unknown>) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name },
  spec,
});

const readable = new Set(['resource:default/a', 'group:default/team']);
const canRead = (ref: string) => readable.has(ref);

describe('cutText', () => {
  it('drops unreadable refs from ref lists and masks the others', () => {
    const reason =
      'optimised storage: a compute and storage (resource:default/a, resource:default/b); a storage hosted cloud (resource:default/b); see resource:default/c';
    expect(refsInText(reason)).toEqual([
      'resource:default/a',
      'resource:default/b',
      'resource:default/b',
      'resource:default/c',
    ]);
    expect(cutText(reason, canRead)).toBe(
      'optimised storage: a compute and storage (resource:default/a); a storage hosted cloud; see a hidden entity',
    );
  });

  it('recounts a list cut short from its full list, so hidden entities are not counted', () => {
    const reason =
      'x: documented (resource:default/a, resource:default/b, resource:default/c and 2 more); owned (resource:default/b)';
    const full = [
      'resource:default/a',
      'resource:default/b',
      'resource:default/c',
      'resource:default/d',
      'resource:default/e',
    ];
    const can = (refs: string[]) => (ref: string) => refs.includes(ref);
    // everything readable: the text as the classifier wrote it
    expect(cutText(reason, can(full), [full])).toBe(reason);
    // hidden refs neither named nor counted
    expect(
      cutText(
        reason,
        can(['resource:default/a', 'resource:default/d', 'resource:default/e']),
        [full],
      ),
    ).toBe(
      'x: documented (resource:default/a, resource:default/d, resource:default/e); owned',
    );
    expect(
      cutText(reason, can(['resource:default/b', ...full.slice(2)]), [full]),
    ).toBe(
      'x: documented (resource:default/b, resource:default/c, resource:default/d and 1 more); owned (resource:default/b)',
    );
    // without the full list (older rows) the count cannot be checked: it goes
    expect(cutText(reason, can(full))).toBe(
      'x: documented (resource:default/a, resource:default/b, resource:default/c); owned (resource:default/b)',
    );
    expect(cutText(reason, () => false, [full])).toBe('x: documented; owned');
  });

  it('leaves texts without refs alone', () => {
    const text = 'data engineers only (no roles); see https://example.com/x/y';
    expect(cutText(text, () => false)).toBe(text);
  });
});

describe('cutTeam', () => {
  it('cuts evidence, findings, parent, reasons and rollup, keeping levels', () => {
    const team = makeTeam('group:default/team', {
      level: 2,
      parent: 'group:default/hidden-parent',
      items: [
        {
          id: 'x',
          kit: 'starter',
          dimension: 'technology',
          required: true,
          status: 'met',
          evidence: [
            'resource:default/a',
            'resource:default/b',
            'https://e.com/x',
          ],
        },
      ],
      findings: [
        {
          entityRef: 'resource:default/b',
          field: 'f',
          value: 'v',
          message: 'm',
        },
        {
          entityRef: 'group:default/team',
          field: 'f',
          value: 'v',
          message: 'm',
        },
      ],
      challenges: {
        professionalSkills: { level: 1, reason: 'always' },
        infrastructure: { level: 2, reason: 'compute (resource:default/b)' },
        data: { level: 1, reason: 'always' },
      },
      rollup: {
        teams: ['group:default/team', 'group:default/other'],
        levels: { '1': 1, '2': 1, '3': 0, '4': 0, '5': 0 },
        level: 2,
        kitsCompleted: 1,
        currentKit: 'accelerator',
        kits: [],
      },
    });
    const levels = new Map([
      ['group:default/team', 2],
      ['group:default/other', 1],
    ]);
    const cut = cutTeam(team, canRead, ref => levels.get(ref));
    expect(cut.level).toBe(2);
    expect(cut.parent).toBeNull();
    expect(cut.items[0].evidence).toEqual([
      'resource:default/a',
      'https://e.com/x',
    ]);
    expect(cut.findings.map(f => f.entityRef)).toEqual(['group:default/team']);
    expect(cut.challenges.infrastructure.reason).toBe('compute');
    expect(cut.rollup).toMatchObject({
      teams: ['group:default/team'],
      levels: { '1': 0, '2': 1, '3': 0, '4': 0, '5': 0 },
      level: 2,
    });
  });

  it('drops an unreadable attester and masks it in reasons', () => {
    const item = {
      id: 'x',
      kit: 'starter' as const,
      dimension: 'process' as const,
      required: true,
      evidence: [],
    };
    const team = makeTeam('group:default/team', {
      items: [
        {
          ...item,
          status: 'attested',
          evidence: ['https://wiki.example.com/x'],
          attestation: {
            source: 'portal',
            url: 'https://wiki.example.com/x',
            id: 'a1',
            by: 'user:default/hidden',
            at: '2026-01-01T00:00:00.000Z',
          },
        },
        {
          ...item,
          id: 'y',
          status: 'unmet',
          reason:
            'The portal attestation by user:default/hidden recorded 2025-01-01T00:00:00.000Z expired on 2026-01-01T00:00:00.000Z; attest again with current evidence',
        },
        {
          ...item,
          id: 'z',
          status: 'attested',
          evidence: ['https://wiki.example.com/z'],
          attestation: {
            source: 'portal',
            url: 'https://wiki.example.com/z',
            by: 'user:default/seen',
          },
        },
      ],
    });
    // both are among the refs the route checks with the catalog
    expect(teamRefsToCheck({ assessment: team, referencedBy: [] })).toEqual(
      expect.arrayContaining(['user:default/hidden', 'user:default/seen']),
    );
    const cut = cutTeam(
      team,
      ref => ref === 'user:default/seen',
      () => undefined,
    );
    expect(cut.items[0].attestation).toEqual({
      source: 'portal',
      url: 'https://wiki.example.com/x',
      id: 'a1',
      at: '2026-01-01T00:00:00.000Z',
    });
    expect(cut.items[1].reason).toBe(
      'The portal attestation by a hidden entity recorded 2025-01-01T00:00:00.000Z expired on 2026-01-01T00:00:00.000Z; attest again with current evidence',
    );
    expect(cut.items[2].attestation?.by).toBe('user:default/seen');
  });

  it('masks an attester whose ref is not lower case (as a sign-in resolver may write it) in reasons', () => {
    // portal attestations store `by` as the caller's userEntityRef, which
    // a sign-in resolver may write in mixed case; refs compare ignoring case
    const reason =
      'The portal attestation by user:default/Jane.Doe recorded 2025-01-01T00:00:00.000Z expired on 2026-01-01T00:00:00.000Z; attest again with current evidence';
    const team = makeTeam('group:default/team', {
      items: [
        {
          id: 'y',
          kit: 'starter',
          dimension: 'process',
          required: true,
          status: 'unmet',
          evidence: [],
          reason,
        },
      ],
    });
    const refs = teamRefsToCheck({ assessment: team, referencedBy: [] });
    expect(refs.map(r => r.toLowerCase())).toContain('user:default/jane.doe');
    const hidden = cutTeam(
      team,
      ref => ref === 'group:default/team',
      () => undefined,
    );
    expect(hidden.items[0].reason).toBe(
      'The portal attestation by a hidden entity recorded 2025-01-01T00:00:00.000Z expired on 2026-01-01T00:00:00.000Z; attest again with current evidence',
    );
    // a caller who may read that User (the catalog answers for its
    // lower-case ref) is told who it was
    const visibility = new CatalogVisibility(
      catalogServiceMock.mock({
        getEntitiesByRefs: jest.fn(async ({ entityRefs }) => ({
          items: entityRefs.map(r =>
            r === 'user:default/jane.doe' || r === 'group:default/team'
              ? ({ kind: 'User', metadata: { name: 'jane.doe' } } as any)
              : undefined,
          ),
        })),
      }),
      mockCredentials.user('user:default/alice'),
    );
    return visibility.load(refs).then(() => {
      expect(
        cutTeam(team, visibility.canRead, () => undefined).items[0].reason,
      ).toBe(reason);
    });
  });

  it('shows implicit teams to callers who can read an entity naming them', () => {
    const implicit = makeTeam('group:default/platform', { implicit: true });
    expect(
      isTeamVisible(
        { assessment: implicit, referencedBy: ['resource:default/a'] },
        canRead,
      ),
    ).toBe(true);
    expect(
      isTeamVisible(
        { assessment: implicit, referencedBy: ['resource:default/b'] },
        canRead,
      ),
    ).toBe(false);
  });
});

describe('finding values', () => {
  const finding = (field: string, value: string) => ({
    entityRef: 'component:team-ns/app',
    field,
    value,
    message: 'm',
  });

  it('reads refs the way the catalog reads the field', () => {
    expect(
      findingValueRefs(finding('spec.owner', '["Team","user:Bob"]')),
    ).toEqual(['user:team-ns/bob', 'group:team-ns/team', 'user:team-ns/bob']);
    expect(findingValueRefs(finding('spec.dependsOn', '["lib"]'))).toEqual([
      undefined,
    ]);
    expect(
      findingValueRefs(finding('ml-maturity.io/scope', 'everyone')),
    ).toEqual([]);
    expect(
      findingValueRefs(
        finding('metadata.annotations', '{"x":"Resource:default/B"}'),
      ),
    ).toEqual(['resource:default/b']);
  });

  it('keeps findings on readable entities, masking values naming others', () => {
    const readableRefs = new Set([
      'component:team-ns/app',
      'group:team-ns/team',
    ]);
    const can = (ref: string) => readableRefs.has(ref);
    expect(
      cutFindings(
        [
          finding('spec.owner', '["team"]'),
          finding('spec.owner', '["team","other"]'),
          finding('spec.dependsOn', 'lib'),
          finding('ml-maturity.io/scope', 'everyone'),
          { ...finding('spec.owner', 'x'), entityRef: 'component:team-ns/b' },
        ],
        can,
      ).map(f => f.value),
    ).toEqual(['["team"]', '(hidden)', '(hidden)', 'everyone']);
  });

  it('masks a list cut at 200 characters that names an unreadable group', () => {
    const names = [
      'secret-team',
      ...Array.from({ length: 30 }, (_, i) => `visible-${i}`),
    ];
    const value = JSON.stringify(names).slice(0, 200);
    const cutFinding = {
      entityRef: 'group:team-ns/team',
      field: 'spec.children',
      value,
      message: 'x',
    };
    const visible = (ref: string) =>
      ref === 'group:team-ns/team' || /^group:team-ns\/visible-\d+$/.test(ref);
    expect(cutFindings([cutFinding], visible)[0].value).toBe('(hidden)');
    // every item readable, the cut last one included: shown
    const all = (ref: string) => ref !== 'group:team-ns/secret-team';
    expect(
      cutFindings(
        [
          {
            ...cutFinding,
            value: JSON.stringify(names.slice(1)).slice(0, 200),
          },
        ],
        all,
      )[0].value,
    ).not.toBe('(hidden)');
  });

  it('drops findings whose existence would tell of an unreadable or missing entity', () => {
    const classified = classify({
      now: '2026-11-27T06:00:00.000Z',
      entities: [
        doc('Group', 'team', { type: 'team', children: [] }),
        doc('User', 'sofia', { memberOf: ['team', 'visoin'] }),
        doc('User', 'guest', { memberOf: ['team'] }),
        doc('Resource', 'nb', { type: 'notebook', owner: 'guest' }),
        doc('Group', 'a', { type: 'team', parent: 's', children: [] }),
        doc('Group', 's', { type: 'team', parent: 'a', children: [] }),
      ],
    });
    const findings = classified.teams.flatMap(t => t.findings);
    const shown = (canReadRef: (ref: string) => boolean) =>
      cutFindings(findings, canReadRef).map(f => [f.entityRef, f.value]);
    // the caller reads everything but the refs the findings name: a
    // missing group (as if hidden), the User, and one group of a cycle
    const all = (ref: string) =>
      ![
        'group:default/visoin',
        'user:default/guest',
        'group:default/s',
      ].includes(ref);
    expect(shown(all)).toEqual([
      ['group:default/guest', 'group:default/guest'],
    ]);
    // a caller who reads everything sees them all (a missing ref is never
    // readable: the CLI shows it, the portal does not)
    const everything = (ref: string) => ref !== 'group:default/visoin';
    expect(shown(everything).map(([ref]) => ref)).toEqual([
      'group:default/a',
      'group:default/guest',
      'group:default/guest',
      'group:default/s',
    ]);
  });

  it('drops a finding on an asset owned by a User without team when that User is hidden (its message tells whether the User exists)', () => {
    const classified = classify({
      now: '2026-11-27T06:00:00.000Z',
      entities: [
        doc('Group', 'team', { type: 'team', children: [] }),
        // no User entity named ghost
        doc('Resource', 'by-ghost', { type: 'dataset', owner: 'user:ghost' }),
        // a User in no group
        doc('User', 'loner', {}),
        doc('Resource', 'by-loner', { type: 'dataset', owner: 'user:loner' }),
        // a User whose only group is no Group entity
        doc('User', 'stray', { memberOf: ['nowhere'] }),
        doc('Resource', 'by-stray', { type: 'dataset', owner: 'user:stray' }),
      ],
    });
    const ownerFindings = classified.findings.filter(
      f => f.field === 'spec.owner',
    );
    // the classifier tells the three cases apart (the CLI shows them all)
    expect(ownerFindings.map(f => f.entityRef)).toEqual([
      'resource:default/by-ghost',
      'resource:default/by-loner',
      'resource:default/by-stray',
    ]);
    expect(new Set(ownerFindings.map(f => f.message)).size).toBe(3);
    // A caller who reads the assets but none of the Users must not learn
    // which of them exist, nor what a hidden User's memberships are: the
    // three answers must look alike (and like an owner in a team, which has
    // no finding at all).
    const assetsOnly = (ref: string) => ref.startsWith('resource:');
    const shown = cutFindings(ownerFindings, assetsOnly);
    expect(shown).toEqual([]);
    // a caller who may read the User is told what is wrong with it
    const readsLoner = (ref: string) =>
      assetsOnly(ref) || ref === 'user:default/loner';
    expect(
      cutFindings(ownerFindings, readsLoner).map(f => [f.entityRef, f.value]),
    ).toEqual([['resource:default/by-loner', 'user:default/loner']]);
  });

  it('leaves out a cycle finding too long to name all its groups, even for a caller who reads them all', () => {
    const names = Array.from({ length: 12 }, (_, i) => `g${i}`);
    const classified = classify({
      now: '2026-11-27T06:00:00.000Z',
      entities: names.map((name, i) =>
        doc('Group', name, {
          type: 'team',
          parent: names[(i + 1) % names.length],
          children: [],
        }),
      ),
    });
    const findings = classified.teams.flatMap(t => t.findings);
    expect(findings).toHaveLength(12);
    expect(cutFindings(findings, () => true)).toEqual([]);
    // a short cycle is shown to a caller who reads its groups
    const short = classify({
      now: '2026-11-27T06:00:00.000Z',
      entities: [
        doc('Group', 'a', { type: 'team', parent: 'b', children: [] }),
        doc('Group', 'b', { type: 'team', parent: 'a', children: [] }),
      ],
    }).teams.flatMap(t => t.findings);
    expect(cutFindings(short, () => true)).toHaveLength(2);
  });

  it('leaves out of item reasons the ignored values of entities the caller cannot read', () => {
    const classified = classify({
      now: '2026-11-27T06:00:00.000Z',
      entities: [
        doc('Group', 'team', { type: 'team', children: [] }),
        ...['open', 'secret', 'pointer'].map(name => ({
          ...doc('Resource', name, { type: 'dataset', owner: 'team' }),
          metadata: {
            name,
            annotations: {
              'ml-maturity.io/curated':
                name === 'pointer' ? 'see User:default/Boss' : `yes-${name}`,
            },
          },
        })),
      ],
    });
    const team = classified.teams[0];
    const item = team.items.find(
      i => i.id === 'accelerator.technology.curated-datasets',
    )!;
    expect(item.reason).toContain('resource:default/secret');
    const refs = teamRefsToCheck({ assessment: team, referencedBy: [] });
    expect(refs).toEqual(
      expect.arrayContaining([
        'resource:default/secret',
        'resource:default/pointer',
        'user:default/boss',
      ]),
    );
    const someReadable = (ref: string) =>
      ref === 'group:default/team' ||
      ref === 'resource:default/open' ||
      ref === 'resource:default/pointer';
    const cut = cutTeam(team, someReadable, () => undefined).items.find(
      i => i.id === item.id,
    )!;
    expect(cut.reason).toBe(
      'Ignored annotation values may be why (see the findings): ml-maturity.io/curated = "yes-open" on resource:default/open',
    );
    // nothing readable left: no reason at all
    const none = cutTeam(
      team,
      ref => ref === 'group:default/team',
      () => undefined,
    ).items.find(i => i.id === item.id)!;
    expect(none.reason).toBeUndefined();
  });
});

describe('CatalogVisibility when the catalog fails', () => {
  const visibilityOf = (answer: () => Promise<unknown>) =>
    new CatalogVisibility(
      catalogServiceMock.mock({
        getEntitiesByRefs: jest.fn(answer) as any,
        getEntityFacets: jest.fn(answer) as any,
      }),
      mockCredentials.user('user:default/alice'),
    );

  it('answers 503 without the catalog address', async () => {
    const visibility = visibilityOf(() =>
      Promise.reject(
        Object.assign(
          new Error(
            'request to http://127.0.0.1:9/api/catalog/entities/by-refs failed',
          ),
          { name: 'FetchError' },
        ),
      ),
    );
    for (const load of [
      visibility.load(['resource:default/a']),
      visibility.loadGroups(['group:default/a']),
    ]) {
      const error = await load.then(
        () => new Error('resolved'),
        e => e,
      );
      expect(error.name).toBe('ServiceUnavailableError');
      expect(error.message).toMatch(
        /^The catalog could not be asked what you may see.*\(FetchError\)$/,
      );
      expect(error.message).not.toMatch(/127\.0\.0\.1|http/);
      expect(error.cause).toBeUndefined();
    }
  });

  it('shows nothing for an answer without items or facets', async () => {
    const visibility = visibilityOf(() => Promise.resolve(undefined));
    await visibility.load(['resource:default/a']);
    await visibility.loadGroups(['group:default/a']);
    expect(visibility.canRead('resource:default/a')).toBe(false);
    expect(visibility.canRead('group:default/a')).toBe(false);
  });
});

describe('CatalogVisibility.loadGroups', () => {
  it('reads group names per namespace from facets, other refs by ref', async () => {
    const group = (name: string, namespace?: string) => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name, ...(namespace && { namespace }) },
      spec: { type: 'team', children: [] },
    });
    const catalog = catalogServiceMock({
      entities: [
        group('Vision'),
        group('data', 'research'),
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Resource',
          metadata: { name: 'images' },
          spec: { type: 'dataset', owner: 'vision' },
        },
      ],
    });
    const facets = jest.spyOn(catalog, 'getEntityFacets');
    const byRefs = jest.spyOn(catalog, 'getEntitiesByRefs');
    const visibility = new CatalogVisibility(
      catalog,
      mockCredentials.user('user:default/alice'),
    );

    await visibility.loadGroups([
      'group:default/vision',
      'group:default/data', // only in another namespace
      'group:research/data',
      'group:research/missing',
      'resource:default/images',
      'resource:default/missing',
    ]);

    expect(
      [
        'group:default/vision',
        'group:default/data',
        'group:research/data',
        'group:research/missing',
        'resource:default/images',
        'resource:default/missing',
      ].map(visibility.canRead),
    ).toEqual([true, false, true, false, true, false]);
    expect(facets.mock.calls.map(([req]) => req.filter)).toEqual([
      { kind: 'group', 'metadata.namespace': 'default' },
      { kind: 'group', 'metadata.namespace': 'research' },
    ]);
    expect(byRefs.mock.calls.map(([req]) => req.entityRefs)).toEqual([
      ['resource:default/images', 'resource:default/missing'],
    ]);
    // every call carries the caller's credentials
    for (const [, options] of [...facets.mock.calls, ...byRefs.mock.calls]) {
      expect(options).toEqual({
        credentials: mockCredentials.user('user:default/alice'),
      });
    }

    // refs already known are not asked again
    await visibility.loadGroups(['group:default/vision']);
    expect(facets).toHaveBeenCalledTimes(2);
  });
});
