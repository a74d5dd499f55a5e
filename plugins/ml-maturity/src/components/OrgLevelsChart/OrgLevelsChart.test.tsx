import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { OrgLevelsChart } from './OrgLevelsChart';

const day = (d: string, levels: Record<string, number>) => ({
  day: d,
  levels: { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0, ...levels },
});

describe('OrgLevelsChart', () => {
  it('says what to expect when there is no history yet', async () => {
    await renderInTestApp(<OrgLevelsChart days={[]} />);
    expect(screen.getByText(/No history yet/)).toBeInTheDocument();
  });

  it('describes the latest day for screen readers, whatever the input order', async () => {
    await renderInTestApp(
      <OrgLevelsChart
        days={[
          day('2026-11-27', { '1': 4, '2': 2, '3': 1 }),
          day('2026-11-26', { '1': 5, '2': 1 }),
        ]}
      />,
    );
    expect(
      screen.getByRole('img', {
        name: /from 2026-11-26 to 2026-11-27\. On 2026-11-27: L-I Basic 4, L-II Opportunistic 2, L-III Systematic 1, L-IV Differentiating 0, L-V Transformational 0/,
      }),
    ).toBeInTheDocument();
  });

  it('gives levels that end on the same count one shared label, with a dot per level on a single day', async () => {
    const { container } = await renderInTestApp(
      <OrgLevelsChart days={[day('2026-11-27', { '1': 4, '2': 2 })]} />,
    );
    expect(screen.getByText('L-III, L-IV, L-V: 0')).toBeInTheDocument();
    expect(screen.getByText('L-I: 4')).toBeInTheDocument();
    expect(screen.getByText('L-II: 2')).toBeInTheDocument();
    expect(container.querySelectorAll('circle')).toHaveLength(5);
    // one date under the single point, and a word on why there is one
    expect(screen.getAllByText('2026-11-27')).toHaveLength(1);
    expect(screen.getByText(/One day of history so far/)).toBeInTheDocument();
  });

  it('labels the first and last day when there are several', async () => {
    await renderInTestApp(
      <OrgLevelsChart
        days={[
          day('2026-11-25', { '1': 3 }),
          day('2026-11-27', { '1': 4 }),
          day('2026-11-26', { '1': 2 }),
        ]}
      />,
    );
    expect(screen.getByText('2026-11-25')).toBeInTheDocument();
    expect(screen.getByText('2026-11-27')).toBeInTheDocument();
    expect(screen.queryByText('2026-11-26')).not.toBeInTheDocument();
    expect(screen.queryByText(/One day of history/)).not.toBeInTheDocument();
  });
});
