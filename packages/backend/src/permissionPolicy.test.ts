import {
  AuthService,
  BackstageCredentials,
  coreServices,
  createBackendModule,
  createServiceFactory,
  HttpAuthService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import permissionPlugin from '@backstage/plugin-permission-backend';
import {
  AuthorizeResult,
  isPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  mlMaturityAssessmentReadPermission,
  mlMaturityAttestationCreatePermission,
  mlMaturityRefreshPermission,
} from '@aiml-service-kits/plugin-ml-maturity-common';
import mlMaturityPlugin, {
  createMlMaturityTeamConditionalDecision,
  mlMaturityTeamConditions,
} from '@aiml-service-kits/plugin-ml-maturity-backend';
import fs from 'node:fs';
import path from 'node:path';
import { AddressInfo } from 'node:net';
import { Server } from 'node:http';
import { mlMaturityPermissionPolicyModule } from './permissionPolicy';

/*
 * The example policy and the policy docs/permissions.md tells a platform
 * team to write, run by the real permission backend and the real
 * permissions service (`permission.enabled: true`), with the ML maturity
 * plugin over a small in-memory catalog.
 */

jest.setTimeout(60_000);

const API = '/api/ml-maturity/v1';
const VISION = 'group:default/vision';
const NLP = 'group:default/nlp';
const ORG = 'group:default/ml-org';
const PLATFORM = 'group:default/platform'; // implicit: no Group entity
const ADMINS = 'group:default/ml-admins';

/** Ownership refs as a sign-in resolver gives them: the user and its direct groups. */
const OWNERSHIP: Record<string, string[]> = {
  'user:default/alice': ['user:default/alice', VISION],
  'user:default/bob': ['user:default/bob', NLP],
  'user:default/dave': ['user:default/dave', ORG],
  'user:default/erin': ['user:default/erin', PLATFORM],
  'user:default/root': ['user:default/root', ADMINS],
  'user:default/carol': ['user:default/carol'],
};

const group = (name: string, spec: object = {}): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [], ...spec },
});
const userEntity = (name: string, memberOf: string[]): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, namespace: 'default' },
  spec: { memberOf },
});
const ENTITIES: Entity[] = [
  group('ml-org', { type: 'department', children: ['vision', 'nlp'] }),
  group('vision', { parent: 'ml-org' }),
  group('nlp', { parent: 'ml-org' }),
  group('ml-admins'),
  userEntity('alice', ['vision']),
  userEntity('bob', ['nlp']),
  userEntity('dave', ['ml-org']),
  userEntity('erin', ['platform']),
  userEntity('root', ['ml-admins']),
  userEntity('carol', []),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: 'gpu-pool',
      namespace: 'default',
      annotations: { 'ml-maturity.io/accelerator': 'gpu' },
    },
    spec: { type: 'gpu-cluster', owner: 'platform' },
  },
];

/**
 * The real auth service marks a user's credentials that a plugin forwards
 * (an on-behalf-of token) with the plugin as actor; the permission backend
 * refuses a resource permission without a resourceRef from a user without
 * one. The mock auth leaves the actor out: this puts it back.
 */
function withActor(
  token: string | undefined,
  credentials: BackstageCredentials,
): BackstageCredentials {
  const principal = credentials.principal as {
    type: string;
    subject?: string;
  };
  if (
    principal.type === 'service' &&
    principal.subject === 'external:read-only'
  ) {
    // as `backend.auth.externalAccess[].accessRestrictions` gives them
    return mockCredentials.service(principal.subject, {
      permissionNames: ['ml-maturity.assessment.read'],
    });
  }
  if (token?.startsWith('mock-service-token:') && principal.type === 'user') {
    const { userEntityRef } = credentials.principal as {
      userEntityRef: string;
    };
    return mockCredentials.user(userEntityRef, {
      actor: { subject: 'plugin:forwarding' },
    });
  }
  return credentials;
}

