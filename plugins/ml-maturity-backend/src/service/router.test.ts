import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  DEFAULT_KITS,
  mlMaturityAttestationCreatePermission,
} from '@aiml-service-kits/plugin-ml-maturity-common';
import { readFileSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import express from 'express';
import request from 'supertest';
import {
  AssessmentStore,
  AttestationRecord,
} from '../database/AssessmentStore';
import { isTeamMember, mlMaturityTeamConditions } from '../permissions/rules';
import { makeTeam, stored } from '../__testUtils__/teams';
import { AssessmentService } from './AssessmentService';
import { AttestationService } from './AttestationService';
import { createRouter } from './router';

const VISION = 'group:default/vision';
const SECRET = 'group:default/secret';
const ATTESTATION_ID = '8b0e3c4c-5f0e-4f7a-9a55-0d6f7a3c1e11';

const SHORTENED_FULL = [
  'resource:default/hidden-a',
  'resource:default/hidden-b',
  'resource:default/hidden-c',
  'resource:default/images',
];
const vision = {
  ...stored(
    makeTeam(VISION, {
      level: 2,
      challenges: {
        professionalSkills: { level: 1, reason: 'always' },
        infrastructure: { level: 1, reason: 'always' },
        data: {
          level: 2,
          reason:
            'data: a documented dataset (resource:default/hidden-a, resource:default/hidden-b, resource:default/hidden-c and 1 more)',
        },
      },
      items: [
        {
          id: 'starter.technology.project-datasets',
          kit: 'starter',
          dimension: 'technology',
          required: true,
          status: 'met',
          evidence: ['resource:default/hidden-data', 'resource:default/images'],
        },
      ],
      findings: [
        {
          entityRef: 'resource:default/hidden-data',
          field: 'ml-maturity.io/scope',
          value: 'everyone',
          message: 'bad scope',
        },
      ],
    }),
  ),
  shortenedReasonRefs: { data: [SHORTENED_FULL] },
};
const secret = stored(makeTeam(SECRET));

/** Refs the test user may read; everything else the catalog withholds. */
const readable = new Set([
  VISION,
  'resource:default/images',
  'user:default/mock',
]);

const attestation: AttestationRecord = {
  id: ATTESTATION_ID,
  teamRef: VISION,
  itemId: 'starter.process.use-cases',
  url: 'https://wiki.example.com/use-cases',
  by: 'user:default/mock',
  at: '2026-03-01T00:00:00.000Z',
  expiresAt: '2099-03-01T00:00:00.000Z',
};

function createStore(): jest.Mocked<AssessmentStore> {
  const teams = [secret, vision].sort((a, b) =>
    a.assessment.entityRef < b.assessment.entityRef ? -1 : 1,
  );
  const store = {
    startSnapshot: jest.fn(),
    heartbeat: jest.fn(),
    getRunningSnapshot: jest.fn(),
    completeSnapshot: jest.fn(),
    failSnapshot: jest.fn(),
    getRefreshStatus: jest.fn().mockResolvedValue({
      lastSuccess: {
        id: 1,
        startedAt: '2026-03-01T00:00:00.000Z',
        finishedAt: '2026-03-01T00:00:05.000Z',
        status: 'succeeded',
        entityCount: 5,
        teamCount: 2,
        error: null,
        heartbeatAt: '2026-03-01T00:00:05.000Z',
        payload: {
          generatedAt: '2026-03-01T00:00:00.000Z',
          unattributedAssets: [
            'resource:default/hidden-orphan',
            'resource:default/images',
          ],
          findings: [],
        },
      },
      lastFailure: undefined,
    }),
    listSnapshots: jest.fn(),
    listTeams: jest.fn(async ({ afterRef, limit }) =>
      teams
        .filter(
          t => afterRef === undefined || t.assessment.entityRef > afterRef,
        )
        .slice(0, limit),
    ),
    getTeam: jest.fn(async ref =>
      teams.find(t => t.assessment.entityRef === ref),
    ),
    getTeams: jest.fn(async (refs: string[]) =>
      teams.filter(t => refs.includes(t.assessment.entityRef)),
    ),
    getTeamLevels: jest.fn(async () => new Map()),
    getAsset: jest.fn(async ref =>
      ref === 'resource:default/images'
        ? {
            entityRef: ref,
            assetType: 'dataset',
            countsToward: [
              {
                team: VISION,
                itemId: 'starter.technology.project-datasets',
                via: 'owned' as const,
              },
              {
                team: SECRET,
                itemId: 'starter.technology.project-datasets',
                via: 'used' as const,
              },
            ],
            findings: [],
          }
        : undefined,
    ),
    getTeamHistory: jest.fn(async () => [
      {
        teamRef: VISION,
        day: '2026-03-01',
        level: 2,
        kitsCompleted: 1,
        kits: [],
      },
    ]),
    getHistoryTeamRefs: jest.fn(),
    countHistoryLevels: jest.fn(),
    createAttestation: jest.fn(async a => a),
    revokeAttestation: jest.fn(async ({ actor, at }) => ({
      record: {
        ...attestation,
        revokedAt: at.toISOString(),
        revokedBy: actor,
      },
      revokedNow: true,
    })),
    getAttestation: jest.fn(async id =>
      id === ATTESTATION_ID ? attestation : undefined,
    ),
    listAttestations: jest.fn(async () => [attestation]),
    listAttestationEvents: jest.fn(async () => [
      {
        id: 1,
        attestationId: ATTESTATION_ID,
        teamRef: VISION,
        itemId: attestation.itemId,
        action: 'created' as const,
        actor: 'user:default/mock',
        at: attestation.at,
        url: attestation.url,
      },
    ]),
    listUnrevokedAttestations: jest.fn(),
    getAttestationsVersion: jest.fn(),
  };
  const mocked = store as unknown as jest.Mocked<AssessmentStore>;
  mockHistoryPoints(mocked, [
    { teamRef: VISION, day: '2026-03-01', level: 2 },
    { teamRef: SECRET, day: '2026-03-01', level: 1 },
  ]);
  return mocked;
}

/** The store's org history answers, counted from these points as it does. */
function mockHistoryPoints(
  store: jest.Mocked<AssessmentStore>,
  points: Array<{ teamRef: string; day: string; level: number }>,
) {
  store.getHistoryTeamRefs.mockImplementation(async () => [
    ...new Set(points.map(p => p.teamRef)),
  ]);
  store.countHistoryLevels.mockImplementation(async ({ teamRefs }) => {
    const counts = new Map<
      string,
      { day: string; level: number; count: number }
    >();
    for (const { teamRef, day, level } of points) {
      if (!teamRefs.includes(teamRef)) continue;
      const key = `${day} ${level}`;
      const entry = counts.get(key) ?? { day, level, count: 0 };
      entry.count += 1;
      counts.set(key, entry);
    }
    // keys `day level` (one digit) sort as days, then levels
    return [...counts]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([, entry]) => entry);
  });
}

