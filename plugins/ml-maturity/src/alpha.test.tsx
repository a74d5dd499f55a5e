import { screen } from '@testing-library/react';
import {
  createExtensionTester,
  renderInTestApp,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
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
  mlMaturityAssetCard,
  mlMaturityRoadmapPage,
  mlMaturityTeamCard,
} from './alpha';
import { mlMaturityApiRef } from './api';
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
    expect(plugin.id).toBe('ml-maturity');
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

  it("takes the asset card's filter from app config, as the README shows", () => {
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
    // an alias only the backend knows, now matched by the configured filter
    expect(filter(resource({ type: 'mlflow-model' }))).toBe(true);
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
