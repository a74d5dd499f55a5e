import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { MlMaturityClient, mlMaturityApiRef } from './api';
import { rootRouteRef } from './routes';
import type { EntityMlMaturityCardProps } from './components/EntityMlMaturityCard';
import type { EntityMlAssetCardProps } from './components/EntityMlAssetCard';

/**
 * The ML maturity plugin for the legacy frontend system.
 * @public
 */
export const mlMaturityPlugin = createPlugin({
  id: 'ml-maturity',
  apis: [
    createApiFactory({
      api: mlMaturityApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        MlMaturityClient.create({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    root: rootRouteRef,
  },
});

/**
 * The organisation's ML maturity roadmap; mount it at `/ml-maturity`.
 * @public
 */
export const MlMaturityRoadmapPage: () => JSX.Element =
  mlMaturityPlugin.provide(
    createRoutableExtension({
      name: 'MlMaturityRoadmapPage',
      component: () =>
        import('./components/MlMaturityRoadmapPage').then(
          m => m.MlMaturityRoadmapPage,
        ),
      mountPoint: rootRouteRef,
    }),
  );

/**
 * The team maturity card, for Group entity pages.
 * @public
 */
export const EntityMlMaturityCard: (
  props: EntityMlMaturityCardProps,
) => JSX.Element = mlMaturityPlugin.provide(
  createComponentExtension({
    name: 'EntityMlMaturityCard',
    component: {
      lazy: () =>
        import('./components/EntityMlMaturityCard').then(
          m => m.EntityMlMaturityCard,
        ),
    },
  }),
);

/**
 * The ML asset card, for entities where `isMlAsset` holds.
 * @public
 */
export const EntityMlAssetCard: (props: EntityMlAssetCardProps) => JSX.Element =
  mlMaturityPlugin.provide(
    createComponentExtension({
      name: 'EntityMlAssetCard',
      component: {
        lazy: () =>
          import('./components/EntityMlAssetCard').then(
            m => m.EntityMlAssetCard,
          ),
      },
    }),
  );
