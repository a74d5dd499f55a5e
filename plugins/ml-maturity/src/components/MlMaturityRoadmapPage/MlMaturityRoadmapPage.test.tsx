import { screen } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { mlMaturityApiRef } from '../../api';
import { emptyRoadmap, mockMlMaturityApi } from '../../testing/fixtures';
import { MlMaturityRoadmapPage } from './MlMaturityRoadmapPage';

// Rendering in a test app is slow on small CI machines.
jest.setTimeout(30_000);

describe('MlMaturityRoadmapPage', () => {
  it('has exactly one main landmark, around the content', async () => {
    const api = mockMlMaturityApi({
      getRoadmap: jest.fn(async () => emptyRoadmap()),
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
