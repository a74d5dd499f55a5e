import {
  ApiBlueprint,
  PageBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { Content } from '@backstage/core-components';
import TrendingUpIcon from '@material-ui/icons/TrendingUp';
import { z } from 'zod/v4';
import { MlMaturityClient, mlMaturityApiRef } from './api';
import { mlAssetFilter } from './lib/isMlAsset';
import { rootRouteRef } from './routes';

const routeRef = convertLegacyRouteRef(rootRouteRef);

/** The API client. @alpha */
export const mlMaturityApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: mlMaturityApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        MlMaturityClient.create({ discoveryApi, fetchApi }),
    }),
});

/**
 * The roadmap page at `/ml-maturity`. Its title and icon also make the
 * "ML Maturity" nav item (the nav is inferred from pages since
 * frontend-plugin-api 0.17, which removed NavItemBlueprint).
 *
 * The content is the page's `<main>` landmark: the new system's shell (the
 * app layout's `SidebarPage` and the page layout's header) renders none, and
 * `Content` is an `<article>`. The legacy page gets its one from `Page`.
 * @alpha
 */
export const mlMaturityRoadmapPage = PageBlueprint.make({
  params: {
    path: '/ml-maturity',
    routeRef,
    title: 'ML Maturity',
    icon: <TrendingUpIcon fontSize="inherit" />,
    loader: () =>
      import('./components/MlMaturityRoadmapPage').then(m => (
        <main>
          <Content>
            <m.RoadmapContent />
          </Content>
        </main>
      )),
  },
});

/**
 * The cards' own config: the title, as the legacy cards' `title` prop. An
 * empty or blank title (e.g. an unset `${VAR}`) keeps the default rather
 * than dropping the card over invalid config or showing an empty heading.
 */
const cardTitleConfig = {
  title: z.string().optional(),
};

/** The configured title, trimmed; undefined (the default) when blank. */
const cardTitle = (title: string | undefined) => title?.trim() || undefined;

/**
 * The team maturity card on Group pages. The filter is the predicate form of
 * `kind:group` (string filters are deprecated in catalog-react 3.x). Its
 * config takes `title` (default "ML maturity").
 * @alpha
 */
export const mlMaturityTeamCard = EntityCardBlueprint.makeWithOverrides({
  name: 'team',
  configSchema: cardTitleConfig,
  factory(originalFactory, { config }) {
    return originalFactory({
      filter: { kind: 'group' },
      loader: () =>
        import('./components/EntityMlMaturityCard').then(m => (
          <m.EntityMlMaturityCard title={cardTitle(config.title)} />
        )),
    });
  },
});

/**
 * The ML asset card on entities that are ML assets. Its config takes
 * `assetTypeAliases`: the `spec.type` values an administrator added in the
 * backend's `mlMaturity.assetTypeAliases`, so that those entities get the
 * card too (the frontend does not see backend config); and `title`
 * (default "ML asset").
 * @alpha
 */
export const mlMaturityAssetCard = EntityCardBlueprint.makeWithOverrides({
  name: 'asset',
  configSchema: {
    ...cardTitleConfig,
    assetTypeAliases: z.array(z.string()).optional(),
  },
  factory(originalFactory, { config }) {
    return originalFactory({
      filter: mlAssetFilter(config.assetTypeAliases),
      loader: () =>
        import('./components/EntityMlAssetCard').then(m => (
          <m.EntityMlAssetCard title={cardTitle(config.title)} />
        )),
    });
  },
});

/**
 * The ML maturity plugin for the new frontend system.
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'ml-maturity',
  title: 'ML Maturity',
  // the app shows the package's name, version and links for the plugin
  info: { packageJson: () => import('../package.json') },
  icon: <TrendingUpIcon fontSize="inherit" />,
  routes: { root: routeRef },
  extensions: [
    mlMaturityApi,
    mlMaturityRoadmapPage,
    mlMaturityTeamCard,
    mlMaturityAssetCard,
  ],
});
