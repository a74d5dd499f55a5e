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
    expect(screen.getByText('L-III, L-IV, L-V')).toBeInTheDocument();
    expect(screen.getByText('L-I')).toBeInTheDocument();
    expect(container.querySelectorAll('circle')).toHaveLength(5);
  });
});
