import { screen, within } from '@testing-library/react';
import {
  createExtensionTester,
  renderInTestApp,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import {
  ApiBlueprint,
  coreExtensionData,
  createExtension,
  createExtensionInput,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  ANNOTATION_ASSET,
  ASSET_TYPES,
  DEFAULT_ASSET_TYPE_ALIASES,
} from '@aiml-service-kits/plugin-ml-maturity-common';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import type { Entity } from '@backstage/catalog-model';
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import plugin, {
  mlMaturityApi,
  mlMaturityAssetCard,
  mlMaturityRoadmapPage,
  mlMaturityTeamCard,
} from './alpha';
import { mlMaturityApiRef } from './api';
import { isMlAsset } from './lib/isMlAsset';
import { emptyRoadmap, mockMlMaturityApi } from './testing/fixtures';

const resource = (spec: Entity['spec']): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'x' },
  spec,
});

// Rendering a whole test app is slow on small CI machines.
jest.setTimeout(30_000);

describe('ml-maturity alpha plugin', () => {
  it('is a frontend plugin with the id ml-maturity', () => {
    // `id` is a deprecated alias of `pluginId` in frontend-plugin-api 0.18
    expect(plugin.pluginId).toBe('ml-maturity');
  });

  it('gives the app its package.json for the plugin info', async () => {
    // What an app loads for plugin.info() (the app installs a copy of the
    // plugin whose info() calls this loader; the instance exported here
    // only throws). Read through the instance's options.
    const { infoOptions } = plugin as unknown as {
      infoOptions?: { packageJson?: () => Promise<Record<string, unknown>> };
    };
    const packageJson = await infoOptions?.packageJson?.();
    expect(packageJson).toMatchObject({
      name: '@aiml-service-kits/plugin-ml-maturity',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      description: expect.stringContaining('ML maturity'),
    });
  });

  it('mounts the roadmap page at /ml-maturity and renders it', async () => {
    const api = mockMlMaturityApi({
      getRoadmap: jest.fn(async () => emptyRoadmap()),
    });
    const tester = createExtensionTester(mlMaturityRoadmapPage, {
      apis: [[mlMaturityApiRef, api]],
    });
    expect(tester.get(coreExtensionData.routePath)).toBe('/ml-maturity');
    await renderInTestApp(tester.reactElement(), {
      apis: [[mlMaturityApiRef, api]],
    });
    expect(
      await screen.findByText('No teams assessed yet.'),
    ).toBeInTheDocument();
  });

  it("gives the roadmap page exactly one main landmark inside the app's own layout", async () => {
    const api = mockMlMaturityApi({
      getRoadmap: jest.fn(async () => emptyRoadmap()),
    });
    // the whole app shell (sidebar layout, nav, page header) around the page
    await renderTestApp({
      extensions: [mlMaturityRoadmapPage],
      initialRouteEntries: ['/ml-maturity'],
      apis: [[mlMaturityApiRef, api]],
    });
    const hint = await screen.findByText('No teams assessed yet.');
    const mains = screen.getAllByRole('main');
    expect(mains).toHaveLength(1);
    expect(mains[0]).toContainElement(hint);
  });

  it('filters the cards to groups and ML assets', () => {
    const team = createExtensionTester(mlMaturityTeamCard);
    const isTeam = team.get(EntityCardBlueprint.dataRefs.filterFunction)!;
    expect(isTeam({ ...resource({}), kind: 'Group' })).toBe(true);
    expect(isTeam(resource({ type: 'dataset' }))).toBe(false);
    const asset = createExtensionTester(mlMaturityAssetCard);
    const filter = asset.get(EntityCardBlueprint.dataRefs.filterFunction)!;
    expect(filter(resource({ type: 'dataset' }))).toBe(true);
    expect(filter(resource({ type: 'database' }))).toBe(false);
  });

  it("takes the asset card's extra asset types from app config, as the README shows", () => {
    const readme = fs.readFileSync(
      path.resolve(__dirname, '../README.md'),
      'utf8',
    );
    const block = /```yaml\n([^]*?)```/.exec(readme)![1];
    const extensions = parseYaml(block).app.extensions as Array<
      Record<string, { config: Record<string, unknown> }>
    >;
    const { config } = extensions.find(
      e => 'entity-card:ml-maturity/asset' in e,
    )!['entity-card:ml-maturity/asset'];
    const asset = createExtensionTester(mlMaturityAssetCard, {
      config: config as any,
    });
    const filter = asset.get(EntityCardBlueprint.dataRefs.filterFunction)!;
    // an alias only the backend knows, now matched, in any case
    expect(filter(resource({ type: 'mlflow-model' }))).toBe(true);
    expect(filter(resource({ type: ' MLflow-Model ' }))).toBe(true);
    // and everything the default takes
    expect(filter(resource({ type: 'jupyter' }))).toBe(true);
    expect(
      filter({
        ...resource({ type: 'website' }),
        metadata: {
          name: 'x',
          annotations: { 'ml-maturity.io/asset': 'ml-model' },
        },
      }),
    ).toBe(true);
    expect(filter(resource({ type: 'database' }))).toBe(false);
  });

  it('renders the same asset card as the legacy export, hints included', async () => {
    const api = mockMlMaturityApi({
      getAssetContribution: jest.fn(async () => undefined),
    });
    // shown on a non-ML entity by a filter from app config
    const service: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'billing', namespace: 'default' },
      spec: { type: 'service', owner: 'payments', lifecycle: 'production' },
    };
    const tester = createExtensionTester(mlMaturityAssetCard, {
      apis: [[mlMaturityApiRef, api]],
    });
    await renderInTestApp(
      <EntityProvider entity={service}>{tester.reactElement()}</EntityProvider>,
      {
        apis: [[mlMaturityApiRef, api]],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
    expect(
      await screen.findByRole('heading', { level: 2, name: 'ML asset' }),
    ).toBeInTheDocument();
    expect(
      await screen.findByText('This entity is not an ML asset.'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Refresh now' }),
    ).toBeInTheDocument();
    expect(api.getAssetContribution).toHaveBeenCalledWith(
      'component:default/billing',
    );
  });
});

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** What an adopter's app-config holds under `app.extensions`. */
type ExtensionsConfig = Json[];

const PLUGIN_README = path.resolve(__dirname, '../README.md');
const ROOT_README = path.resolve(__dirname, '../../../README.md');

/** The `app.extensions` of the plugin README's app-config example. */
function readmeExtensionsConfig(): ExtensionsConfig {
  const readme = fs.readFileSync(PLUGIN_README, 'utf8');
  const block = /```yaml\n([^]*?)```/.exec(readme)![1];
  return parseYaml(block).app.extensions;
}

const entity = (
  kind: string,
  name: string,
  spec: Entity['spec'],
  annotations?: Record<string, string>,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default', ...(annotations && { annotations }) },
  spec,
});

