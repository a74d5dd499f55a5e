import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  mlMaturityPermissions,
  readMlMaturityConfig,
} from '@aiml-service-kits/plugin-ml-maturity-common';
import { CatalogReader } from './catalog/CatalogReader';
import { DatabaseAssessmentStore } from './database/DatabaseAssessmentStore';
import {
  oneInstanceAtATime,
  SCHEDULER_SETUP_LOCK_KEY,
} from './database/migrate';
import {
  mlMaturityTeamPermissionResourceRef,
  mlMaturityTeamRules,
} from './permissions/rules';
import { AssessmentService } from './service/AssessmentService';
import { AttestationService } from './service/AttestationService';
import { readBackendSettings } from './service/config';
import { RefreshService } from './service/RefreshService';
import { createRouter } from './service/router';

/**
 * The ML maturity backend plugin: assesses every team of the catalog on a
 * schedule and serves the results at `/api/ml-maturity/v1`.
 *
 * @public
 */
export const mlMaturityPlugin = createBackendPlugin({
  pluginId: 'ml-maturity',
  register(env) {
    env.registerInit({
      deps: {
        logger: coreServices.logger,
        config: coreServices.rootConfig,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        userInfo: coreServices.userInfo,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        lifecycle: coreServices.lifecycle,
        catalog: catalogServiceRef,
      },
      async init(deps) {
        const { logger, config, scheduler, permissionsRegistry } = deps;
        const { kits, assetTypeAliases } = readMlMaturityConfig(config);
        const settings = readBackendSettings(config);

        permissionsRegistry.addPermissions(mlMaturityPermissions);
        permissionsRegistry.addResourceType({
          resourceRef: mlMaturityTeamPermissionResourceRef,
          rules: Object.values(mlMaturityTeamRules),
        });

        const store = await DatabaseAssessmentStore.create({
          database: deps.database,
          logger,
        });
        const refresh = RefreshService.create({
          logger,
          scheduler,
          store,
          reader: CatalogReader.create({
            catalog: deps.catalog,
            auth: deps.auth,
            kits,
          }),
          kits,
          assetTypeAliases,
          retentionDays: settings.retentionDays,
          schedule: settings.schedule,
        });
        const assessments = AssessmentService.create({
          store,
          catalog: deps.catalog,
          kits,
        });
        const attestations = AttestationService.create({
          store,
          assessments,
          permissions: deps.permissions,
          permissionsRegistry,
          userInfo: deps.userInfo,
          kits,
          validForDays: settings.validForDays,
          onChange: () => refresh.onAttestationsChanged(),
        });

        deps.httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            assessments,
            attestations,
            refresh,
            kits,
            logger,
          }),
        );
        deps.lifecycle.addShutdownHook(() => refresh.stop());
        // Scheduling the task makes the scheduler create its tables in this
        // plugin's database; instances starting together take turns.
        await oneInstanceAtATime(
          await deps.database.getClient(),
          SCHEDULER_SETUP_LOCK_KEY,
          () => refresh.start(),
        );
      },
    });
  },
});
