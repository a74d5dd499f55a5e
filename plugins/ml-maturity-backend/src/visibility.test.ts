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
function policy(permission: Permission): PolicyDecision {
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

describe('visibility', () => {
  it('never shows a user a ref the catalog denies them', async () => {
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
      (
        await request(server)
          .post(`${API}/refresh`)
          .set('Authorization', service)
      ).status,
    ).toBe(202);

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
});