/**
 * Permissions as the example policy answers them: reads allowed, attesting
 * conditional on IS_TEAM_MEMBER.
 */
function teamMemberPermissions() {
  return mockServices.permissions.mock({
    authorize: jest.fn(async requests =>
      requests.map(() => ({ result: AuthorizeResult.ALLOW })),
    ) as any,
    authorizeConditional: jest.fn(async () => [
      {
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'ml-maturity',
        resourceType: 'ml-maturity-team',
        conditions: mlMaturityTeamConditions.isTeamMember(),
      },
    ]) as any,
  });
}

async function createApp(
  options: {
    store?: jest.Mocked<AssessmentStore>;
    permissions?: ReturnType<typeof mockServices.permissions.mock>;
    ownershipEntityRefs?: string[];
  } = {},
) {
  const store = options.store ?? createStore();
  const catalog = catalogServiceMock.mock({
    getEntitiesByRefs: jest.fn(async ({ entityRefs }) => ({
      items: entityRefs.map(ref =>
        readable.has(ref)
          ? {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'x',
              metadata: { name: ref },
            }
          : undefined,
      ),
    })),
    // names of the readable groups of one namespace, as the catalog's facets
    getEntityFacets: jest.fn(async ({ filter, facets }) => {
      const { kind, 'metadata.namespace': namespace } = filter as Record<
        string,
        string
      >;
      const prefix = `${kind}:${namespace}/`;
      return {
        facets: {
          [facets[0]]: [...readable]
            .filter(ref => ref.startsWith(prefix))
            .map(ref => ({ value: ref.slice(prefix.length), count: 1 })),
        },
      };
    }),
  });
  const permissions =
    options.permissions ??
    mockServices.permissions.mock({
      authorize: jest.fn(async reqs =>
        reqs.map(() => ({ result: AuthorizeResult.ALLOW })),
      ),
      authorizeConditional: jest.fn(async reqs =>
        reqs.map(() => ({ result: AuthorizeResult.ALLOW })),
      ),
    });
  const assessments = AssessmentService.create({
    store,
    catalog,
    kits: DEFAULT_KITS,
  });
  const onChange = jest.fn(async () => {});
  const attestations = AttestationService.create({
    store,
    assessments,
    permissions,
    permissionsRegistry: mockServices.permissionsRegistry.mock({
      getPermissionRuleset: jest.fn(() => ({
        getRuleByName: () => isTeamMember,
      })) as any,
    }),
    userInfo: mockServices.userInfo({
      ownershipEntityRefs: options.ownershipEntityRefs ?? ['user:default/mock'],
    }),
    kits: DEFAULT_KITS,
    validForDays: 30,
    onChange,
  });
  const refresh = { trigger: jest.fn(async () => {}) };
  const router = await createRouter({
    httpAuth: mockServices.httpAuth(),
    permissions,
    assessments,
    attestations,
    refresh,
    kits: DEFAULT_KITS,
  });
  const app = express().use(router).use(mockErrorHandler());
  return { app, router, store, refresh, onChange, permissions, catalog };
}

const user = mockCredentials.user.header();
const service = mockCredentials.service.header();

