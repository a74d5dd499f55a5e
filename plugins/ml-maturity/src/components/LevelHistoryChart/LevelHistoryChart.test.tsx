import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import type { MaturityLevel } from '@aiml-service-kits/plugin-ml-maturity-common';
import type { TeamHistoryPoint } from '../../api';
import { LevelHistoryChart } from './LevelHistoryChart';

const point = (day: string, level: MaturityLevel): TeamHistoryPoint => ({
  day,
  level,
  kitsCompleted: level - 1,
  kits: [],
});

describe('LevelHistoryChart', () => {
  it('says what to expect when there is no history yet', async () => {
    await renderInTestApp(<LevelHistoryChart points={[]} />);
    expect(screen.getByText(/No history yet/)).toBeInTheDocument();
  });

  it('shows a single day once, with a word on why there is one point', async () => {
    await renderInTestApp(
      <LevelHistoryChart points={[point('2026-11-27', 3)]} />,
    );
    expect(screen.getAllByText('2026-11-27')).toHaveLength(1);
    expect(screen.getByText(/One day of history so far/)).toBeInTheDocument();
    expect(
      screen.getByRole('img', {
        name: /from 2026-11-27 to 2026-11-27: L-III Systematic at the start, L-III Systematic now; highest L-III Systematic; 0 level changes/,
      }),
    ).toBeInTheDocument();
  });

  it('labels the first and last day and describes the changes, whatever the input order', async () => {
    await renderInTestApp(
      <LevelHistoryChart
        points={[
          point('2026-11-27', 2),
          point('2026-11-25', 1),
          point('2026-11-26', 3),
        ]}
      />,
    );
    expect(screen.getByText('2026-11-25')).toBeInTheDocument();
    expect(screen.getByText('2026-11-27')).toBeInTheDocument();
    expect(screen.queryByText('2026-11-26')).not.toBeInTheDocument();
    expect(screen.queryByText(/One day of history/)).not.toBeInTheDocument();
    expect(
      screen.getByRole('img', {
        name: /L-I Basic at the start, L-II Opportunistic now; highest L-III Systematic; 2 level changes/,
      }),
    ).toBeInTheDocument();
  });

  it('breaks the step line where days are missing, with a dot for a day alone', async () => {
    const { container } = await renderInTestApp(
      <LevelHistoryChart
        points={[
          point('2026-10-01', 1),
          point('2026-10-02', 2),
          point('2026-10-10', 2),
          point('2026-10-20', 3),
          point('2026-10-21', 3),
        ]}
      />,
    );
    const svg = container.querySelector('svg[role="img"]')!;
    // a screen reader hears the gaps too
    expect(svg).toHaveAccessibleName(
      'Maturity level from 2026-10-01 to 2026-10-21: L-I Basic at the start, L-III Systematic now; highest L-III Systematic; 2 level changes. 5 of 21 days recorded.',
    );
    expect(svg.querySelectorAll('path')).toHaveLength(2);
    // the lone day, and the last day's marker
    expect(svg.querySelectorAll('circle')).toHaveLength(2);
    expect(
      screen.getByText(
        /Breaks in the line are days without a successful refresh/,
      ),
    ).toBeInTheDocument();
  });

  it('draws one step line and no note when no day is missing', async () => {
    const { container } = await renderInTestApp(
      <LevelHistoryChart
        points={[point('2026-10-01', 1), point('2026-10-02', 2)]}
      />,
    );
    const svg = container.querySelector('svg[role="img"]')!;
    expect(svg).toHaveAccessibleName(/1 level change\.$/);
    expect(svg.querySelectorAll('path')).toHaveLength(1);
    expect(svg.querySelector('path')).toHaveAttribute(
      'd',
      expect.stringMatching(/^M [\d.]+ [\d.]+ H [\d.]+ V [\d.]+$/),
    );
    expect(screen.queryByText(/Breaks in the line/)).not.toBeInTheDocument();
  });
});