const authFactory = createServiceFactory({
  service: coreServices.auth,
  deps: { plugin: coreServices.pluginMetadata },
  factory({ plugin }): AuthService {
    const auth = mockServices.auth({ pluginId: plugin.getId() });
    return {
      authenticate: async (token, options) =>
        withActor(token, await auth.authenticate(token, options)) as any,
      getNoneCredentials: () => auth.getNoneCredentials(),
      getOwnServiceCredentials: () => auth.getOwnServiceCredentials(),
      isPrincipal: auth.isPrincipal.bind(auth) as AuthService['isPrincipal'],
      getPluginRequestToken: options => auth.getPluginRequestToken(options),
      getLimitedUserToken: credentials => auth.getLimitedUserToken(credentials),
      listPublicServiceKeys: () => auth.listPublicServiceKeys(),
    };
  },
});

const httpAuthFactory = createServiceFactory({
  service: coreServices.httpAuth,
  deps: { plugin: coreServices.pluginMetadata },
  factory({ plugin }): HttpAuthService {
    const httpAuth = mockServices.httpAuth({
      pluginId: plugin.getId(),
      // no Authorization header: no credentials (the mock's default is a user)
      defaultCredentials: mockCredentials.none(),
    });
    return {
      credentials: (async (req: any, options: any) =>
        withActor(
          String(req.headers.authorization ?? '').replace(/^Bearer\s+/i, ''),
          await httpAuth.credentials(req, options),
        )) as HttpAuthService['credentials'],
      issueUserCookie: (res, options) => httpAuth.issueUserCookie(res, options),
    };
  },
});

const userInfoFactory = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory(): UserInfoService {
    return {
      async getUserInfo(credentials) {
        const { userEntityRef } = credentials.principal as {
          userEntityRef: string;
        };
        return {
          userEntityRef,
          ownershipEntityRefs: OWNERSHIP[userEntityRef] ?? [userEntityRef],
        };
      },
    };
  },
});

type Call = (
  method: 'GET' | 'POST' | 'DELETE',
  route: string,
  as: string | undefined,
  body?: object,
) => Promise<{ status: number; body: any }>;