describe('createRouter', () => {
  it.each([
    ['get', '/v1/kits'],
    ['get', '/v1/assessments'],
    ['get', `/v1/assessments/group/default/vision`],
    ['get', '/v1/assets/resource/default/images'],
    ['get', '/v1/roadmap'],
    ['get', '/v1/history'],
    ['get', `/v1/attestations?entityRef=${VISION}`],
    ['post', '/v1/attestations'],
    ['delete', `/v1/attestations/${ATTESTATION_ID}`],
    ['post', '/v1/refresh'],
  ] as const)(
    'answers 401 without credentials: %s %s',
    async (method, path) => {
      const { app } = await createApp();
      const res = await request(app)
        [method](path)
        .set('Authorization', mockCredentials.none.header());
      expect(res.status).toBe(401);
    },
  );

  it('serves the kits in force', async () => {
    const { app } = await createApp();
    const res = await request(app)
      .get('/v1/kits')
      .set('Authorization', service);
    expect(res.status).toBe(200);
    expect(res.body.kits.map((k: { id: string }) => k.id)).toEqual(
      DEFAULT_KITS.map(k => k.id),
    );
  });

  it('cuts assessments to what the caller may read', async () => {
    const { app } = await createApp();
    const res = await request(app)
      .get('/v1/assessments')
      .set('Authorization', user);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      generatedAt: '2026-03-01T00:00:00.000Z',
      stale: false,
      lastRefresh: '2026-03-01T00:00:05.000Z',
      lastError: null,
      unattributedAssets: ['resource:default/images'],
      findings: [],
    });
    expect(
      res.body.teams.map((t: { entityRef: string }) => t.entityRef),
    ).toEqual([VISION]);
    expect(res.body.teams[0].items[0].evidence).toEqual([
      'resource:default/images',
    ]);
    expect(res.body.teams[0].findings).toEqual([]);
    expect(JSON.stringify(res.body)).not.toContain('hidden');
    expect(res.body.nextCursor).toBeUndefined();
  });

  it('pages with limit and cursor', async () => {
    readable.add(SECRET);
    try {
      const { app } = await createApp();
      const first = await request(app)
        .get('/v1/assessments?limit=1')
        .set('Authorization', user);
      expect(
        first.body.teams.map((t: { entityRef: string }) => t.entityRef),
      ).toEqual([SECRET]);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const second = await request(app)
        .get(`/v1/assessments?limit=1&cursor=${first.body.nextCursor}`)
        .set('Authorization', user);
      expect(
        second.body.teams.map((t: { entityRef: string }) => t.entityRef),
      ).toEqual([VISION]);
      expect(second.body.unattributedAssets).toEqual([]);
      expect(second.body.nextCursor).toBeUndefined();
    } finally {
      readable.delete(SECRET);
    }
  });

  it.each([
    ['/v1/assessments?limit=0', 'limit'],
    ['/v1/assessments?limit=5001', 'limit'],
    ['/v1/assessments?limit=abc', 'limit'],
    ['/v1/assessments?limit=0x10', 'limit'],
    ['/v1/assessments?limit=1e3', 'limit'],
    ['/v1/assessments?limit=2.5', 'limit'],
    ['/v1/assessments?limit=1&limit=2', 'limit'],
    ['/v1/assessments?limit=00000', 'limit'],
    ['/v1/assessments?limit=05001', 'limit'],
    [`/v1/assessments?limit=${'9'.repeat(400)}`, 'limit'],
    [`/v1/history?entityRef=group:default/${'x'.repeat(300)}`, 'entityRef'],
    ['/v1/assessments?cursor=%21%21', 'cursor'],
    // a cursor (of group:default/a) damaged: Buffer's decoder skips what is
    // not base64url, so these read as the cursor itself
    ['/v1/assessments?cursor=Z3JvdXA6ZGVmYXVsdC9h!!', 'cursor'],
    ['/v1/assessments?cursor=Z3JvdXA6ZGVmYXVsdC9h.', 'cursor'],
    ['/v1/assessments?cursor=Z3JvdXA6ZGVmYXVsdC9h%3D%3D', 'cursor'],
    ['/v1/assessments?cursor=Z3JvdXA6ZGVmYXVsdC9hY', 'cursor'],
    ['/v1/history?entityRef=vision', 'entityRef'],
    ['/v1/history?from=2026-13-01', 'from'],
    ['/v1/history?from=2026-03-02&to=2026-03-01', 'to'],
    ['/v1/attestations', 'entityRef'],
  ])('answers 400 naming the field: %s', async (path, field) => {
    const { app } = await createApp();
    const res = await request(app).get(path).set('Authorization', user);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(new RegExp(`^${field}: `));
  });

  it.each(['history', 'attestations'])(
    'says a ref in the query is too long, not that it is no ref (%s)',
    async route => {
      const { app } = await createApp();
      const res = await request(app)
        .get(`/v1/${route}?entityRef=group:default/${'x'.repeat(242)}`)
        .set('Authorization', user);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({
        name: 'InputError',
        message:
          'entityRef: too long (256 characters); an entity ref, kind:namespace/name, is at most 255 characters',
      });
    },
  );

  it('takes a limit written with leading zeros (digits only)', async () => {
    readable.add(SECRET);
    try {
      const { app } = await createApp();
      const res = await request(app)
        .get('/v1/assessments?limit=00001')
        .set('Authorization', user);
      expect(res.status).toBe(200);
      expect(
        res.body.teams.map((t: { entityRef: string }) => t.entityRef),
      ).toEqual([SECRET]);
      expect(res.body.nextCursor).toEqual(expect.any(String));
    } finally {
      readable.delete(SECRET);
    }
  });

  it('recounts a shortened reason over the refs the caller may read', async () => {
    const { app } = await createApp();
    const res = await request(app)
      .get('/v1/assessments/group/default/vision')
      .set('Authorization', user);
    expect(res.status).toBe(200);
    // three hidden datasets named, one readable counted: the caller sees
    // the readable one only, and no count of the others
    expect(res.body.challenges.data.reason).toBe(
      'data: a documented dataset (resource:default/images)',
    );
  });

  it('serves one team with freshness, 404 for unknown or hidden teams', async () => {
    const { app } = await createApp();
    const ok = await request(app)
      .get('/v1/assessments/Group/default/Vision')
      .set('Authorization', user);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      entityRef: VISION,
      level: 2,
      stale: false,
    });
    for (const path of [
      '/v1/assessments/group/default/nope',
      '/v1/assessments/group/default/secret',
    ]) {
      const res = await request(app).get(path).set('Authorization', user);
      expect(res.status).toBe(404);
    }
  });

  it('serves an asset counting only toward visible teams, 404 otherwise', async () => {
    const { app } = await createApp();
    const ok = await request(app)
      .get('/v1/assets/resource/default/images')
      .set('Authorization', user);
    expect(ok.status).toBe(200);
    expect(ok.body.countsToward).toEqual([
      {
        team: VISION,
        itemId: 'starter.technology.project-datasets',
        via: 'owned',
      },
    ]);
    const missing = await request(app)
      .get('/v1/assets/resource/default/nope')
      .set('Authorization', user);
    expect(missing.status).toBe(404);
  });

  it.each([
    ['/v1/assessments', 'name', (long: string) => `group/default/${long}`],
    ['/v1/assets', 'name', (long: string) => `resource/default/${long}`],
    ['/v1/assessments', 'namespace', (long: string) => `group/${long}/x`],
    ['/v1/assets', 'kind', (long: string) => `${long}/default/x`],
  ])(
    'answers 400 naming the param for a ref too long to exist, not echoing it (%s, %s)',
    async (route, field, path) => {
      const { app, store } = await createApp();
      const res = await request(app)
        .get(`${route}/${path('a'.repeat(10_000))}`)
        .set('Authorization', user);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({
        name: 'InputError',
        message: `${field}: too long (10000 characters); an entity ref, kind:namespace/name, is at most 255 characters`,
      });
      // (the error handler's `request.url` is Backstage's, as on any error)
      expect(res.body.error.message).not.toContain('a'.repeat(64));
      expect(store.getTeam).not.toHaveBeenCalled();
    },
  );

  it('answers 404 for an unknown ref of the longest length a ref may have', async () => {
    const { app } = await createApp();
    // group:default/ and 241 characters: 255 in all
    const name = 'a'.repeat(241);
    for (const path of [
      `/v1/assessments/group/default/${name}`,
      `/v1/assets/resource/default/${'b'.repeat(238)}`,
    ]) {
      const res = await request(app).get(path).set('Authorization', user);
      expect(res.status).toBe(404);
    }
    const longer = await request(app)
      .get(`/v1/assessments/group/default/${name}a`)
      .set('Authorization', user);
    expect(longer.status).toBe(400);
  });

  it('serves history of a visible team and the org view of visible teams', async () => {
    const { app } = await createApp();
    const team = await request(app)
      .get(`/v1/history?entityRef=${VISION}`)
      .set('Authorization', user);
    expect(team.body).toEqual({
      entityRef: VISION,
      points: [{ day: '2026-03-01', level: 2, kitsCompleted: 1, kits: [] }],
    });
    const hidden = await request(app)
      .get(`/v1/history?entityRef=${SECRET}`)
      .set('Authorization', user);
    expect(hidden.status).toBe(404);
    const org = await request(app)
      .get('/v1/history')
      .set('Authorization', user);
    expect(org.body).toEqual({
      days: [
        {
          day: '2026-03-01',
          levels: { '1': 0, '2': 1, '3': 0, '4': 0, '5': 0 },
        },
      ],
    });
  });

  it('counts implicit teams in the org history through their referrers, in batches', async () => {
    const store = createStore();
    const implicitTeams = ['shown', 'hidden', 'also-hidden'].map(name =>
      stored(makeTeam(`group:default/${name}-implicit`, { implicit: true }), [
        name === 'shown'
          ? 'resource:default/images'
          : `resource:default/${name}`,
      ]),
    );
    mockHistoryPoints(store, [
      { teamRef: VISION, day: '2026-03-01', level: 2 },
      { teamRef: SECRET, day: '2026-03-01', level: 1 },
      ...implicitTeams.map(t => ({
        teamRef: t.assessment.entityRef,
        day: '2026-03-01',
        level: 3,
      })),
    ]);
    store.getTeams.mockImplementation(async refs =>
      [secret, ...implicitTeams].filter(t =>
        refs.includes(t.assessment.entityRef),
      ),
    );
    const { app } = await createApp({ store });
    const org = await request(app)
      .get('/v1/history')
      .set('Authorization', user);
    expect(org.body).toEqual({
      days: [
        {
          day: '2026-03-01',
          levels: { '1': 0, '2': 1, '3': 1, '4': 0, '5': 0 },
        },
      ],
    });
    // the hidden refs are looked up in one batch, never one by one
    expect(store.getTeams).toHaveBeenCalledTimes(1);
    expect(store.getTeams.mock.calls[0][0].sort()).toEqual(
      [SECRET, ...implicitTeams.map(t => t.assessment.entityRef)].sort(),
    );
    expect(store.getTeam).not.toHaveBeenCalled();
    // the database counts the visible teams only
    expect(store.countHistoryLevels).toHaveBeenCalledTimes(1);
    expect(store.countHistoryLevels.mock.calls[0][0].teamRefs.sort()).toEqual(
      ['group:default/shown-implicit', VISION].sort(),
    );
  });

  it('masks finding values that name refs the caller may not read', async () => {
    const store = createStore();
    store.getTeam.mockResolvedValue(
      stored(
        makeTeam(VISION, {
          findings: [
            {
              entityRef: 'resource:default/images',
              field: 'spec.dependsOn',
              value:
                '["resource:default/hidden-data","resource:default/images"]',
              message: 'spec.dependsOn must be a list',
            },
            {
              entityRef: 'resource:default/images',
              field: 'spec.owner',
              value: '["vision"]',
              message: 'spec.owner must be a single entity reference',
            },
            {
              entityRef: 'resource:default/images',
              field: 'spec.owner',
              value: '["Secret"]',
              message: 'spec.owner must be a single entity reference',
            },
          ],
        }),
      ),
    );
    const { app } = await createApp({ store });
    const res = await request(app)
      .get('/v1/assessments/group/default/vision')
      .set('Authorization', user);
    expect(res.status).toBe(200);
    expect(res.body.findings.map((f: { value: string }) => f.value)).toEqual([
      '(hidden)',
      '["vision"]',
      '(hidden)',
    ]);
    expect(JSON.stringify(res.body)).not.toMatch(/hidden-data|secret/i);
  });

  it('tells nothing of an owning User the caller may not read, nor of an attester written in mixed case', async () => {
    const store = createStore();
    const ownerFinding = (owner: string, message: string) => ({
      entityRef: 'resource:default/images',
      field: 'spec.owner',
      value: owner,
      message,
    });
    store.getAsset.mockResolvedValue({
      entityRef: 'resource:default/images',
      assetType: 'dataset',
      countsToward: [],
      findings: [
        // the User does not exist / is in no group: either message would
        // tell a caller who may not read it whether it exists
        ownerFinding(
          'user:default/ghost',
          'User entity is missing and no group lists it as a member, so this entity counts for no team: add the User with spec.memberOf, or make a Group the owner',
        ),
        ownerFinding(
          'user:default/loner',
          'The owning User is a member of no group, so this entity counts for no team: add spec.memberOf to the User',
        ),
      ],
    });
    store.getTeam.mockResolvedValue(
      stored(
        makeTeam(VISION, {
          items: [
            {
              id: 'starter.process.use-cases',
              kit: 'starter',
              dimension: 'process',
              required: true,
              status: 'unmet',
              evidence: [],
              reason:
                'The portal attestation by user:default/Hidden.Person recorded 2025-01-01T00:00:00.000Z expired on 2026-01-01T00:00:00.000Z; attest again with current evidence',
            },
          ],
        }),
      ),
    );
    const { app } = await createApp({ store });
    const asset = await request(app)
      .get('/v1/assets/resource/default/images')
      .set('Authorization', user);
    expect(asset.status).toBe(200);
    expect(asset.body.findings).toEqual([]);
    const team = await request(app)
      .get('/v1/assessments/group/default/vision')
      .set('Authorization', user);
    expect(team.status).toBe(200);
    expect(team.body.items[0].reason).toBe(
      'The portal attestation by a hidden entity recorded 2025-01-01T00:00:00.000Z expired on 2026-01-01T00:00:00.000Z; attest again with current evidence',
    );
    expect(JSON.stringify([asset.body, team.body])).not.toMatch(
      /ghost|loner|hidden\.person/i,
    );
  });

  it('answers 503 before the first refresh', async () => {
    const store = createStore();
    store.getRefreshStatus.mockResolvedValue({
      lastSuccess: undefined,
      lastFailure: undefined,
    });
    const { app } = await createApp({ store });
    const res = await request(app)
      .get('/v1/assessments')
      .set('Authorization', user);
    expect(res.status).toBe(503);
  });

  it('marks results stale after a failed refresh', async () => {
    const store = createStore();
    const status = await store.getRefreshStatus();
    store.getRefreshStatus.mockResolvedValue({
      ...status,
      lastFailure: {
        ...status.lastSuccess!,
        id: 2,
        status: 'failed',
        error: 'catalog down',
      },
    });
    const { app } = await createApp({ store });
    const res = await request(app)
      .get('/v1/assessments/group/default/vision')
      .set('Authorization', user);
    expect(res.body).toMatchObject({
      stale: true,
      lastRefresh: '2026-03-01T00:00:05.000Z',
      lastError: 'catalog down',
    });
  });

  it('serves the roadmap of the teams the caller may see, asked on every call', async () => {
    const store = createStore();
    const other = stored(makeTeam('group:default/other', { level: 3 }));
    const implicitShown = stored(
      makeTeam('group:default/gone', { implicit: true }),
      ['resource:default/images'],
    );
    const teams = [other, secret, vision, implicitShown].sort((a, b) =>
      a.assessment.entityRef < b.assessment.entityRef ? -1 : 1,
    );
    store.listTeams.mockImplementation(async ({ afterRef, limit }) =>
      teams
        .filter(
          t => afterRef === undefined || t.assessment.entityRef > afterRef,
        )
        .slice(0, limit),
    );
    const { app, catalog } = await createApp({ store });
    const levelsOf = async () => {
      const res = await request(app)
        .get('/v1/roadmap')
        .set('Authorization', user);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ stale: false, lastError: null });
      return res.body.levels;
    };

    expect(await levelsOf()).toEqual({
      '1': ['group:default/gone'],
      '2': [VISION],
      '3': [],
      '4': [],
      '5': [],
    });
    // groups through one facet query with the caller's credentials, the
    // implicit team through its referrer
    expect(catalog.getEntityFacets).toHaveBeenCalledWith(
      {
        filter: { kind: 'group', 'metadata.namespace': 'default' },
        facets: ['metadata.name'],
      },
      {
        credentials: expect.objectContaining({ principal: expect.anything() }),
      },
    );
    expect(
      catalog.getEntitiesByRefs.mock.calls.map(c => c[0].entityRefs),
    ).toEqual([['resource:default/images']]);

    // the caller gains a team, then loses one: the next call shows it
    readable.add('group:default/other');
    try {
      expect((await levelsOf())['3']).toEqual(['group:default/other']);
    } finally {
      readable.delete('group:default/other');
    }
    readable.delete(VISION);
    try {
      expect(await levelsOf()).toEqual({
        '1': ['group:default/gone'],
        '2': [],
        '3': [],
        '4': [],
        '5': [],
      });
    } finally {
      readable.add(VISION);
    }
    expect(catalog.getEntityFacets).toHaveBeenCalledTimes(3);
    // the first visible set again: same body, same ETag
    const first = await request(app)
      .get('/v1/roadmap')
      .set('Authorization', user);
    const again = await request(app)
      .get('/v1/roadmap')
      .set('Authorization', user)
      .set('If-None-Match', first.headers.etag);
    expect(first.headers['content-type']).toMatch(/^application\/json/);
    expect(first.body.levels['2']).toEqual([VISION]);
    expect(again.status).toBe(304);
  });

  it('names a team parent in the roadmap only when the caller may read it', async () => {
    const store = createStore();
    const child = (name: string, parent: string) =>
      stored(makeTeam(`group:default/${name}`, { parent }));
    const teams = [
      child('under-hidden', SECRET),
      child('under-visible', VISION),
      secret,
      vision,
    ].sort((a, b) =>
      a.assessment.entityRef < b.assessment.entityRef ? -1 : 1,
    );
    store.listTeams.mockImplementation(async ({ afterRef, limit }) =>
      teams
        .filter(
          t => afterRef === undefined || t.assessment.entityRef > afterRef,
        )
        .slice(0, limit),
    );
    const { app } = await createApp({ store });
    readable.add('group:default/under-hidden');
    readable.add('group:default/under-visible');
    try {
      const res = await request(app)
        .get('/v1/roadmap')
        .set('Authorization', user);
      expect(res.status).toBe(200);
      expect(
        res.body.teams.map(
          (t: { entityRef: string; parent: string | null }) => [
            t.entityRef,
            t.parent,
          ],
        ),
      ).toEqual([
        ['group:default/under-hidden', null],
        ['group:default/under-visible', VISION],
        [VISION, null],
      ]);
      expect(JSON.stringify(res.body)).not.toContain(SECRET);
    } finally {
      readable.delete('group:default/under-hidden');
      readable.delete('group:default/under-visible');
    }
  });

  it('answers 403 when assessment reads are denied', async () => {
    const { app } = await createApp({
      permissions: mockServices.permissions.mock({
        authorize: jest.fn(async reqs =>
          reqs.map(() => ({ result: AuthorizeResult.DENY })),
        ),
      }),
    });
    const res = await request(app)
      .get('/v1/roadmap')
      .set('Authorization', user);
    expect(res.status).toBe(403);
  });

  it('answers 403 on the team route before anything about the team', async () => {
    const authorize = jest.fn(async (reqs: unknown[]) => {
      // the answer comes late: the team read has had time to fail
      await new Promise(resolve => setTimeout(resolve, 20));
      return reqs.map(() => ({ result: AuthorizeResult.DENY }));
    });
    const { app, store } = await createApp({
      permissions: mockServices.permissions.mock({ authorize }),
    });
    for (const path of [
      '/v1/assessments/group/default/vision',
      '/v1/assessments/group/default/unknown',
      '/v1/assessments/group/default/NOT_A_NAME!',
    ]) {
      const res = await request(app).get(path).set('Authorization', user);
      expect(res.status).toBe(403);
      expect(res.body.error.name).toBe('NotAllowedError');
      expect(JSON.stringify(res.body)).not.toContain('level');
    }
    expect(authorize).toHaveBeenCalledTimes(3);
    expect(store.getTeam).toHaveBeenCalledWith(VISION);
  });

  describe('attestations', () => {
    const body = {
      entityRef: VISION,
      itemId: 'starter.process.use-cases',
      url: 'https://wiki.example.com/use-cases',
      comment: 'Reviewed',
    };

    it('records an attestation for the caller and triggers a refresh', async () => {
      const { app, store, onChange } = await createApp();
      const before = Date.now();
      const res = await request(app)
        .post('/v1/attestations')
        .set('Authorization', user)
        .send(body);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        teamRef: VISION,
        itemId: body.itemId,
        url: body.url,
        comment: 'Reviewed',
        by: 'user:default/mock',
        status: 'active',
      });
      const days =
        (Date.parse(res.body.expiresAt) - Date.parse(res.body.at)) / 86_400_000;
      expect(days).toBe(30);
      expect(Date.parse(res.body.at)).toBeGreaterThanOrEqual(before - 1000);
      expect(store.createAttestation).toHaveBeenCalledTimes(1);
      expect(onChange).toHaveBeenCalledTimes(1);
    });

    it('answers 503 before the first refresh, as the assessments do, not "No team" (attestations, team history)', async () => {
      const store = createStore();
      store.getRefreshStatus.mockResolvedValue({
        lastSuccess: undefined,
        lastFailure: undefined,
      });
      const { app } = await createApp({ store });
      const responses = [
        await request(app)
          .post('/v1/attestations')
          .set('Authorization', user)
          .send(body),
        await request(app)
          .get(`/v1/attestations?entityRef=${VISION}`)
          .set('Authorization', user),
        await request(app)
          .delete(`/v1/attestations/${ATTESTATION_ID}`)
          .set('Authorization', user),
        await request(app)
          .get(`/v1/history?entityRef=${VISION}`)
          .set('Authorization', user),
      ];
      for (const res of responses) {
        expect(res.status).toBe(503);
        expect(res.body.error.message).toMatch(
          /^No ML maturity assessment yet/,
        );
      }
      expect(store.createAttestation).not.toHaveBeenCalled();
      expect(store.revokeAttestation).not.toHaveBeenCalled();
    });

    it('needs a user principal', async () => {
      const { app } = await createApp();
      const res = await request(app)
        .post('/v1/attestations')
        .set('Authorization', service)
        .send(body);
      expect(res.status).toBe(403);
    });

    it.each([
      [{ ...body, entityRef: 'not a ref' }, 'entityRef'],
      [{ ...body, url: 'ftp://example.com/x' }, 'url'],
      // URLs `new URL` takes but the classifier would ignore
      [{ ...body, url: 'http:example.com' }, 'url'],
      [{ ...body, url: 'https:/wiki.example.com' }, 'url'],
      [{ ...body, url: 'https:\\\\wiki.example.com' }, 'url'],
      // eslint-disable-next-line no-script-url
      [{ ...body, url: 'javascript:alert(1)' }, 'url'],
      [{ ...body, itemId: '' }, 'itemId'],
      [{ ...body, itemId: 'starter.technology.project-datasets' }, 'itemId'],
      [{ ...body, itemId: 'no.such.item' }, 'itemId'],
      [{ ...body, itemId: 'x'.repeat(300) }, 'itemId'],
      // within the length limit, but unknown: not echoed whole either
      [{ ...body, itemId: 'x'.repeat(250) }, 'itemId'],
      [{ ...body, comment: 7 }, 'comment'],
      // PostgreSQL refuses NUL in text: a 400, not a 500
      [{ ...body, comment: 'ok\u0000' }, 'comment'],
      [{ ...body, entityRef: 'group:default/vision\u0000' }, 'entityRef'],
      [{ ...body, url: 'https://wiki.example.com/a\u0000' }, 'url'],
      [{ ...body, url: 'https://wiki.example.com/a\nb' }, 'url'],
      // every reader of the team would see the password
      [{ ...body, url: 'https://jane:secret@wiki.example.com/a' }, 'url'],
    ])('answers 400 naming the field (%#)', async (bad, field) => {
      const { app, store } = await createApp();
      const res = await request(app)
        .post('/v1/attestations')
        .set('Authorization', user)
        .send(bad);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(new RegExp(`^${field}: `));
      // a bad value is not echoed back at length
      expect(res.body.error.message.length).toBeLessThan(200);
      expect(store.createAttestation).not.toHaveBeenCalled();
    });

    it.each([
      ['text/plain', JSON.stringify(body)],
      [
        'application/x-www-form-urlencoded',
        new URLSearchParams(body).toString(),
      ],
    ])(
      'answers 400 naming the Content-Type for a %s body, not a field it holds',
      async (type, text) => {
        const { app, store } = await createApp();
        const res = await request(app)
          .post('/v1/attestations')
          .set('Authorization', user)
          .set('Content-Type', type)
          .send(text);
        expect(res.status).toBe(400);
        expect(res.body.error).toMatchObject({
          name: 'InputError',
          message: `Content-Type: must be application/json, got ${type}`,
        });
        expect(store.createAttestation).not.toHaveBeenCalled();
      },
    );

    it.each([
      ['{not json', 'application/json'],
      [`"${'x'.repeat(200_000)}"`, 'application/json'],
      ['{}', 'application/json; charset=latin1'],
    ])(
      'answers 403 to a service principal whatever its body: %#',
      async (text, type) => {
        const { app, store } = await createApp();
        const res = await request(app)
          .post('/v1/attestations')
          .set('Authorization', service)
          .set('Content-Type', type)
          .send(text);
        expect(res.status).toBe(403);
        expect(res.body.error.name).toBe('NotAllowedError');
        expect(store.createAttestation).not.toHaveBeenCalled();
      },
    );

    it.each([
      ['{not json', 400],
      [`"${'x'.repeat(200_000)}"`, 413],
    ])('still refuses a bad body from a user: %#', async (text, status) => {
      const { app } = await createApp();
      const res = await request(app)
        .post('/v1/attestations')
        .set('Authorization', user)
        .set('Content-Type', 'application/json')
        .send(text);
      expect(res.status).toBe(status);
    });

    it.each([
      ['null', 'null'],
      ['"x"', 'string'],
      ['[]', 'array'],
    ])('answers 400 "body: ..." for a JSON body %s', async (text, got) => {
      const { app } = await createApp();
      const res = await request(app)
        .post('/v1/attestations')
        .set('Authorization', user)
        .set('Content-Type', 'application/json')
        .send(text);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({
        name: 'InputError',
        message: `body: Expected object, received ${got}`,
      });
    });

    it.each([
      ['/v1/assessments/group/default/a%00', 'name'],
      ['/v1/assessments/group/a%07/vision', 'namespace'],
      ['/v1/assets/resource/default/a%00', 'name'],
      ['/v1/assets/x%1b/default/a', 'kind'],
      ['/v1/history?entityRef=group:default/a%00', 'entityRef'],
      ['/v1/attestations?entityRef=group:default/a%00', 'entityRef'],
    ])(
      'answers 400 for a control character in a ref, naming the field (%s)',
      async (path, field) => {
        const { app } = await createApp();
        const res = await request(app).get(path).set('Authorization', user);
        expect(res.status).toBe(400);
        expect(res.body.error.name).toBe('InputError');
        expect(res.body.error.message).toMatch(new RegExp(`^${field}: `));
      },
    );

    it('stores the URL without surrounding spaces', async () => {
      const { app, store } = await createApp();
      const res = await request(app)
        .post('/v1/attestations')
        .set('Authorization', user)
        .send({ ...body, url: `  ${body.url}\n` });
      expect(res.status).toBe(201);
      expect(store.createAttestation).toHaveBeenCalledWith(
        expect.objectContaining({ url: body.url }),
      );
    });

    it('answers 404 for an unknown or hidden team', async () => {
      const { app } = await createApp();
      for (const entityRef of ['group:default/nope', SECRET]) {
        const res = await request(app)
          .post('/v1/attestations')
          .set('Authorization', user)
          .send({ ...body, entityRef });
        expect(res.status).toBe(404);
      }
    });

    it('applies the IS_TEAM_MEMBER condition', async () => {
      const conditional = teamMemberPermissions();
      const outsider = await createApp({ permissions: conditional });
      const denied = await request(outsider.app)
        .post('/v1/attestations')
        .set('Authorization', user)
        .send(body);
      expect(denied.status).toBe(403);
      // says which permission the policy denied, as the other 403s do
      expect(denied.body.error.message).toBe(
        `You may not record or revoke attestations of ${VISION}: permission ml-maturity.attestation.create denied`,
      );
      expect(conditional.authorizeConditional).toHaveBeenCalledWith(
        [{ permission: mlMaturityAttestationCreatePermission }],
        expect.anything(),
      );

      const member = await createApp({
        permissions: conditional,
        ownershipEntityRefs: ['user:default/mock', VISION],
      });
      const allowed = await request(member.app)
        .post('/v1/attestations')
        .set('Authorization', user)
        .send(body);
      expect(allowed.status).toBe(201);
    });

    it('says whether the caller may attest for the team', async () => {
      const conditional = teamMemberPermissions();
      const canAttest = async (app: express.Express, authorization: string) =>
        (
          await request(app)
            .get(`/v1/attestations?entityRef=${VISION}`)
            .set('Authorization', authorization)
        ).body.canAttest;
      const outsider = await createApp({ permissions: conditional });
      expect(await canAttest(outsider.app, user)).toBe(false);
      const member = await createApp({
        permissions: conditional,
        ownershipEntityRefs: ['user:default/mock', VISION],
      });
      expect(await canAttest(member.app, user)).toBe(true);
      expect(await canAttest(member.app, service)).toBe(false);
      const allowed = await createApp();
      expect(await canAttest(allowed.app, user)).toBe(true);
    });

    it('names only the attesters and revokers the caller may read', async () => {
      const store = createStore();
      store.listAttestations.mockResolvedValue([
        {
          ...attestation,
          by: 'user:default/hidden',
          revokedAt: '2026-03-02T00:00:00.000Z',
          revokedBy: 'user:default/mock',
        },
      ]);
      store.listAttestationEvents.mockResolvedValue([
        {
          id: 1,
          attestationId: ATTESTATION_ID,
          teamRef: VISION,
          itemId: attestation.itemId,
          action: 'created',
          actor: 'user:default/hidden',
          at: attestation.at,
          url: attestation.url,
        },
      ]);
      const { app } = await createApp({ store });
      const res = await request(app)
        .get(`/v1/attestations?entityRef=${VISION}`)
        .set('Authorization', user);
      expect(res.status).toBe(200);
      const [listed] = res.body.attestations;
      expect(listed).not.toHaveProperty('by');
      expect(listed.revokedBy).toBe('user:default/mock');
      expect(listed.events[0]).not.toHaveProperty('actor');
      expect(JSON.stringify(res.body)).not.toContain('hidden');
    });

    it('lists attestations with their audit trail', async () => {
      const { app } = await createApp();
      const res = await request(app)
        .get(`/v1/attestations?entityRef=${VISION}`)
        .set('Authorization', user);
      expect(res.status).toBe(200);
      expect(res.body.attestations).toEqual([
        {
          ...attestation,
          status: 'active',
          events: [
            {
              id: 1,
              action: 'created',
              actor: 'user:default/mock',
              at: attestation.at,
              url: attestation.url,
            },
          ],
        },
      ]);
    });

    it('revokes, keeping history; 400 for a bad id, 404 for an unknown one', async () => {
      const { app, store, onChange } = await createApp();
      const res = await request(app)
        .delete(`/v1/attestations/${ATTESTATION_ID}`)
        .set('Authorization', user);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        status: 'revoked',
        revokedBy: 'user:default/mock',
      });
      expect(store.revokeAttestation).toHaveBeenCalledTimes(1);
      expect(onChange).toHaveBeenCalledTimes(1);

      const bad = await request(app)
        .delete('/v1/attestations/xyz')
        .set('Authorization', user);
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/^id: /);
      const unknown = await request(app)
        .delete('/v1/attestations/00000000-0000-4000-8000-000000000000')
        .set('Authorization', user);
      expect(unknown.status).toBe(404);
    });

    it('takes an upper-case id (ids are stored in lower case)', async () => {
      const { app, store } = await createApp();
      const res = await request(app)
        .delete(`/v1/attestations/${ATTESTATION_ID.toUpperCase()}`)
        .set('Authorization', user);
      expect(res.status).toBe(200);
      expect(store.revokeAttestation).toHaveBeenCalledWith(
        expect.objectContaining({ id: ATTESTATION_ID }),
      );
    });

    it('answers "No attestation" for one of a hidden team, not naming the team', async () => {
      const { app, store } = await createApp();
      store.getAttestation.mockResolvedValueOnce({
        ...attestation,
        teamRef: SECRET,
      });
      const res = await request(app)
        .delete(`/v1/attestations/${ATTESTATION_ID}`)
        .set('Authorization', user);
      expect(res.status).toBe(404);
      expect(res.body.error.message).toBe(`No attestation ${ATTESTATION_ID}`);
      expect(JSON.stringify(res.body)).not.toContain('secret');
      expect(store.revokeAttestation).not.toHaveBeenCalled();
    });

    it.each(['user:default/other', 'user:default/alice'])(
      'answers 409 when %s revoked it meanwhile',
      async revokedBy => {
        const { app, store, onChange } = await createApp();
        // the same user in a request at the same moment, too
        store.revokeAttestation.mockImplementationOnce(async ({ at }) => ({
          record: {
            ...attestation,
            revokedAt: at.toISOString(),
            revokedBy,
          },
          revokedNow: false,
        }));
        const res = await request(app)
          .delete(`/v1/attestations/${ATTESTATION_ID}`)
          .set('Authorization', user);
        expect(res.status).toBe(409);
        expect(onChange).not.toHaveBeenCalled();
      },
    );
  });

  describe('refresh', () => {
    it('triggers a refresh for users and services', async () => {
      const { app, refresh } = await createApp();
      for (const header of [user, service]) {
        const res = await request(app)
          .post('/v1/refresh')
          .set('Authorization', header);
        expect(res.status).toBe(202);
      }
      expect(refresh.trigger).toHaveBeenCalledTimes(2);
    });

    it.each([
      ['post', '/v1/refresh', 202],
      ['get', '/v1/kits', 200],
      ['delete', `/v1/attestations/${ATTESTATION_ID}`, 200],
    ] as const)(
      'ignores a stray body on a route that takes none: %s %s',
      async (method, path, status) => {
        const { app } = await createApp();
        const res = await request(app)
          [method](path)
          .set('Authorization', user)
          .set('Content-Type', 'application/json')
          .send('{not json');
        expect(res.status).toBe(status);
      },
    );

    it('passes on a conflict as 409', async () => {
      const { app, refresh } = await createApp();
      const { ConflictError } = jest.requireActual('@backstage/errors');
      refresh.trigger.mockRejectedValue(new ConflictError('running'));
      const res = await request(app)
        .post('/v1/refresh')
        .set('Authorization', user);
      expect(res.status).toBe(409);
    });
  });
});

describe('docs/api.md', () => {
  it('documents exactly the routes the router serves', async () => {
    const { router } = await createApp();
    const served = (router as unknown as express.Router).stack
      .filter(layer => layer.route)
      .flatMap(layer =>
        Object.keys((layer.route as any).methods).map(
          method => `${method.toUpperCase()} ${layer.route!.path}`,
        ),
      )
      .sort();
    const doc = readFileSync(
      resolvePath(__dirname, '../../../../docs/api.md'),
      'utf8',
    );
    const documented = [...doc.matchAll(/^## `([A-Z]+) ([^`?]+)[^`]*`$/gm)]
      .map(([, method, route]) => `${method} /v1${route}`)
      .sort();
    expect(served.length).toBeGreaterThanOrEqual(10);
    expect(documented).toEqual(served);
  });
});
