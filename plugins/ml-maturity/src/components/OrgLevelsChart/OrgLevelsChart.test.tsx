import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { LEVEL_COLOURS, OrgLevelsChart } from './OrgLevelsChart';

const DARK_LEVEL_COLOURS = LEVEL_COLOURS.dark;

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

  it('tells screen readers the trend: the first day as well as the last', async () => {
    await renderInTestApp(
      <OrgLevelsChart
        days={[
          day('2026-10-01', { '1': 9, '2': 1 }),
          day('2026-10-15', { '1': 7, '2': 3 }),
          day('2026-11-27', { '1': 4, '2': 5, '3': 1 }),
        ]}
      />,
    );
    expect(screen.getByRole('img')).toHaveAccessibleName(
      'Teams per level from 2026-10-01 to 2026-11-27. On 2026-11-27: L-I Basic 4, L-II Opportunistic 5, L-III Systematic 1, L-IV Differentiating 0, L-V Transformational 0; on 2026-10-01: L-I Basic 9, L-II Opportunistic 1, L-III Systematic 0, L-IV Differentiating 0, L-V Transformational 0. 3 of 58 days recorded.',
    );
  });

  it('says only how many days are recorded when none is missing', async () => {
    await renderInTestApp(
      <OrgLevelsChart
        days={[day('2026-10-31', { '1': 1 }), day('2026-11-01', { '1': 2 })]}
      />,
    );
    expect(screen.getByRole('img')).toHaveAccessibleName(
      /\. 2 days recorded\.$/,
    );
  });

  it('names the single day once when there is one', async () => {
    await renderInTestApp(
      <OrgLevelsChart days={[day('2026-11-27', { '1': 4 })]} />,
    );
    expect(screen.getByRole('img')).toHaveAccessibleName(
      'Teams per level on 2026-11-27, the only day recorded: L-I Basic 4, L-II Opportunistic 0, L-III Systematic 0, L-IV Differentiating 0, L-V Transformational 0.',
    );
  });

  it('gives levels that end on the same count one shared label, with a dot per level on a single day', async () => {
    const { container } = await renderInTestApp(
      <OrgLevelsChart days={[day('2026-11-27', { '1': 4, '2': 2 })]} />,
    );
    expect(screen.getByText('L-III, L-IV, L-V: 0')).toBeInTheDocument();
    expect(screen.getByText('L-I: 4')).toBeInTheDocument();
    expect(screen.getByText('L-II: 2')).toBeInTheDocument();
    expect(
      container.querySelectorAll('svg[role="img"] [data-level]'),
    ).toHaveLength(5);
    // one date under the single point, and a word on why there is one
    expect(screen.getAllByText('2026-11-27')).toHaveLength(1);
    expect(screen.getByText(/One day of history so far/)).toBeInTheDocument();
  });

  it('moves apart the end labels of levels that end at close counts', async () => {
    await renderInTestApp(
      <OrgLevelsChart
        days={[
          day('2026-11-26', { '1': 40, '2': 20, '3': 19 }),
          day('2026-11-27', { '1': 40, '2': 20, '3': 19 }),
        ]}
      />,
    );
    const labelY = (text: string) =>
      Number(screen.getByText(text).getAttribute('y'));
    // 20 and 19 of 40 lie 4 px apart on the plot: less than a line of text
    const l2 = labelY('L-II: 20');
    const l3 = labelY('L-III: 19');
    expect(l3 - l2).toBeGreaterThanOrEqual(14);
    // the others stay by their lines
    expect(labelY('L-I: 40')).toBe(10 + 4);
    expect(labelY('L-IV, L-V: 0')).toBe(178 + 4);
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

  it('spaces days by date, and breaks the lines where days are missing', async () => {
    const { container } = await renderInTestApp(
      <OrgLevelsChart
        days={[
          day('2026-10-01', { '1': 1 }),
          day('2026-10-02', { '1': 2 }),
          day('2026-10-31', { '1': 3 }),
          day('2026-11-01', { '1': 3 }),
        ]}
      />,
    );
    // a line per level for each run of consecutive days
    const lines = [...container.querySelectorAll('polyline')];
    expect(lines).toHaveLength(10);
    const xs = lines.slice(0, 2).flatMap(line =>
      line
        .getAttribute('points')!
        .split(' ')
        .map(point => Number(point.split(',')[0])),
    );
    expect(xs).toHaveLength(4);
    // one day of 31 after the first, not a third of the way
    expect((xs[1] - xs[0]) / (xs[3] - xs[0])).toBeCloseTo(1 / 31, 5);
    expect(
      screen.getByText(
        /Breaks in the line are days without a successful refresh/,
      ),
    ).toBeInTheDocument();
  });

  it('draws a day between two gaps as a dot per level, and no note without gaps', async () => {
    const { container, unmount } = await renderInTestApp(
      <OrgLevelsChart
        days={[
          day('2026-10-01', { '1': 1 }),
          day('2026-10-02', { '1': 2 }),
          day('2026-10-10', { '1': 2 }),
          day('2026-10-20', { '1': 3 }),
          day('2026-10-21', { '1': 3 }),
        ]}
      />,
    );
    expect(container.querySelectorAll('polyline')).toHaveLength(10);
    const markers = [
      ...container.querySelectorAll('svg[role="img"] [data-level]'),
    ];
    expect(markers).toHaveLength(5);
    // not told apart by colour alone: each level's marker has its own shape,
    // the one the legend shows for that level
    const shape = (el: Element) =>
      el.tagName === 'circle'
        ? 'circle'
        : el.getAttribute('d')!.replace(/^M \S+ \S+ /, '');
    expect(new Set(markers.map(shape)).size).toBe(5);
    const legend = container.querySelectorAll('ul li');
    expect(legend).toHaveLength(5);
    legend.forEach((item, i) => {
      const marker = item.querySelector('[data-level]');
      expect(marker && shape(marker)).toBe(shape(markers[i]));
    });
    unmount();

    await renderInTestApp(
      <OrgLevelsChart
        days={[day('2026-10-01', { '1': 1 }), day('2026-10-02', { '1': 2 })]}
      />,
    );
    expect(screen.queryByText(/Breaks in the line/)).not.toBeInTheDocument();
  });

  it('draws text at a fixed size and lines with enough contrast on either theme', async () => {
    const { container } = await renderInTestApp(
      <OrgLevelsChart
        days={[day('2026-11-26', { '1': 3 }), day('2026-11-27', { '1': 4 })]}
      />,
    );
    // drawn at its own width (not scaled to the card), so 12 means 12 px
    const svg = container.querySelector('svg[role="img"]')!;
    expect(svg.getAttribute('width')).toBe(
      svg.getAttribute('viewBox')!.split(' ')[2],
    );
    expect(container.querySelector('g[font-size]')).toHaveAttribute(
      'font-size',
      '12',
    );
    const luminance = (hex: string) => {
      const [r, g, b] = [1, 3, 5].map(i => {
        const c = parseInt(hex.slice(i, i + 2), 16) / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const contrast = (a: string, b: string) => {
      const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
      return (hi + 0.05) / (lo + 0.05);
    };
    const strokes = [...container.querySelectorAll('polyline')].map(
      line => line.getAttribute('stroke')!,
    );
    expect(strokes).toHaveLength(5);
    // the light theme's card is white
    expect(strokes.filter(c => contrast(c, '#ffffff') < 3)).toEqual([]);
    expect(
      Object.values(DARK_LEVEL_COLOURS).filter(c => contrast(c, '#424242') < 3),
    ).toEqual([]);
  });
});
