import {
  coreServices,
  createBackendPlugin,
  createServiceFactory,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
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

export { perPluginDatabases } from '../src/__testUtils__/backend';

/**
 * A conditional policy: users read catalog entities of some kinds only (the
 * catalog applies the condition to its own queries); everything else, the
 * plugin's read permission included, is allowed. Services are allowed all.
 */
export function conditionalPolicy(readableKinds: string[]) {
  const policy = (permission: Permission): PolicyDecision => {
    if (isPermission(permission, catalogEntityReadPermission)) {
      return createCatalogConditionalDecision(
        permission,
        catalogConditions.isEntityKind({ kinds: readableKinds }),
      );
    }
    return { result: AuthorizeResult.ALLOW };
  };
  return createServiceFactory({
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
          return requests.map(({ permission }) =>
            auth.isPrincipal(credentials, 'service') ||
            policy(permission).result === AuthorizeResult.ALLOW
              ? { result: AuthorizeResult.ALLOW }
              : { result: AuthorizeResult.DENY },
          );
        },
      };
    },
  });
}

/** Hands the catalog service and auth of a backend to the benchmark. */
export function capturePlugin(
  onInit: (deps: {
    catalog: typeof catalogServiceRef.T;
    auth: typeof coreServices.auth.T;
    logger: typeof coreServices.logger.T;
    scheduler: typeof coreServices.scheduler.T;
  }) => void,
) {
  return createBackendPlugin({
    pluginId: 'ml-maturity-bench',
    register(env) {
      env.registerInit({
        deps: {
          catalog: catalogServiceRef,
          auth: coreServices.auth,
          logger: coreServices.logger,
          scheduler: coreServices.scheduler,
        },
        async init(deps) {
          onInit(deps);
        },
      });
    },
  });
}
