import { screen, within } from '@testing-library/react';
import type { Entity } from '@backstage/catalog-model';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { mlMaturityApiRef } from '../../api';
import type { MlMaturityApi } from '../../api';
import { freshStatus, mockMlMaturityApi } from '../../testing/fixtures';
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

function renderCard(api: MlMaturityApi, entity: Entity = dataset) {
  return renderInTestApp(
    <TestApiProvider apis={[[mlMaturityApiRef, api]]}>
      <EntityProvider entity={entity}>
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
    // the owner's team card lists the finding about a value that is not a type
    expect(
      screen.getByText(
        /the ML maturity card of the team that owns this entity/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /vision/ })).toHaveAttribute(
      'href',
      '/catalog/default/group/vision',
    );
  });

  it('says no team card lists the findings of an asset without an owner', async () => {
    const api = mockMlMaturityApi({
      getAssetContribution: jest.fn(async () => undefined),
    });
    await renderCard(api, { ...dataset, spec: { type: 'dataset' } });
    expect(
      await screen.findByText(/no team's ML maturity card lists findings/),
    ).toBeInTheDocument();
    expect(
      screen.queryByText(/the team that owns this entity/),
    ).not.toBeInTheDocument();
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
        ...freshStatus,
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
      within(findings).getByText(
        'unknown scope; allowed: project, team, enterprise, external',
      ),
    ).toBeInTheDocument();
    expect(within(findings).getByText('everyone')).toBeInTheDocument();
    // where to change an ML annotation
    expect(
      within(findings).getByText(/The annotation is under/),
    ).toHaveTextContent(
      "The annotation is under metadata.annotations in this entity's catalog-info.yaml.",
    );
  });

  it("gives a finding about the owner its own advice, not an annotation's", async () => {
    const message =
      'The owning User is a member of no group, so this entity counts for no team: add spec.memberOf to the User';
    const api = mockMlMaturityApi({
      getAssetContribution: jest.fn(async () => ({
        entityRef: 'resource:default/vision-images',
        assetType: 'dataset',
        countsToward: [],
        findings: [
          {
            entityRef: 'resource:default/vision-images',
            field: 'spec.owner',
            value: 'user:default/jane',
            message,
          },
        ],
        ...freshStatus,
      })),
    });
    await renderCard(api, {
      ...dataset,
      spec: { type: 'dataset', owner: 'user:jane' },
    });

    const findings = await screen.findByRole('list', { name: 'Findings' });
    const [finding] = within(findings).getAllByRole('listitem');
    expect(within(finding).getByText(message)).toBeInTheDocument();
    expect(finding).toHaveTextContent(/^spec\.owner = user:default\/jane/);
    expect(finding).not.toHaveTextContent(/To fix|allowed value|ignored/);
    expect(finding).not.toHaveTextContent(/metadata\.annotations/);
    // it has an owner: the finding says why that owner gives it no team
    expect(screen.queryByText(/Give it an owner/)).not.toBeInTheDocument();
    expect(
      screen.getByText(/the finding about its owner below says why/),
    ).toBeInTheDocument();
  });

  it('names the owner when no item counts an owned asset', async () => {
    const api = mockMlMaturityApi({
      getAssetContribution: jest.fn(async () => ({
        entityRef: 'resource:default/vision-images',
        assetType: 'dataset',
        countsToward: [],
        findings: [],
        ...freshStatus,
      })),
    });
    await renderCard(api);
    expect(
      await screen.findByText(/No checklist item of any team you can see/),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Give it an owner/)).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: /vision/ })).toHaveAttribute(
      'href',
      '/catalog/default/group/vision',
    );
  });

  it('asks for an owner when the asset has none', async () => {
    const api = mockMlMaturityApi({
      getAssetContribution: jest.fn(async () => ({
        entityRef: 'resource:default/vision-images',
        assetType: 'dataset',
        countsToward: [],
        findings: [],
        ...freshStatus,
      })),
    });
    await renderCard(api, { ...dataset, spec: { type: 'dataset' } });
    expect(
      await screen.findByText(/it has no owner\. Give it an owner Group/),
    ).toBeInTheDocument();
  });

  it('says when the results were computed', async () => {
    const api = mockMlMaturityApi({
      getAssetContribution: jest.fn(async () => ({
        entityRef: 'resource:default/vision-images',
        assetType: 'dataset',
        countsToward: [],
        findings: [],
        ...freshStatus,
      })),
    });
    await renderCard(api);
    expect(await screen.findByText(/Last refreshed:/)).toBeInTheDocument();
    expect(screen.queryByText(/out of date/)).not.toBeInTheDocument();
  });

  it('warns when the last refresh failed and the answer is from an older snapshot', async () => {
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
        ],
        findings: [],
        stale: true,
        lastRefresh: '2026-11-27T06:00:00.000Z',
        lastError: 'catalog timed out',
      })),
    });
    await renderCard(api);
    expect(
      await screen.findByText(/This assessment may be out of date/),
    ).toBeInTheDocument();
    expect(screen.getAllByText(/catalog timed out/).length).toBeGreaterThan(0);
    // the older answer is still shown
    expect(
      screen.getByRole('table', {
        name: 'Checklist items this asset counts toward',
      }),
    ).toBeInTheDocument();
  });

  it('says plainly when the backend cannot be reached, with a retry', async () => {
    const api = mockMlMaturityApi({
      getAssetContribution: jest.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    });
    await renderCard(api);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not reach the ML maturity backend');
    expect(alert).toHaveTextContent('how this ML asset counts');
    expect(
      within(alert).getByRole('button', { name: 'Retry' }),
    ).toBeInTheDocument();
  });
});