async function startWith(policyFeature: any): Promise<Call> {
  const { server } = await startTestBackend({
    features: [
      permissionPlugin,
      policyFeature,
      mlMaturityPlugin,
      authFactory,
      httpAuthFactory,
      userInfoFactory,
      catalogServiceMock.factory({ entities: ENTITIES }),
      mockServices.rootConfig.factory({
        data: { permission: { enabled: true } },
      }),
    ],
  });
  const base = `http://localhost:${
    (server as Server).address() &&
    ((server as Server).address() as AddressInfo).port
  }`;
  const call: Call = async (method, route, as, body) => {
    const headers: Record<string, string> = {};
    if (as) headers.Authorization = as;
    if (body) headers['Content-Type'] = 'application/json';
    const res = await fetch(`${base}${route}`, {
      method,
      headers,
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  // a first assessment, started by the plugin's own kind of caller
  expect(
    (await call('POST', `${API}/refresh`, mockCredentials.service.header()))
      .status,
  ).toBe(202);
  return call;
}

const as = (name: string) =>
  mockCredentials.user.header(`user:default/${name}`);
const SERVICE = mockCredentials.service.header();
/** A service whose external access is restricted to reading assessments. */
const READ_ONLY_SERVICE = `Bearer mock-service-token:${JSON.stringify({
  sub: 'external:read-only',
})}`;
const ITEM = 'starter.process.use-cases';
const attest = (entityRef: string) => ({
  entityRef,
  itemId: ITEM,
  url: 'https://wiki.example.com/use-cases',
});

describe('the example policy (packages/backend/src/permissionPolicy.ts)', () => {
  let call: Call;
  beforeAll(async () => {
    call = await startWith(mlMaturityPermissionPolicyModule);
  });

  it('lets every signed-in user and service read, and nobody without credentials', async () => {
    for (const route of [
      '/kits',
      '/assessments',
      '/assessments/group/default/vision',
      '/assets/resource/default/gpu-pool',
      '/roadmap',
      '/history',
      `/attestations?entityRef=${VISION}`,
    ]) {
      expect([
        route,
        (await call('GET', `${API}${route}`, as('carol'))).status,
      ]).toEqual([route, 200]);
      expect([
        route,
        (await call('GET', `${API}${route}`, SERVICE)).status,
      ]).toEqual([route, 200]);
      expect([
        route,
        (await call('GET', `${API}${route}`, undefined)).status,
      ]).toEqual([route, 401]);
    }
  });

  it('lets only direct members of a team record and revoke its attestations', async () => {
    // not a member, a member of another team, a member of the parent group
    for (const name of ['carol', 'bob', 'dave']) {
      const res = await call(
        'POST',
        `${API}/attestations`,
        as(name),
        attest(VISION),
      );
      expect([name, res.status]).toEqual([name, 403]);
      expect(res.body.error.message).toBe(
        `You may not record or revoke attestations of ${VISION}: permission ml-maturity.attestation.create denied`,
      );
    }
    const created = await call(
      'POST',
      `${API}/attestations`,
      as('alice'),
      attest(VISION),
    );
    expect(created.status).toBe(201);
    for (const name of ['carol', 'bob', 'dave']) {
      const res = await call(
        'DELETE',
        `${API}/attestations/${created.body.id}`,
        as(name),
      );
      expect([name, res.status]).toEqual([name, 403]);
    }
    const revoked = await call(
      'DELETE',
      `${API}/attestations/${created.body.id}`,
      as('alice'),
    );
    expect(revoked.status).toBe(200);

    // a child group's member is no member of the parent group's team
    expect(
      (await call('POST', `${API}/attestations`, as('alice'), attest(ORG)))
        .status,
    ).toBe(403);
    // the parent group's member is a member of the parent group's team
    expect(
      (await call('POST', `${API}/attestations`, as('dave'), attest(ORG)))
        .status,
    ).toBe(201);
    // an implicit team (no Group entity): users naming it in memberOf
    expect(
      (await call('POST', `${API}/attestations`, as('erin'), attest(PLATFORM)))
        .status,
    ).toBe(201);
    expect(
      (await call('POST', `${API}/attestations`, as('alice'), attest(PLATFORM)))
        .status,
    ).toBe(403);
    // services never attest
    expect(
      (await call('POST', `${API}/attestations`, SERVICE, attest(VISION)))
        .status,
    ).toBe(403);
  });

  it('says in canAttest what POST /attestations would answer', async () => {
    const canAttest = async (who: string, team: string) =>
      (await call('GET', `${API}/attestations?entityRef=${team}`, who)).body
        .canAttest;
    expect(await canAttest(as('alice'), VISION)).toBe(true);
    expect(await canAttest(as('alice'), NLP)).toBe(false);
    expect(await canAttest(as('dave'), VISION)).toBe(false);
    expect(await canAttest(as('dave'), ORG)).toBe(true);
    expect(await canAttest(as('erin'), PLATFORM)).toBe(true);
    expect(await canAttest(as('carol'), VISION)).toBe(false);
    expect(await canAttest(SERVICE, VISION)).toBe(false);
  });

  it('lets everyone start a refresh', async () => {
    expect((await call('POST', `${API}/refresh`, as('carol'))).status).toBe(
      202,
    );
  });
});

// The policy of docs/permissions.md, "Only admins start a refresh", verbatim
// from its class on (without the `export`s, which a test file may not have).
// docs:begin
class PlatformPolicy implements PermissionPolicy {
  constructor(private readonly userInfo: UserInfoService) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (
      isPermission(request.permission, mlMaturityAttestationCreatePermission)
    ) {
      return createMlMaturityTeamConditionalDecision(
        request.permission,
        mlMaturityTeamConditions.isTeamMember(),
      );
    }
    if (isPermission(request.permission, mlMaturityRefreshPermission)) {
      // `user` is set for users only: services never reach the policy
      const refs = user
        ? (await this.userInfo.getUserInfo(user.credentials))
            .ownershipEntityRefs
        : [];
      return {
        result: refs.includes('group:default/ml-admins')
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
      };
    }
    return { result: AuthorizeResult.ALLOW };
  }
}

const platformPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'platform-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint, userInfo: coreServices.userInfo },
      async init({ policy, userInfo }) {
        policy.setPolicy(new PlatformPolicy(userInfo));
      },
    });
  },
});
// docs:end