const team = entity('Group', 'vision', { type: 'team', children: [] });
const department = entity('Group', 'research', {
  type: 'department',
  children: [],
});
const dataset = entity('Resource', 'images', { type: 'dataset' });
const service = entity('Component', 'billing', {
  type: 'service',
  lifecycle: 'production',
  owner: 'payments',
});

/**
 * A stand-in for the catalog plugin's entity overview,
 * `entity-content:catalog/overview`, the extension `EntityCardBlueprint`
 * attaches cards to: for each entity, the ids and types of the attached
 * cards whose filter accepts it, in input order, as the catalog's overview
 * picks them (the real catalog plugin is not a dependency of this package).
 * With `render`, it also renders those cards.
 */
function catalogOverviewFor(entities: Entity[], render = false) {
  const { filterFunction, type } = EntityCardBlueprint.dataRefs;
  return createFrontendPlugin({
    pluginId: 'catalog',
    extensions: [
      createExtension({
        kind: 'entity-content',
        name: 'overview',
        attachTo: { id: 'app/routes', input: 'routes' },
        inputs: {
          cards: createExtensionInput([
            coreExtensionData.reactElement,
            filterFunction.optional(),
            type.optional(),
          ]),
        },
        output: [coreExtensionData.routePath, coreExtensionData.reactElement],
        factory: ({ inputs }) => [
          coreExtensionData.routePath('/overview'),
          coreExtensionData.reactElement(
            <>
              {entities.map(e => {
                const shown = inputs.cards.filter(
                  card => card.get(filterFunction)?.(e) ?? true,
                );
                return (
                  <EntityProvider key={e.metadata.name} entity={e}>
                    <ul aria-label={`cards of ${e.metadata.name}`}>
                      {shown.map(card => (
                        <li key={card.node.spec.id}>
                          {card.node.spec.id} ({card.get(type) ?? 'content'})
                        </li>
                      ))}
                    </ul>
                    {render &&
                      shown.map(card => (
                        <section
                          key={card.node.spec.id}
                          aria-label={card.node.spec.id}
                        >
                          {card.get(coreExtensionData.reactElement)}
                        </section>
                      ))}
                  </EntityProvider>
                );
              })}
            </>,
          ),
        ],
      }),
    ],
  });
}

