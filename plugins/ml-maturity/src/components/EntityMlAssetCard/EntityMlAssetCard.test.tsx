import { screen, within } from '@testing-library/react';
import type { Entity } from '@backstage/catalog-model';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { mlMaturityApiRef } from '../../api';
import type { MlMaturityApi } from '../../api';
import { mockMlMaturityApi } from '../../testing/fixtures';
import { EntityMlAssetCard } from './EntityMlAssetCard';

const dataset: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'vision-images',
    namespace: 'default',
    annotations: { 'ml-maturity.io/asset': 'dataset' },
  },
  spec: { type: 'dataset', owner: 'vision' },
};

function renderCard(api: MlMaturityApi) {
  return renderInTestApp(
    <TestApiProvider apis={[[mlMaturityApiRef, api]]}>
      <EntityProvider entity={dataset}>
        <EntityMlAssetCard />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('EntityMlAssetCard', () => {
  it('shows progress while loading', async () => {
    const api = mockMlMaturityApi({
      getAssetContribution: jest.fn(() => new Promise<never>(() => {})),
    });
    await renderCard(api);
    expect(screen.getByTestId('progress')).toBeInTheDocument();
    expect(api.getAssetContribution).toHaveBeenCalledWith(
      'resource:default/vision-images',
    );
  });

  it('says when an annotated asset is not assessed yet, and what to check', async () => {
    const api = mockMlMaturityApi({
      getAssetContribution: jest.fn(async () => undefined),
    });
    await renderCard(api);
    expect(
      await screen.findByText('This ML asset is not assessed yet.'),
    ).toBeInTheDocument();
    expect(screen.getByText(/after the next refresh/)).toBeInTheDocument();
    expect(screen.getByText('ml-maturity.io/asset')).toBeInTheDocument();
  });

  it('shows the API error', async () => {
    const api = mockMlMaturityApi({
      getAssetContribution: jest.fn(async () => {
        throw new Error('permission denied');
      }),
    });
    await renderCard(api);
    expect(
      (await screen.findAllByText(/permission denied/)).length,
    ).toBeGreaterThan(0);
  });

  it('shows the type, the items it counts toward and its findings', async () => {
    const api = mockMlMaturityApi({
      getAssetContribution: jest.fn(async () => ({
        entityRef: 'resource:default/vision-images',
        assetType: 'dataset',
        countsToward: [
          {
            team: 'group:default/vision',
            itemId: 'starter.technology.datasets',
            via: 'owned' as const,
          },
          {
            team: 'group:default/nlp',
            itemId: 'scaler.technology.datasets',
            via: 'used' as const,
          },
        ],
        findings: [
          {
            entityRef: 'resource:default/vision-images',
            field: 'ml-maturity.io/scope',
            value: 'everyone',
            message:
              'unknown scope; allowed: project, team, enterprise, external',
          },
        ],
      })),
    });
    await renderCard(api);

    expect(
      await screen.findByLabelText('ML asset type: dataset'),
    ).toBeInTheDocument();
    const table = screen.getByRole('table', {
      name: 'Checklist items this asset counts toward',
    });
    expect(
      within(table).getByText('starter datasets (AIML Starter Kit)'),
    ).toBeInTheDocument();
    expect(within(table).getByText('used')).toBeInTheDocument();
    expect(
      within(table)
        .getAllByRole('link')
        .map(a => a.getAttribute('href')),
    ).toEqual(['/catalog/default/group/vision', '/catalog/default/group/nlp']);

    const findings = screen.getByRole('list', { name: 'Findings' });
    expect(
      within(findings).getByText(/unknown scope; allowed: project, team/),
    ).toBeInTheDocument();
    expect(within(findings).getByText(/To fix: change/)).toBeInTheDocument();
  });
});