describe('the admin-only refresh policy of docs/permissions.md', () => {
  let call: Call;
  beforeAll(async () => {
    call = await startWith(platformPolicyModule);
  });

  it('lets everyone read, members attest and only admins start a refresh', async () => {
    expect((await call('GET', `${API}/roadmap`, as('carol'))).status).toBe(200);
    expect(
      (await call('POST', `${API}/attestations`, as('bob'), attest(VISION)))
        .status,
    ).toBe(403);
    expect(
      (await call('POST', `${API}/attestations`, as('alice'), attest(VISION)))
        .status,
    ).toBe(201);
    const denied = await call('POST', `${API}/refresh`, as('alice'));
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toBe(
      'Permission ml-maturity.refresh denied',
    );
    expect((await call('POST', `${API}/refresh`, as('root'))).status).toBe(202);
  });

  it('lets a service start a refresh unless its access restrictions say otherwise', async () => {
    // a service principal is never put to the policy
    expect((await call('POST', `${API}/refresh`, SERVICE)).status).toBe(202);
    expect(
      (await call('POST', `${API}/refresh`, READ_ONLY_SERVICE)).status,
    ).toBe(403);
    expect(
      (await call('GET', `${API}/roadmap`, READ_ONLY_SERVICE)).status,
    ).toBe(200);
  });
});

describe('a policy denying assessment reads', () => {
  let call: Call;
  beforeAll(async () => {
    call = await startWith(
      createBackendModule({
        pluginId: 'permission',
        moduleId: 'deny-reads',
        register(reg) {
          reg.registerInit({
            deps: { policy: policyExtensionPoint },
            async init({ policy }) {
              policy.setPolicy({
                async handle(request) {
                  return {
                    result: isPermission(
                      request.permission,
                      mlMaturityAssessmentReadPermission,
                    )
                      ? AuthorizeResult.DENY
                      : AuthorizeResult.ALLOW,
                  };
                },
              });
            },
          });
        },
      }),
    );
  });

  it('answers 403 on every read route, the unknown team included', async () => {
    for (const route of [
      '/kits',
      '/assessments',
      '/assessments/group/default/vision',
      '/assessments/group/default/unknown',
      '/assets/resource/default/gpu-pool',
      '/roadmap',
      '/history',
      `/history?entityRef=${VISION}`,
      `/attestations?entityRef=${VISION}`,
    ]) {
      const res = await call('GET', `${API}${route}`, as('alice'));
      expect([route, res.status, res.body.error.message]).toEqual([
        route,
        403,
        'Permission ml-maturity.assessment.read denied',
      ]);
    }
    // a service is not put to the policy
    expect((await call('GET', `${API}/roadmap`, SERVICE)).status).toBe(200);
  });
});

describe('the permission backend', () => {
  let call: Call;
  beforeAll(async () => {
    call = await startWith(mlMaturityPermissionPolicyModule);
  });

  it('knows the three permissions, the resource type and its rule', async () => {
    const res = await call(
      'GET',
      '/api/ml-maturity/.well-known/backstage/permissions/metadata',
      SERVICE,
    );
    expect(res.body.permissions.map((p: { name: string }) => p.name)).toEqual([
      'ml-maturity.assessment.read',
      'ml-maturity.attestation.create',
      'ml-maturity.refresh',
    ]);
    expect(res.body.rules).toEqual([
      expect.objectContaining({
        name: 'IS_TEAM_MEMBER',
        resourceType: 'ml-maturity-team',
      }),
    ]);
  });

  it('cannot answer ml-maturity.attestation.create for a resourceRef: canAttest does', async () => {
    const res = await call('POST', '/api/permission/authorize', as('alice'), {
      items: [
        {
          id: '1',
          permission: mlMaturityAttestationCreatePermission,
          resourceRef: VISION,
        },
      ],
    });
    expect(res.status).toBe(501);
  });
});

describe('docs/permissions.md', () => {
  it('shows the admin-only refresh policy this test runs', () => {
    const doc = fs.readFileSync(
      path.resolve(__dirname, '../../../docs/permissions.md'),
      'utf8',
    );
    const own = fs.readFileSync(__filename, 'utf8');
    const block = own.slice(
      own.indexOf('// docs:begin\n') + '// docs:begin\n'.length,
      own.indexOf('// docs:end\n'),
    );
    const blocks = [...doc.matchAll(/```ts\n([^]*?)```/g)].map(m =>
      m[1]
        .replace(/\nexport default platformPolicyModule;\n$/, '')
        .replace(/^export /gm, ''),
    );
    expect(blocks.some(b => b.endsWith(block))).toBe(true);
  });
});