/** Renders an app with the plugin and the given `app.extensions` config. */
function renderApp(options: {
  extensions?: ExtensionsConfig;
  entities?: Entity[];
  renderCards?: boolean;
  route?: string;
  api?: ReturnType<typeof mockMlMaturityApi>;
}) {
  const api =
    options.api ??
    mockMlMaturityApi({
      getRoadmap: jest.fn(async () => emptyRoadmap()),
      getTeamAssessment: jest.fn(async () => undefined),
      getAssetContribution: jest.fn(async () => undefined),
    });
  renderTestApp({
    features: [
      plugin,
      catalogOverviewFor(options.entities ?? [], options.renderCards),
    ],
    config: {
      app: {
        baseUrl: 'http://localhost:3000',
        extensions: options.extensions ?? [],
      },
      backend: { baseUrl: 'http://localhost:7007' },
    },
    initialRouteEntries: [options.route ?? '/overview'],
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    apis: [[mlMaturityApiRef, api]],
  });
  return api;
}

/** The app's sidebar, where the nav items are. */
const sidebarNav = () =>
  screen.getByRole('navigation', { name: 'sidebar nav' });

/** The cards the overview shows on each entity, by entity name. */
async function cardsShown(
  entities: Entity[],
  extensions: ExtensionsConfig = [],
): Promise<Record<string, string[]>> {
  renderApp({ entities, extensions });
  const shown: Record<string, string[]> = {};
  for (const e of entities) {
    const list = await screen.findByRole('list', {
      name: `cards of ${e.metadata.name}`,
    });
    shown[e.metadata.name] = within(list)
      .queryAllByRole('listitem')
      .map(item => item.textContent!);
  }
  return shown;
}

