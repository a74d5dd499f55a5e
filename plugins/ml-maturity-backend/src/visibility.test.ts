import {
  coreServices,
  createServiceFactory,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import {
  AuthorizeResult,
  isPermission,
  Permission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import request from 'supertest';
import type { TeamAssessment } from '@aiml-service-kits/plugin-ml-maturity-common';
import { mlMaturityPlugin } from './plugin';
import {
  catalogConfig,
  sqlitePerPlugin,
  waitForFixtureCatalog,
} from './__testUtils__/backend';

const database = sqlitePerPlugin();

jest.setTimeout(120_000);

const API = '/api/ml-maturity/v1';
const SECRET = 'resource:default/secret-dataset';

/** The test's policy: users may not read entities annotated example.com/restricted. */
function restrictedPolicy(permission: Permission): PolicyDecision {
  if (isPermission(permission, catalogEntityReadPermission)) {
    return createCatalogConditionalDecision(permission, {
      not: catalogConditions.hasAnnotation({
        annotation: 'example.com/restricted',
      }),
    });
  }
  return { result: AuthorizeResult.ALLOW };
}

/**
 * A policy with IS_ENTITY_OWNER, as a catalog policy commonly has it: a user
 * reads the Groups and Resources, and what its ownership refs own (here
 * alice's: herself and vision), not the other Users nor nlp's Component.
 */
function ownerPolicy(permission: Permission): PolicyDecision {
  if (isPermission(permission, catalogEntityReadPermission)) {
    return createCatalogConditionalDecision(permission, {
      anyOf: [
        catalogConditions.isEntityOwner({
          claims: ['user:default/alice', 'group:default/vision'],
        }),
        catalogConditions.isEntityKind({ kinds: ['Group', 'Resource'] }),
      ],
    });
  }
  return { result: AuthorizeResult.ALLOW };
}

/** The policy of the backend a test starts. */
let policy = restrictedPolicy;

/**
 * The permissions service of every plugin, deciding with the policy above.
 * (The real permission backend refuses the user tokens that the mock auth
 * service forwards, so the policy is applied here; the catalog still applies
 * the conditional decision to its own queries.)
 */
const policyPermissions = createServiceFactory({
  service: coreServices.permissions,
  deps: { auth: coreServices.auth },
  factory({ auth }): PermissionsService {
    return {
      async authorizeConditional(queries, { credentials }) {
        return queries.map(({ permission }) =>
          auth.isPrincipal(credentials, 'service')
            ? { result: AuthorizeResult.ALLOW }
            : policy(permission),
        ) as any;
      },
      async authorize(requests, { credentials }) {
        return requests.map(({ permission }) => {
          const decision = policy(permission);
          return auth.isPrincipal(credentials, 'service') ||
            decision.result === AuthorizeResult.ALLOW
            ? { result: AuthorizeResult.ALLOW }
            : { result: AuthorizeResult.DENY };
        });
      },
    };
  },
});

/**
 * The plugin and the real catalog (the fixture catalog loaded) under
 * `withPolicy`, with a refresh started, and the headers of the plugin's
 * service and of alice.
 */
async function startRefreshed(withPolicy: typeof policy) {
  policy = withPolicy;
  const { server } = await startTestBackend({
    features: [
      catalogPlugin,
      policyPermissions,
      mlMaturityPlugin,
      database,
      mockServices.rootConfig.factory({
        data: catalogConfig(),
      }),
    ],
  });
  await waitForFixtureCatalog(server);
  const service = mockCredentials.service.header();
  const alice = mockCredentials.user.header('user:default/alice');
  expect(
    (await request(server).post(`${API}/refresh`).set('Authorization', service))
      .status,
  ).toBe(202);
  return { server, service, alice };
}

describe('visibility', () => {
  it('never shows a user a ref the catalog denies them', async () => {
    const { server, service, alice } = await startRefreshed(restrictedPolicy);

    const paths = [
      '/assessments',
      '/assessments/group/default/nlp',
      '/assessments/group/default/ml-org',
      '/assets/component/default/nlp-pipeline',
      '/assets/resource/default/gpu-pool',
      '/roadmap',
      '/history',
      '/history?entityRef=group:default/nlp',
      '/attestations?entityRef=group:default/nlp',
    ];

    // The service sees the restricted asset, so the test can see it vanish
    const unrestricted = await request(server)
      .get(`${API}/assessments/group/default/nlp`)
      .set('Authorization', service);
    expect(JSON.stringify(unrestricted.body)).toContain(SECRET);
    // including in a challenge's reason text
    expect(unrestricted.body.challenges.data.reason).toContain(SECRET);
    expect(
      (
        await request(server)
          .get(`${API}/assets/${SECRET.replace(/[:/]/g, '/')}`)
          .set('Authorization', service)
      ).status,
    ).toBe(200);

    for (const path of paths) {
      const res = await request(server)
        .get(`${API}${path}`)
        .set('Authorization', alice);
      expect({
        path,
        status: res.status,
        error: res.body.error?.message,
      }).toEqual({ path, status: 200, error: undefined });
      expect({ path, body: JSON.stringify(res.body) }).not.toEqual({
        path,
        body: expect.stringContaining('secret-dataset'),
      });
    }
    const asset = await request(server)
      .get(`${API}/assets/resource/default/secret-dataset`)
      .set('Authorization', alice);
    expect(asset.status).toBe(404);

    // the level is still computed over the whole catalog
    const nlp = await request(server)
      .get(`${API}/assessments/group/default/nlp`)
      .set('Authorization', alice);
    expect(nlp.body.level).toBe(unrestricted.body.level);
    const datasets = nlp.body.items.find(
      (i: { id: string }) => i.id === 'starter.technology.project-datasets',
    );
    expect(datasets).toMatchObject({ status: 'met', evidence: [] });
  });
  it('under an IS_ENTITY_OWNER policy, names only refs the catalog lets the user read, and tells nothing of hidden Users', async () => {
    const { server, service, alice } = await startRefreshed(ownerPolicy);

    // What the catalog itself lets alice read, by ref.
    const readableByAlice = async (refs: string[]) => {
      const res = await request(server)
        .post('/api/catalog/entities/by-refs')
        .set('Authorization', alice)
        .send({ entityRefs: refs });
      expect(res.status).toBe(200);
      return new Set(refs.filter((_, i) => res.body.items[i]));
    };
    const REF = /[a-z][a-z0-9_-]*:[a-z0-9._-]+\/[a-z0-9._-]+/gi;

    // the service reads the whole catalog, so the test can see what is cut
    const all = await request(server)
      .get(`${API}/assessments`)
      .set('Authorization', service);
    expect(all.status).toBe(200);
    const allText = JSON.stringify(all.body);
    expect(allText).toContain('user:default/bob');
    expect(allText).toContain('component:default/nlp-pipeline');
    // llama is owned by carol, a User in no group: the finding says so
    expect(
      all.body.findings.filter(
        (f: { entityRef: string; field: string }) =>
          f.entityRef === 'resource:default/llama' && f.field === 'spec.owner',
      ),
    ).toHaveLength(1);

    const paths = [
      '/assessments',
      '/assessments/group/default/vision',
      '/assessments/group/default/nlp',
      '/assessments/group/default/ml-org',
      '/assessments/group/default/platform',
      '/assets/resource/default/gpu-pool',
      '/assets/resource/default/secret-dataset',
      '/assets/resource/default/llama',
      '/assets/component/default/vision-notebook',
      '/roadmap',
      '/history',
      '/history?entityRef=group:default/vision',
      '/attestations?entityRef=group:default/vision',
    ];
    const bodies: Record<string, unknown> = {};
    for (const path of paths) {
      const res = await request(server)
        .get(`${API}${path}`)
        .set('Authorization', alice);
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
      bodies[path] = res.body;
    }
    // nlp's Component is hidden: a 404 like an unknown asset
    expect(
      (
        await request(server)
          .get(`${API}/assets/component/default/nlp-pipeline`)
          .set('Authorization', alice)
      ).status,
    ).toBe(404);

    // every ref of every response: readable by alice, or an implicit team
    // she is shown (platform, through gpu-pool)
    const implicit = new Set(
      (bodies['/assessments'] as { teams: TeamAssessment[] }).teams
        .filter(t => t.implicit)
        .map(t => t.entityRef),
    );
    expect([...implicit]).toEqual(['group:default/platform']);
    const named = [
      ...new Set(
        Object.values(bodies).flatMap(
          body => JSON.stringify(body).match(REF) ?? [],
        ),
      ),
    ].map(ref => ref.toLowerCase());
    expect(named).toEqual(
      expect.arrayContaining([
        'group:default/vision',
        'resource:default/vision-images',
        'resource:default/secret-dataset',
      ]),
    );
    const readable = await readableByAlice(named);
    expect(
      named.filter(ref => !readable.has(ref) && !implicit.has(ref)),
    ).toEqual([]);
    const aliceText = JSON.stringify(bodies);
    for (const hidden of [
      'user:default/bob',
      'user:default/carol',
      'component:default/nlp-pipeline',
    ]) {
      expect(aliceText).not.toContain(hidden);
    }
    // and nothing tells alice whether carol exists, nor what her groups are
    expect(
      (bodies['/assessments'] as { findings: Array<{ entityRef: string }> })
        .findings,
    ).not.toContainEqual(
      expect.objectContaining({ entityRef: 'resource:default/llama' }),
    );
    expect(
      (bodies['/assets/resource/default/llama'] as { findings: unknown[] })
        .findings,
    ).toEqual([]);
  });
});
