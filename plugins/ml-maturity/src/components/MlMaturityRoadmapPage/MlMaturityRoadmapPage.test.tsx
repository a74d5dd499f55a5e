import { screen } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { mlMaturityApiRef } from '../../api';
import { mockMlMaturityApi } from '../../testing/fixtures';
import { MlMaturityRoadmapPage } from './MlMaturityRoadmapPage';

// Rendering in a test app is slow on small CI machines.
jest.setTimeout(30_000);

describe('MlMaturityRoadmapPage', () => {
  it('has exactly one main landmark, around the content', async () => {
    const api = mockMlMaturityApi({
      getRoadmap: jest.fn(async () => ({
        generatedAt: '2026-11-27T06:00:00.000Z',
        levels: { '1': [], '2': [], '3': [], '4': [], '5': [] },
        teams: [],
        items: [],
        stale: false,
        lastRefresh: null,
        lastError: null,
      })),
    });
    await renderInTestApp(
      <TestApiProvider apis={[[mlMaturityApiRef, api]]}>
        <MlMaturityRoadmapPage />
      </TestApiProvider>,
    );
    const hint = await screen.findByText('No teams assessed yet.');
    const mains = screen.getAllByRole('main');
    expect(mains).toHaveLength(1);
    expect(mains[0]).toContainElement(hint);
  });
});