describe('ml-maturity alpha plugin in an app, configured from app-config', () => {
  it('has the extension ids the READMEs name, and the plugin README names them all', () => {
    const all = [
      'api:ml-maturity',
      'page:ml-maturity',
      'entity-card:ml-maturity/team',
      'entity-card:ml-maturity/asset',
    ];
    for (const id of all) {
      expect(plugin.getExtension(id as any)).toBeDefined();
    }
    const idPattern = /`((?:[a-z-]+):ml-maturity(?:\/[a-z-]+)?)`/g;
    for (const readme of [PLUGIN_README, ROOT_README]) {
      const named = [
        ...fs.readFileSync(readme, 'utf8').matchAll(idPattern),
      ].map(m => m[1]);
      expect(named.length).toBeGreaterThan(0);
      for (const id of named) {
        expect(all).toContain(id);
      }
    }
    const inPluginReadme = fs.readFileSync(PLUGIN_README, 'utf8');
    for (const id of all.filter(i => !i.startsWith('api:'))) {
      expect(inPluginReadme).toContain(`\`${id}\``);
    }
  });

  it('shows the team card on Groups and the asset card on ML assets only, as content cards', async () => {
    expect(await cardsShown([team, dataset, service])).toEqual({
      vision: ['entity-card:ml-maturity/team (content)'],
      images: ['entity-card:ml-maturity/asset (content)'],
      billing: [],
    });
  });

  it('renders the cards through the plugin in the app', async () => {
    const api = renderApp({ entities: [team, dataset], renderCards: true });
    const teamCard = await screen.findByRole('region', {
      name: 'entity-card:ml-maturity/team',
    });
    expect(
      await within(teamCard).findByText(
        'This group has no ML maturity assessment yet.',
      ),
    ).toBeInTheDocument();
    const assetCard = await screen.findByRole('region', {
      name: 'entity-card:ml-maturity/asset',
    });
    expect(
      await within(assetCard).findByRole('heading', { name: 'ML asset' }),
    ).toBeInTheDocument();
    expect(api.getTeamAssessment).toHaveBeenCalledWith('group:default/vision');
    expect(api.getAssetContribution).toHaveBeenCalledWith(
      'resource:default/images',
    );
  });

  it('titles the cards from config', async () => {
    renderApp({
      entities: [team, dataset],
      renderCards: true,
      extensions: [
        {
          'entity-card:ml-maturity/team': { config: { title: 'AI maturity' } },
        },
        { 'entity-card:ml-maturity/asset': { config: { title: 'AI asset' } } },
      ],
    });
    const teamCard = await screen.findByRole('region', {
      name: 'entity-card:ml-maturity/team',
    });
    expect(
      await within(teamCard).findByRole('heading', { name: 'AI maturity' }),
    ).toBeInTheDocument();
    const assetCard = await screen.findByRole('region', {
      name: 'entity-card:ml-maturity/asset',
    });
    expect(
      await within(assetCard).findByRole('heading', { name: 'AI asset' }),
    ).toBeInTheDocument();
  });

  it.each([[''], ['   ']])(
    'keeps the default titles when the configured title is %j',
    async title => {
      renderApp({
        entities: [team, dataset],
        renderCards: true,
        extensions: [
          { 'entity-card:ml-maturity/team': { config: { title } } },
          { 'entity-card:ml-maturity/asset': { config: { title } } },
        ],
      });
      const teamCard = await screen.findByRole('region', {
        name: 'entity-card:ml-maturity/team',
      });
      expect(
        await within(teamCard).findByRole('heading', {
          level: 2,
          name: 'ML maturity',
        }),
      ).toBeInTheDocument();
      const assetCard = await screen.findByRole('region', {
        name: 'entity-card:ml-maturity/asset',
      });
      expect(
        await within(assetCard).findByRole('heading', {
          level: 2,
          name: 'ML asset',
        }),
      ).toBeInTheDocument();
    },
  );

  it('trims a configured title', async () => {
    renderApp({
      entities: [team],
      renderCards: true,
      extensions: [
        {
          'entity-card:ml-maturity/team': {
            config: { title: '  AI maturity ' },
          },
        },
      ],
    });
    const teamCard = await screen.findByRole('region', {
      name: 'entity-card:ml-maturity/team',
    });
    const heading = await within(teamCard).findByRole('heading', { level: 2 });
    expect(heading.textContent).toBe('AI maturity');
  });

  it.each([
    ['entity-card:ml-maturity/team', 'vision'],
    ['entity-card:ml-maturity/asset', 'images'],
  ])('disables %s with `false`', async (id, shownOn) => {
    const shown = await cardsShown([team, dataset], [{ [id]: false }]);
    expect(shown[shownOn]).toEqual([]);
    // the other card stays
    expect(Object.values(shown).flat()).toHaveLength(1);
  });

  it('reorders the cards and sets their type and filter from config', async () => {
    // both on Groups, the asset card first and in the info column
    const shown = await cardsShown(
      [team],
      [
        {
          'entity-card:ml-maturity/asset': {
            config: { filter: { kind: 'group' }, type: 'info' },
          },
        },
        'entity-card:ml-maturity/team',
      ],
    );
    expect(shown.vision).toEqual([
      'entity-card:ml-maturity/asset (info)',
      'entity-card:ml-maturity/team (content)',
    ]);
  });

  it("replaces the team card's filter from config, e.g. teams only", async () => {
    const shown = await cardsShown(
      [team, department],
      [
        {
          'entity-card:ml-maturity/team': {
            config: { filter: { kind: 'group', 'spec.type': 'team' } },
          },
        },
      ],
    );
    expect(shown).toEqual({
      vision: ['entity-card:ml-maturity/team (content)'],
      research: [],
    });
  });

  it("keeps the asset card on every default ML asset with the README's config, and adds the alias", async () => {
    // the README's config adds an alias to what the default (isMlAsset)
    // covers, and keeps all of that
    const types = [
      ...ASSET_TYPES,
      ...Object.keys(DEFAULT_ASSET_TYPE_ALIASES),
      'mlflow-model',
    ];
    const assets = types.map(t => entity('Resource', `a-${t}`, { type: t }));
    const annotated = entity(
      'Component',
      'annotated',
      { type: 'website' },
      { [ANNOTATION_ASSET]: 'ml-model' },
    );
    const defaults = [...assets, annotated].filter(
      e => e.spec?.type !== 'mlflow-model',
    );
    expect(defaults.every(isMlAsset)).toBe(true);

    const shown = await cardsShown(
      [...assets, annotated, service],
      readmeExtensionsConfig(),
    );
    const without = Object.entries(shown)
      .filter(([, cards]) => cards.length === 0)
      .map(([name]) => name);
    expect(without).toEqual(['billing']);
  });

  it('shows the page and its nav item at /ml-maturity, titled ML Maturity', async () => {
    renderApp({ route: '/ml-maturity' });
    expect(
      await screen.findByText('No teams assessed yet.'),
    ).toBeInTheDocument();
    expect(
      within(sidebarNav()).getByRole('link', { name: 'ML Maturity' }),
    ).toHaveAttribute('href', '/ml-maturity');
  });

  it("takes the page's path and title, and so its nav item's, from config", async () => {
    renderApp({
      route: '/ai-maturity',
      extensions: [
        {
          'page:ml-maturity': {
            config: { path: '/ai-maturity', title: 'AI Maturity' },
          },
        },
      ],
    });
    expect(
      await screen.findByText('No teams assessed yet.'),
    ).toBeInTheDocument();
    expect(
      within(sidebarNav()).getByRole('link', { name: 'AI Maturity' }),
    ).toHaveAttribute('href', '/ai-maturity');
    // and the page header's title
    expect(
      within(screen.getByRole('navigation', { name: 'Breadcrumbs' })).getByRole(
        'link',
        { name: 'AI Maturity' },
      ),
    ).toHaveAttribute('href', '/ai-maturity');
    expect(
      screen.queryByRole('link', { name: 'ML Maturity' }),
    ).not.toBeInTheDocument();
  });

  it('drops the page and its nav item with `page:ml-maturity: false`', async () => {
    const api = renderApp({
      entities: [team],
      extensions: [{ 'page:ml-maturity': false }],
    });
    await screen.findByRole('list', { name: 'cards of vision' });
    expect(
      within(sidebarNav()).queryByRole('link', { name: 'ML Maturity' }),
    ).not.toBeInTheDocument();
    expect(api.getRoadmap).not.toHaveBeenCalled();
  });

  it('registers a client that calls the backend through discoveryApi and fetchApi', async () => {
    const factory = createExtensionTester(mlMaturityApi).get(
      ApiBlueprint.dataRefs.factory,
    );
    expect(factory.api).toBe(mlMaturityApiRef);
    expect(factory.deps).toEqual({
      discoveryApi: discoveryApiRef,
      fetchApi: fetchApiRef,
    });
    const fetch = jest.fn(async (_url: string, _init?: RequestInit) => ({
      ok: true,
      status: 200,
      json: async () => emptyRoadmap(),
    }));
    const discoveryApi = {
      getBaseUrl: jest.fn(async () => 'http://backend/api/ml-maturity'),
    };
    const client = factory.factory({
      discoveryApi,
      fetchApi: { fetch },
    }) as any;
    await client.getRoadmap();
    expect(discoveryApi.getBaseUrl).toHaveBeenCalledWith('ml-maturity');
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch.mock.calls[0][0]).toBe(
      'http://backend/api/ml-maturity/v1/roadmap',
    );
  });
});
