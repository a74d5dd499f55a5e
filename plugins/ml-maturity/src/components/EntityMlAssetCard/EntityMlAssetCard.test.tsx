import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ResponseError } from '@backstage/errors';
import type { Entity } from '@backstage/catalog-model';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { mlMaturityApiRef } from '../../api';
import type { MlMaturityApi } from '../../api';
import {
  expectScrollsSideways,
  freshStatus,
  mockMlMaturityApi,
} from '../../testing/fixtures';
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

const contribution = (extra: Record<string, unknown> = {}) => ({
  entityRef: 'resource:default/vision-images',
  assetType: 'dataset',
  countsToward: [],
  findings: [],
  ...freshStatus,
  ...extra,
});

const responseError = (status: number, name: string, message: string) =>
  ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name, message },
        response: { statusCode: status },
      }),
      {
        status,
        statusText: name,
        headers: { 'Content-Type': 'application/json' },
      },
    ),
  );

// Rendering in a test app is slow on small CI machines.
jest.setTimeout(30_000);

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
    // a screen reader names what is loading
    expect(
      await screen.findByRole('progressbar', {
        name: 'Loading how this ML asset counts',
      }),
    ).toBeInTheDocument();
  });

  it('shows an answer without findings or countsToward (another backend) instead of crashing', async () => {
    const { findings, countsToward, ...older } = contribution();
    const api = mockMlMaturityApi({
      getAssetContribution: jest.fn(async () => older as never),
    });
    await renderCard(api);
    expect(
      await screen.findByLabelText('ML asset type: dataset'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/No checklist item of any team you can see counts/),
    ).toBeInTheDocument();
    expect(screen.getByText(/^No findings/)).toBeInTheDocument();
    expect(screen.queryByText(/Something Went Wrong/)).not.toBeInTheDocument();
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

  it('says an entity that is no ML asset is none, and how to make it one', async () => {
    const api = mockMlMaturityApi({
      getAssetContribution: jest.fn(async () => undefined),
    });
    // e.g. under an asset card filter set in app config
    await renderCard(api, {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'billing', namespace: 'default' },
      spec: { type: 'service', owner: 'payments', lifecycle: 'production' },
    });
    expect(
      await screen.findByText('This entity is not an ML asset.'),
    ).toBeInTheDocument();
    expect(
      screen.queryByText(/This ML asset is not assessed yet/),
    ).not.toBeInTheDocument();
    const hint = screen.getByRole('status');
    expect(hint).toHaveTextContent(
      /spec\.type "service" is not an ML asset type/,
    );
    expect(hint).toHaveTextContent(/no ml-maturity\.io\/asset annotation/);
    expect(
      within(hint).getByText('ml-maturity.io/asset: dataset'),
    ).toBeVisible();
    expect(hint).toHaveTextContent(/metadata\.annotations/);
    expect(
      within(hint).getByRole('link', { name: /annotations/ }),
    ).toHaveAttribute('href', expect.stringMatching(/docs\/annotations\.md$/));
  });

  it('says which ml-maturity.io/asset value is not an asset type', async () => {
    const api = mockMlMaturityApi({
      getAssetContribution: jest.fn(async () => undefined),
    });
    await renderCard(api, {
      ...dataset,
      metadata: {
        ...dataset.metadata,
        annotations: { 'ml-maturity.io/asset': 'datasets' },
      },
      spec: { type: 'bucket', owner: 'vision' },
    });
    expect(
      await screen.findByText(
        'This entity is not an ML asset: its ml-maturity.io/asset value is not an asset type.',
      ),
    ).toBeInTheDocument();
    const hint = screen.getByRole('status');
    expect(hint).toHaveTextContent(/"datasets" is not an ML asset type/);
    expect(hint).toHaveTextContent(/spec\.type "bucket" is not one either/);
    expect(hint).toHaveTextContent(/collaboration-platform/);
    expect(hint).toHaveTextContent(/metadata\.annotations/);
    expect(hint).not.toHaveTextContent(/after the next refresh\./);
  });

  it('says when the next refresh is, starts one on request and shows the asset once assessed', async () => {
    const user = userEvent.setup({ delay: null });
    const getAssetContribution = jest
      .fn()
      .mockResolvedValueOnce(undefined)
      .mockResolvedValueOnce(undefined)
      .mockResolvedValue(contribution());
    const refresh = jest.fn(async () => 'started' as const);
    const api = mockMlMaturityApi({ getAssetContribution, refresh });
    await renderCard(api);
    expect(
      await screen.findByText('This ML asset is not assessed yet.'),
    ).toBeInTheDocument();
    expect(screen.getByText(/every 30 minutes by default/)).toBeInTheDocument();

    const liveBefore = [...document.querySelectorAll('[aria-live="polite"]')];
    await user.click(screen.getByRole('button', { name: 'Refresh now' }));
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(await screen.findByText(/Refresh started/)).toBeInTheDocument();
    // it checks again until the refresh brought the asset
    expect(
      await screen.findByLabelText(
        'ML asset type: dataset',
        {},
        { timeout: 15_000 },
      ),
    ).toBeInTheDocument();
    expect(getAssetContribution).toHaveBeenCalledTimes(3);
    // Refresh now and its messages are gone: a live region, there all
    // along, tells screen readers that the refresh has finished
    expect(liveBefore).toContain(
      screen
        .getByText(
          'The refresh has finished: how this ML asset counts is shown.',
        )
        .closest('[aria-live="polite"]'),
    );
  }, 30_000);

  it('says a refresh is already running, and waits for it', async () => {
    const user = userEvent.setup({ delay: null });
    const getAssetContribution = jest
      .fn()
      .mockResolvedValueOnce(undefined)
      .mockResolvedValue(contribution());
    const api = mockMlMaturityApi({
      getAssetContribution,
      refresh: jest.fn(async () => 'already-running' as const),
    });
    await renderCard(api);
    await user.click(
      await screen.findByRole('button', { name: 'Refresh now' }),
    );
    expect(
      await screen.findByText(/A refresh is already running/),
    ).toBeInTheDocument();
    await waitFor(() => expect(getAssetContribution).toHaveBeenCalledTimes(2), {
      timeout: 10_000,
    });
    expect(
      await screen.findByLabelText('ML asset type: dataset'),
    ).toBeInTheDocument();
  }, 20_000);

  it('says who may start a refresh when the user may not (403)', async () => {
    const user = userEvent.setup({ delay: null });
    const error = await responseError(
      403,
      'NotAllowedError',
      'Permission ml-maturity.refresh denied',
    );
    const api = mockMlMaturityApi({
      getAssetContribution: jest.fn(async () => undefined),
      refresh: jest.fn(async () => {
        throw error;
      }),
    });
    await renderCard(api);
    await user.click(
      await screen.findByRole('button', { name: 'Refresh now' }),
    );
    expect(
      await screen.findByText(/You may not start a refresh/),
    ).toHaveTextContent(/ml-maturity\.refresh/);
    expect(screen.getByText(/after the next scheduled refresh/)).toBeVisible();
  });

  it('keeps team names whole on a phone: the counts-toward table scrolls sideways instead', async () => {
    const api = mockMlMaturityApi({
      getAssetContribution: jest.fn(async () =>
        contribution({
          countsToward: [
            {
              team: 'group:default/demand-forecasting',
              itemId: 'scaler.technology.datasets',
              via: 'owned' as const,
            },
          ],
        }),
      ),
    });
    await renderCard(api);
    const table = await screen.findByRole('table', {
      name: 'Checklist items this asset counts toward',
    });
    expectScrollsSideways(
      screen.getByRole('region', { name: 'Counts toward, scrollable' }),
      table,
    );
    // words wrap whole ("Deman / d Foreca / sting" in a squeezed column)
    const [, row] = within(table).getAllByRole('row');
    for (const cell of within(row).getAllByRole('cell')) {
      expect(getComputedStyle(cell).wordBreak).toBe('normal');
    }
  });

  it('shows the first rows of a long list of items, with a toggle for the rest', async () => {
    const user = userEvent.setup({ delay: null });
    const countsToward = Array.from({ length: 25 }, (_, i) => ({
      team: `group:default/team-${String(i).padStart(2, '0')}`,
      itemId: 'scaler.technology.datasets',
      via: 'used' as const,
    }));
    const api = mockMlMaturityApi({
      getAssetContribution: jest.fn(async () => contribution({ countsToward })),
    });
    await renderCard(api);
    const table = await screen.findByRole('table', {
      name: 'Checklist items this asset counts toward',
    });
    // a header row and the first ten
    expect(within(table).getAllByRole('row')).toHaveLength(11);
    const toggle = screen.getByRole('button', { name: 'Show all 25' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(toggle).toHaveAttribute('aria-controls', table.id);
    await user.click(toggle);
    expect(within(table).getAllByRole('row')).toHaveLength(26);
    expect(screen.getByRole('button', { name: 'Show fewer' })).toHaveAttribute(
      'aria-expanded',
      'true',
    );
  });

  it('gives the credit of a user-owned asset to the teams of that user', async () => {
    const api = mockMlMaturityApi({
      getAssetContribution: jest.fn(async () => contribution()),
    });
    await renderCard(api, {
      ...dataset,
      spec: { type: 'dataset', owner: 'user:jane' },
    });
    const hint = await screen.findByText(/No checklist item of any team/);
    expect(hint).toHaveTextContent(/the teams .*jane.* is a member of/);
    expect(hint).not.toHaveTextContent(/Its owner, jane, gets credit/);
  });

  it('names the file to fix, linked to its editor, when the catalog knows it', async () => {
    const api = mockMlMaturityApi({
      getAssetContribution: jest.fn(async () =>
        contribution({
          findings: [
            {
              entityRef: 'resource:default/vision-images',
              field: 'ml-maturity.io/hosting',
              value: 'multicloud',
              message:
                'Unknown value; did you mean multi-cloud? Allowed: on-prem, cloud, hybrid, multi-cloud. The default on-prem is used',
            },
          ],
        }),
      ),
    });
    await renderCard(api, {
      ...dataset,
      metadata: {
        ...dataset.metadata,
        annotations: {
          'ml-maturity.io/asset': 'dataset',
          'backstage.io/managed-by-location':
            'url:https://github.com/acme/vision/blob/main/catalog/datasets.yaml',
          'backstage.io/edit-url':
            'https://github.com/acme/vision/edit/main/catalog/datasets.yaml',
        },
      },
    });
    const findings = await screen.findByRole('list', { name: 'Findings' });
    const advice = within(findings).getByText(/The annotation is under/);
    // (the link adds ", Opens in a new window" for screen readers)
    expect(advice).toHaveTextContent(
      /^The annotation is under metadata\.annotations in this entity's file, datasets\.yaml(, Opens in a new window)?\.$/,
    );
    expect(
      within(advice).getByRole('link', { name: /datasets\.yaml/ }),
    ).toHaveAttribute(
      'href',
      'https://github.com/acme/vision/edit/main/catalog/datasets.yaml',
    );
  });
});
