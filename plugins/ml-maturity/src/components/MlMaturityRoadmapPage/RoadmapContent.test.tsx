import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
// the new system's test app has the app's light and dark themes
import { renderInTestApp as renderInNewTestApp } from '@backstage/frontend-test-utils';
import {
  type CatalogApi,
  catalogApiRef,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import type { Entity } from '@backstage/catalog-model';
import type { TeamAssessment } from '@aiml-service-kits/plugin-ml-maturity-common';
import { mlMaturityApiRef } from '../../api';
import type { MlMaturityApi } from '../../api';
import { downloadFile } from '../../lib/download';
import {
  emptyRoadmap,
  expectScrollsSideways,
  freshStatus,
  makeTeam,
  mockMlMaturityApi,
} from '../../testing/fixtures';
import { HEATMAP_RENDERED_MARK } from './HeatMap';
import { RoadmapContent } from './RoadmapContent';

jest.mock('../../lib/download', () => ({ downloadFile: jest.fn() }));

/** 120 teams: three pages of the heat map, two parents. */
function manyTeams(): TeamAssessment[] {
  return Array.from({ length: 120 }, (_, i) => {
    const name = `team-${String(i).padStart(3, '0')}`;
    return makeTeam(name, ((i % 5) + 1) as 1, {
      parent: i % 2 ? 'group:default/research' : 'group:default/products',
    });
  });
}

function roadmapApi(teams: TeamAssessment[]) {
  const levels = { '1': [], '2': [], '3': [], '4': [], '5': [] } as Record<
    '1' | '2' | '3' | '4' | '5',
    string[]
  >;
  for (const t of teams) {
    levels[String(t.level) as '1'].push(t.entityRef);
  }
  return mockMlMaturityApi({
    // the page must not load every team's full assessment
    getAssessments: jest.fn(),
    getRoadmap: jest.fn(async () => ({
      generatedAt: '2026-11-27T06:00:00.000Z',
      levels,
      teams: teams.map(({ items, challenges, findings, rollup, ...t }) => t),
      items: [
        {
          id: 'scaler.process.practice',
          kit: 'scaler' as const,
          blocks: ['group:default/a', 'group:default/b', 'group:default/c'],
          completes: ['group:default/a'],
        },
      ],
      ...freshStatus,
    })),
    getOrgHistory: jest.fn(async () => ({
      days: [
        {
          day: '2026-10-01',
          levels: { '1': 40, '2': 30, '3': 20, '4': 10, '5': 0 },
        },
        {
          day: '2026-11-01',
          levels: { '1': 24, '2': 24, '3': 24, '4': 24, '5': 24 },
        },
      ],
    })),
  });
}

function renderPage(api: MlMaturityApi, catalogApi?: CatalogApi) {
  const page = catalogApi ? (
    <TestApiProvider
      apis={[
        [mlMaturityApiRef, api],
        [catalogApiRef, catalogApi],
      ]}
    >
      <RoadmapContent />
    </TestApiProvider>
  ) : (
    <TestApiProvider apis={[[mlMaturityApiRef, api]]}>
      <RoadmapContent />
    </TestApiProvider>
  );
  return renderInTestApp(page, {
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
  });
}

/**
 * Contrast of an element's text with the first opaque background around it
 * (the page around the plugin is the app's: the portal's is #f5f5f5, on
 * which grey caption text falls to 4.47:1, so the text must sit on a
 * background of the plugin's own).
 */
function contrastOnOwnSurface(element: HTMLElement): number {
  /** [r, g, b, a] of a computed CSS colour. */
  const rgba = (css: string) => {
    const [r, g, b, a = 1] = css.match(/[\d.]+/g)!.map(Number);
    return [r, g, b, a];
  };
  const luminance = ([r, g, b]: number[]) => {
    const [lr, lg, lb] = [r, g, b].map(v => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * lr + 0.7152 * lg + 0.0722 * lb;
  };
  let surface: Element | null = element;
  let background: number[] | undefined;
  while (surface && !background) {
    const colour = rgba(
      getComputedStyle(surface).backgroundColor || 'rgba(0, 0, 0, 0)',
    );
    if (colour[3] === 1) background = colour;
    surface = surface.parentElement;
  }
  expect(background).toBeDefined();
  const [r, g, b, a] = rgba(getComputedStyle(element).color);
  const text = [r, g, b].map((c, i) => c * a + background![i] * (1 - a));
  const [hi, lo] = [luminance(text), luminance(background!)].sort(
    (x, y) => y - x,
  );
  return (hi + 0.05) / (lo + 0.05);
}

// Rendering in a test app is slow on small CI machines.
jest.setTimeout(30_000);

describe('RoadmapContent', () => {
  it('shows progress while loading', async () => {
    const api = mockMlMaturityApi({
      getAssessments: jest.fn(() => new Promise<never>(() => {})),
      getRoadmap: jest.fn(() => new Promise<never>(() => {})),
    });
    await renderPage(api);
    expect(screen.getByTestId('progress')).toBeInTheDocument();
    // a screen reader names what is loading
    expect(
      await screen.findByRole('progressbar', {
        name: 'Loading the ML maturity roadmap',
      }),
    ).toBeInTheDocument();
  });

  it('names the history chart that is still loading', async () => {
    const api = roadmapApi([makeTeam('alpha', 3)]);
    api.getOrgHistory.mockImplementation(() => new Promise<never>(() => {}));
    await renderPage(api);
    expect(
      await screen.findByRole('progressbar', {
        name: 'Loading the number of teams per level over time',
      }),
    ).toBeInTheDocument();
  });

  it('shows the levels of a backend that sends no team summaries or items, instead of crashing', async () => {
    const api = roadmapApi([]);
    api.getRoadmap.mockResolvedValue({
      generatedAt: '2026-11-27T06:00:00.000Z',
      levels: { '1': [], '2': ['group:default/alpha'], '3': [] },
      ...freshStatus,
    } as never);
    await renderPage(api);
    const levels = await screen.findByRole('list', { name: 'Teams per level' });
    expect(within(levels).getAllByRole('listitem')[1]).toHaveTextContent(
      /^1L-II Opportunisticteam$/,
    );
    expect(
      screen.queryByText('No teams assessed yet.'),
    ).not.toBeInTheDocument();
    expect(screen.getByText(/sent no team summaries/)).toBeInTheDocument();
    expect(screen.queryByText(/Something Went Wrong/)).not.toBeInTheDocument();
  });

  it('says what to add to the catalog when no team is assessed', async () => {
    await renderPage(roadmapApi([]));
    expect(
      await screen.findByText('No teams assessed yet.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('ml-maturity.io/asset: dataset'),
    ).toBeInTheDocument();
  });

  it('offers to refresh now when no team is assessed, and reloads after', async () => {
    jest.useFakeTimers();
    try {
      const api = roadmapApi([]);
      api.refresh = jest.fn(async () => 'started' as const);
      await renderPage(api);
      await screen.findByText('No teams assessed yet.');
      expect(api.getRoadmap).toHaveBeenCalledTimes(1);
      await act(async () => {
        screen.getByRole('button', { name: 'Refresh now' }).click();
      });
      expect(api.refresh).toHaveBeenCalledTimes(1);
      expect(screen.getByText(/Refresh started/)).toBeInTheDocument();
      await act(async () => {
        jest.advanceTimersByTime(3_000);
      });
      expect(api.getRoadmap).toHaveBeenCalledTimes(2);
      // a reload keeps the page (and Refresh now's state): no progress
      // bar in its place, the message stays, and it keeps reloading
      expect(screen.queryByTestId('progress')).not.toBeInTheDocument();
      expect(screen.getByText(/Refresh started/)).toBeInTheDocument();
      await act(async () => {
        jest.advanceTimersByTime(3_000);
      });
      expect(api.getRoadmap).toHaveBeenCalledTimes(3);
      expect(screen.getByText(/Refresh started/)).toBeInTheDocument();
    } finally {
      jest.useRealTimers();
    }
  });

  it('tells screen readers when the refresh it started has brought the teams', async () => {
    jest.useFakeTimers();
    try {
      const api = roadmapApi([makeTeam('alpha', 3)]);
      const assessed = await api.getRoadmap();
      const empty = await roadmapApi([]).getRoadmap();
      api.getRoadmap = jest
        .fn()
        .mockResolvedValueOnce(empty)
        .mockResolvedValue(assessed);
      api.refresh = jest.fn(async () => 'started' as const);
      await renderPage(api);
      await screen.findByText('No teams assessed yet.');
      const liveBefore = [...document.querySelectorAll('[aria-live="polite"]')];
      await act(async () => {
        screen.getByRole('button', { name: 'Refresh now' }).click();
      });
      await act(async () => {
        jest.advanceTimersByTime(3_000);
      });
      await screen.findByRole('list', { name: 'Teams per level' });
      // Refresh now and its messages are gone: a live region, there all
      // along, says that the refresh has finished
      const said = screen
        .getByText(
          'The refresh has finished: the roadmap of the assessed teams is shown.',
        )
        .closest('[aria-live="polite"]');
      expect(liveBefore).toContain(said);
    } finally {
      jest.useRealTimers();
    }
  });

  it('keeps the page and Refresh now checking when a reload fails, with the error above', async () => {
    jest.useFakeTimers();
    try {
      const api = roadmapApi([]);
      const empty = await api.getRoadmap();
      api.getRoadmap = jest
        .fn()
        .mockResolvedValueOnce(empty)
        .mockRejectedValueOnce(new TypeError('Failed to fetch'))
        .mockResolvedValue(empty);
      api.refresh = jest.fn(async () => 'started' as const);
      await renderPage(api);
      await screen.findByText('No teams assessed yet.');
      await act(async () => {
        screen.getByRole('button', { name: 'Refresh now' }).click();
      });
      await act(async () => {
        jest.advanceTimersByTime(3_000);
      });
      const alert = await screen.findByRole('alert');
      expect(alert).toHaveTextContent(
        'The results below are the last ones loaded.',
      );
      expect(screen.getByText('No teams assessed yet.')).toBeInTheDocument();
      expect(screen.getByText(/Refresh started/)).toBeInTheDocument();
      // Refresh now keeps checking: the next reload succeeds
      await act(async () => {
        jest.advanceTimersByTime(3_000);
      });
      await waitFor(() =>
        expect(screen.queryByRole('alert')).not.toBeInTheDocument(),
      );
      expect(api.getRoadmap).toHaveBeenCalledTimes(3);
    } finally {
      jest.useRealTimers();
    }
  });

  it('shows the API error', async () => {
    const api = roadmapApi([]);
    api.getRoadmap.mockRejectedValue(new Error('roadmap unavailable'));
    await renderPage(api);
    expect(
      (await screen.findAllByText(/roadmap unavailable/)).length,
    ).toBeGreaterThan(0);
  });

  it('shows levels, blocking items, history and a paged, filterable heat map', async () => {
    const user = userEvent.setup({ delay: null });
    const mark = jest.fn();
    Object.defineProperty(performance, 'mark', {
      value: mark,
      configurable: true,
    });
    const teams = manyTeams();
    const api = roadmapApi(teams);
    await renderPage(api);

    const heatmap = await screen.findByRole('table', {
      name: 'Teams by kit: percent of required items met',
    });
    expect(api.getRoadmap).toHaveBeenCalledTimes(1);
    expect(api.getAssessments).not.toHaveBeenCalled();

    const perLevel = screen.getByRole('list', { name: 'Teams per level' });
    expect(within(perLevel).getAllByText('24')).toHaveLength(5);

    expect(
      screen.getByText(
        /holds back 3 teams; for 1 of them it is the last required item missing from that kit\./,
      ),
    ).toBeInTheDocument();
    expect(
      within(screen.getByRole('list', { name: 'Blocking items' })).getByText(
        'scaler practice defined',
      ),
    ).toBeInTheDocument();
    // the one item that completes the most kits, in words
    expect(screen.getByText(/would complete the most kits/)).toHaveTextContent(
      'Meeting scaler practice defined (AIML Scaler Kit) would complete the most kits: the current kit of 1 team.',
    );

    expect(
      await screen.findByRole('img', { name: /On 2026-11-01: L-I Basic 24/ }),
    ).toBeInTheDocument();

    // one page of 50 rows (+ header)
    expect(within(heatmap).getAllByRole('row')).toHaveLength(51);
    expect(screen.getByText('1-50 of 120')).toBeInTheDocument();
    const firstRow = within(heatmap).getAllByRole('row')[1];
    expect(within(firstRow).getAllByRole('link')[0]).toHaveAttribute(
      'href',
      '/catalog/default/group/team-000',
    );
    // team-000 is level 1: starter half done
    expect(
      within(firstRow).getByLabelText(/^team-000, AIML Starter Kit: 50% met/),
    ).toHaveTextContent('50%');
    // the team cell heads its row for screen readers
    expect(within(firstRow).getByRole('rowheader')).toHaveTextContent(
      'team-000',
    );
    expect(
      mark.mock.calls.filter(c => c[0] === HEATMAP_RENDERED_MARK),
    ).toHaveLength(1);

    await user.click(screen.getByRole('button', { name: /next page/i }));
    expect(screen.getByText('51-100 of 120')).toBeInTheDocument();

    await user.click(screen.getByLabelText('Search teams'));
    await user.paste('team-11');
    await waitFor(() =>
      expect(within(heatmap).getAllByRole('row')).toHaveLength(11),
    );
    expect(screen.getByText('1-10 of 10')).toBeInTheDocument();

    await user.click(screen.getByLabelText('Parent group'));
    await user.click(within(screen.getByRole('listbox')).getByText('research'));
    await waitFor(() =>
      expect(within(heatmap).getAllByRole('row')).toHaveLength(6),
    );
    expect(
      mark.mock.calls.filter(c => c[0] === HEATMAP_RENDERED_MARK),
    ).toHaveLength(1);
    delete (performance as { mark?: unknown }).mark;
  });

  it('tells screen readers how many teams a search and a filter leave', async () => {
    const user = userEvent.setup({ delay: null });
    await renderPage(roadmapApi(manyTeams()));
    const heatmap = await screen.findByRole('table', {
      name: 'Teams by kit: percent of required items met',
    });
    // a status region there before the search, so that its changes are read
    const statusBefore = screen.queryAllByRole('status');

    await user.click(screen.getByLabelText('Search teams'));
    await user.paste('team-11');
    await waitFor(() =>
      expect(within(heatmap).getAllByRole('row')).toHaveLength(11),
    );
    const count = screen.getByText('10 of 120 teams match.');
    expect(statusBefore).toContain(count.closest('[role="status"]'));

    await user.keyboard('x');
    const none = await screen.findByText(
      'No team matches this search and filter.',
    );
    expect(statusBefore).toContain(none.closest('[role="status"]'));
  });

  it('shows an implicit team as text, not as a link to a missing entity', async () => {
    const teams = [
      makeTeam('alpha', 3),
      makeTeam('platform', 1, { implicit: true }),
    ];
    await renderPage(roadmapApi(teams));
    expect(
      await screen.findByRole('link', { name: /alpha/ }),
    ).toBeInTheDocument();
    expect(screen.getByText('platform (no Group entity)')).toBeInTheDocument();
    expect(
      screen.queryByRole('link', { name: /platform/ }),
    ).not.toBeInTheDocument();
  });

  it('exports the filtered rows as CSV', async () => {
    const user = userEvent.setup({ delay: null });
    const teams = [
      makeTeam('alpha', 3, { parent: 'group:default/research' }),
      makeTeam('beta', 1, { parent: 'group:default/products' }),
    ];
    await renderPage(roadmapApi(teams));
    await user.click(await screen.findByLabelText('Search teams'));
    await user.paste('alpha');
    await user.click(
      screen.getByRole('button', { name: 'Export CSV (1 team)' }),
    );

    expect(downloadFile).toHaveBeenCalledTimes(1);
    const { filename, content } = (downloadFile as jest.Mock).mock.calls[0][0];
    expect(filename).toBe('ml-maturity-teams.csv');
    // a UTF-8 byte order mark first, or Excel garbles non-ASCII names
    expect(content.charCodeAt(0)).toBe(0xfeff);
    expect(content.slice(1).split('\r\n')).toEqual([
      'team,title,parent,parentTitle,level,levelName,starter,starterMet,starterTotal,accelerator,acceleratorMet,acceleratorTotal,scaler,scalerMet,scalerTotal,synergizer,synergizerMet,synergizerTotal,transformer,transformerMet,transformerTotal',
      'group:default/alpha,,group:default/research,,3,Systematic,100,2,2,100,2,2,50,1,2,0,0,2,0,0,2',
      '',
    ]);
  });

  it("searches, sorts, filters and exports by the teams' display names", async () => {
    const user = userEvent.setup({ delay: null });
    const group = (name: string, title: string): Entity => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name, title },
      spec: { type: 'team', children: [] },
    });
    const catalogApi = catalogApiMock({
      entities: [
        group('zeta', 'Computer Vision'),
        group('alpha', 'Recommendations'),
        group('mid', 'Demand Forecasting'),
        group('ml-division', 'ML Division'),
      ],
    });
    const teams = [
      makeTeam('zeta', 3, { parent: 'group:default/ml-division' }),
      makeTeam('alpha', 1, { parent: 'group:default/ml-division' }),
      makeTeam('mid', 2),
    ];
    await renderPage(roadmapApi(teams), catalogApi);
    const heatmap = await screen.findByRole('table', {
      name: 'Teams by kit: percent of required items met',
    });
    // by display name (Computer Vision, Demand Forecasting,
    // Recommendations), not by ref (alpha, mid, zeta)
    await waitFor(() =>
      expect(
        within(heatmap)
          .getAllByRole('rowheader')
          .map(cell => within(cell).getByRole('link').getAttribute('href')),
      ).toEqual([
        '/catalog/default/group/zeta',
        '/catalog/default/group/mid',
        '/catalog/default/group/alpha',
      ]),
    );

    await user.click(screen.getByLabelText('Parent group'));
    await user.click(
      within(screen.getByRole('listbox')).getByText('ML Division'),
    );
    await waitFor(() =>
      expect(within(heatmap).getAllByRole('row')).toHaveLength(3),
    );

    await user.click(screen.getByLabelText('Search teams'));
    await user.paste('computer');
    await waitFor(() =>
      expect(within(heatmap).getAllByRole('row')).toHaveLength(2),
    );
    expect(
      within(heatmap).getByLabelText(
        /^Computer Vision, AIML Scaler Kit: 50% met \(1 of 2\)$/,
      ),
    ).toBeInTheDocument();

    await user.click(
      screen.getByRole('button', { name: 'Export CSV (1 team)' }),
    );
    const { content } = (downloadFile as jest.Mock).mock.calls.at(-1)[0];
    expect(content.split('\r\n')[1]).toMatch(
      /^group:default\/zeta,Computer Vision,group:default\/ml-division,ML Division,3,/,
    );
  });

  it("names a group as its link does: the profile's display name before the title", async () => {
    const user = userEvent.setup({ delay: null });
    const group = (
      name: string,
      names: { title?: string; displayName?: string },
    ): Entity => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name, ...(names.title && { title: names.title }) },
      spec: {
        type: 'team',
        children: [],
        ...(names.displayName && {
          profile: { displayName: names.displayName },
        }),
      },
    });
    const catalogApi = catalogApiMock({
      entities: [
        // defaultEntityPresentation shows "Zebra Vision", not "Alpha Title"
        group('vision', { title: 'Alpha Title', displayName: 'Zebra Vision' }),
        group('recs', { title: 'Middle Recommendations' }),
        // a blank display name is passed over for the title
        group('fcst', { title: 'Beta Forecasting', displayName: ' ' }),
      ],
    });
    const teams = [
      makeTeam('vision', 3),
      makeTeam('recs', 1),
      makeTeam('fcst', 2),
    ];
    await renderPage(roadmapApi(teams), catalogApi);
    const heatmap = await screen.findByRole('table', {
      name: 'Teams by kit: percent of required items met',
    });
    // Beta Forecasting, Middle Recommendations, Zebra Vision
    await waitFor(() =>
      expect(
        within(heatmap)
          .getAllByRole('rowheader')
          .map(cell => within(cell).getByRole('link').getAttribute('href')),
      ).toEqual([
        '/catalog/default/group/fcst',
        '/catalog/default/group/recs',
        '/catalog/default/group/vision',
      ]),
    );

    await user.click(screen.getByLabelText('Search teams'));
    await user.paste('zebra');
    await waitFor(() =>
      expect(within(heatmap).getAllByRole('row')).toHaveLength(2),
    );
    expect(
      within(heatmap).getByLabelText(/^Zebra Vision, AIML Starter Kit: /),
    ).toBeInTheDocument();
    await user.click(
      screen.getByRole('button', { name: 'Export CSV (1 team)' }),
    );
    const { content } = (downloadFile as jest.Mock).mock.calls.at(-1)[0];
    expect(content.split('\r\n')[1]).toMatch(
      /^group:default\/vision,Zebra Vision,,,3,/,
    );
  });

  it('stays on its page when the display names arrive, and goes to the first on a new search', async () => {
    const user = userEvent.setup({ delay: null });
    const teams = manyTeams();
    const catalogApi = catalogApiMock({
      // titles that sort the teams in reverse
      entities: teams.map((team, i) => ({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Group',
        metadata: {
          name: team.entityRef.slice('group:default/'.length),
          title: `Team ${String(999 - i).padStart(3, '0')}`,
        },
        spec: { type: 'team', children: [] },
      })),
    });
    // the catalog answers only when the test says so
    let answer: () => void = () => {};
    const answered = new Promise<void>(resolve => {
      answer = resolve;
    });
    const getEntitiesByRefs = catalogApi.getEntitiesByRefs.bind(catalogApi);
    jest
      .spyOn(catalogApi, 'getEntitiesByRefs')
      .mockImplementation(async (...args) => {
        await answered;
        return getEntitiesByRefs(...args);
      });
    await renderPage(roadmapApi(teams), catalogApi);
    const heatmap = await screen.findByRole('table', {
      name: 'Teams by kit: percent of required items met',
    });
    await user.click(screen.getByRole('button', { name: /next page/i }));
    expect(screen.getByText('51-100 of 120')).toBeInTheDocument();
    expect(within(heatmap).getAllByRole('rowheader')[0]).toHaveTextContent(
      'team-050',
    );

    answer();
    // sorted by title now (Team 880 is team-119), still on the second
    // page, which starts at Team 930
    await waitFor(() =>
      expect(
        within(within(heatmap).getAllByRole('row')[1]).getByLabelText(
          /^Team 930, AIML Starter Kit: /,
        ),
      ).toBeInTheDocument(),
    );
    expect(screen.getByText('51-100 of 120')).toBeInTheDocument();

    await user.click(screen.getByLabelText('Search teams'));
    // Team 900 to Team 999
    await user.paste('Team 9');
    await waitFor(() =>
      expect(screen.getByText('1-50 of 100')).toBeInTheDocument(),
    );
  });

  it("notes under a parent group's row that it is the group's own assessment", async () => {
    const teams = [
      makeTeam('division', 1),
      makeTeam('alpha', 3, { parent: 'group:default/division' }),
      makeTeam('beta', 2, { parent: 'group:default/division' }),
    ];
    await renderPage(roadmapApi(teams));
    const heatmap = await screen.findByRole('table', {
      name: 'Teams by kit: percent of required items met',
    });
    const [alpha, beta, division] = within(heatmap)
      .getAllByRole('rowheader')
      .map(cell => cell.textContent);
    expect(division).toMatch(
      /^division.*Parent of 2 teams: this row is its own assets; its page shows the rollup$/,
    );
    expect(alpha).not.toMatch(/Parent of/);
    expect(beta).not.toMatch(/Parent of/);
  });

  it('keeps team names readable on a phone: a min width, and the table scrolls sideways', async () => {
    const teams = [
      makeTeam('computer-vision-platform', 3, {
        parent: 'group:default/research',
      }),
    ];
    await renderPage(roadmapApi(teams));
    const heatmap = await screen.findByRole('table', {
      name: 'Teams by kit: percent of required items met',
    });
    expectScrollsSideways(
      screen.getByRole('region', { name: 'Heat map, scrollable' }),
      heatmap,
    );
    expect(heatmap).toHaveStyle({ minWidth: '720px' });

    const row = within(heatmap).getAllByRole('row')[1];
    const name = within(row)
      .getByRole('link', { name: /computer-vision-platform/ })
      .closest('th');
    expect(name).toHaveAttribute('scope', 'row');
    expect(name).toHaveStyle({ minWidth: '12em', wordBreak: 'normal' });
    const [teamHeader, parentHeader] =
      within(heatmap).getAllByRole('columnheader');
    expect(teamHeader).toHaveTextContent('Team');
    expect(teamHeader).toHaveStyle({ minWidth: '12em' });
    expect(parentHeader).toHaveStyle({ minWidth: '12em' });
    // the team column stays in view while scrolling sideways
    expect(teamHeader).toHaveStyle({ position: 'sticky', left: '0px' });
    expect(name).toHaveStyle({ position: 'sticky', left: '0px' });
    // kit titles wrap between words, not a letter per line
    const kitHeader = within(heatmap).getByRole('columnheader', {
      name: 'AIML Starter Kit',
    });
    expect(kitHeader).toHaveStyle({ minWidth: '6.5em', wordBreak: 'normal' });
  });

  it.each(['light', 'dark'])(
    'gives the sticky team cell the background of its row, striped or not, in the %s theme',
    async themeId => {
      // the theme the app starts with (its AppThemeSelector reads this)
      localStorage.setItem('theme', themeId);
      try {
        // implicit teams: plain names, no entity route needed
        const teams = ['alpha', 'beta', 'gamma'].map(name =>
          makeTeam(name, 3, { implicit: true }),
        );
        renderInNewTestApp(<RoadmapContent />, {
          apis: [[mlMaturityApiRef, roadmapApi(teams)]],
        });
        const heatmap = await screen.findByRole('table', {
          name: 'Teams by kit: percent of required items met',
        });
        const transparent = (colour: string) =>
          colour === '' ||
          colour === 'transparent' ||
          /^rgba\(.*,\s*0\)$/.test(colour);
        /** What shows through an element: its background or the first opaque one around it. */
        const backgroundBehind = (element: Element) => {
          for (let e: Element | null = element; e; e = e.parentElement) {
            const colour = getComputedStyle(e).backgroundColor;
            if (!transparent(colour)) return colour;
          }
          return 'none';
        };
        const rows = within(heatmap).getAllByRole('row');
        // the header row, then odd (striped) and even body rows
        expect(rows).toHaveLength(4);
        const [, odd, even] = rows;
        expect(backgroundBehind(odd)).not.toBe(backgroundBehind(even));
        const stickyCells = [
          within(rows[0]).getAllByRole('columnheader')[0],
          ...rows.slice(1).map(row => within(row).getByRole('rowheader')),
        ];
        for (const cell of stickyCells) {
          expect(cell).toHaveStyle({ position: 'sticky' });
          const own = getComputedStyle(cell).backgroundColor;
          // opaque, so the cells scrolling under it do not show through
          expect(transparent(own)).toBe(false);
          expect(own).toBe(backgroundBehind(cell.parentElement!));
        }
      } finally {
        localStorage.removeItem('theme');
      }
    },
  );

  it('draws the refresh time on a surface where its grey text keeps 4.5:1 contrast', async () => {
    await renderPage(roadmapApi([makeTeam('alpha', 3)]));
    const caption = await screen.findByText(/Last refreshed:/);
    expect(contrastOnOwnSurface(caption)).toBeGreaterThanOrEqual(4.5);
  });

  it('warns on the page when the last refresh failed', async () => {
    const api = roadmapApi([makeTeam('alpha', 3)]);
    const roadmap = await api.getRoadmap();
    api.getRoadmap.mockResolvedValue({
      ...roadmap,
      stale: true,
      lastError: 'catalog timed out',
    });
    await renderPage(api);
    expect(
      await screen.findByText(/This assessment may be out of date/),
    ).toBeInTheDocument();
    expect(screen.getAllByText(/catalog timed out/).length).toBeGreaterThan(0);
  });

  it('makes the card titles second-level headings, in page order', async () => {
    await renderPage(roadmapApi([makeTeam('alpha', 3)]));
    await screen.findByRole('table', {
      name: 'Teams by kit: percent of required items met',
    });
    expect(
      screen.getAllByRole('heading', { level: 2 }).map(h => h.textContent),
    ).toEqual([
      'Teams per level',
      'What holds teams back',
      'Teams per level over time',
      'Teams by kit',
    ]);
  });

  it('says plainly when the backend cannot be reached, and retries', async () => {
    const user = userEvent.setup({ delay: null });
    const api = roadmapApi([makeTeam('alpha', 3)]);
    const loaded = api.getRoadmap.getMockImplementation()!;
    api.getRoadmap
      .mockRejectedValueOnce(new TypeError('Failed to fetch'))
      .mockImplementation(loaded);
    await renderPage(api);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not reach the ML maturity backend');
    expect(alert).toHaveTextContent('the ML maturity roadmap');
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(
      await screen.findByRole('table', {
        name: 'Teams by kit: percent of required items met',
      }),
    ).toBeInTheDocument();
  });

  it('warns that the snapshot is stale even when it holds no team yet', async () => {
    const api = mockMlMaturityApi({
      getRoadmap: jest.fn(async () => ({
        ...emptyRoadmap(),
        stale: true,
        lastRefresh: '2026-11-26T06:00:00.000Z',
        lastError: 'catalog timed out',
      })),
    });
    await renderPage(api);
    expect(
      await screen.findByText('No teams assessed yet.'),
    ).toBeInTheDocument();
    // "they show here after the next refresh" while refreshes fail: say so
    expect(
      screen.getByText(/This assessment may be out of date/),
    ).toBeInTheDocument();
    expect(screen.getAllByText(/catalog timed out/).length).toBeGreaterThan(0);
  });

  it('says when an empty snapshot was taken', async () => {
    const api = mockMlMaturityApi({
      getRoadmap: jest.fn(async () => ({
        ...emptyRoadmap(),
        lastRefresh: '2026-11-26T06:00:00.000Z',
      })),
    });
    await renderPage(api);
    expect(
      await screen.findByText('No teams assessed yet.'),
    ).toBeInTheDocument();
    const caption = screen.getByText(/Last refreshed:/);
    expect(contrastOnOwnSurface(caption)).toBeGreaterThanOrEqual(4.5);
  });

  it('names a team without a Group entity as text in the blocking items too', async () => {
    const user = userEvent.setup({ delay: null });
    const api = roadmapApi([
      makeTeam('a', 3, { implicit: true }),
      makeTeam('b', 3),
      makeTeam('c', 3),
    ]);
    await renderPage(api);
    const list = await screen.findByRole('list', { name: 'Blocking items' });
    const [item] = within(list).getAllByRole('listitem');
    await user.click(within(item).getByText('Teams (3)'));
    expect(within(item).getByText('a (no Group entity)')).toBeInTheDocument();
    expect(
      within(item)
        .getAllByRole('link')
        .map(link => link.getAttribute('href')),
    ).toEqual(['/catalog/default/group/b', '/catalog/default/group/c']);
  });

  it('says in visible words what the heat map percentages are', async () => {
    await renderPage(roadmapApi([makeTeam('alpha', 3)]));
    const heatmap = await screen.findByRole('table', {
      name: /Teams by kit: percent of required items met/,
    });
    // not only to screen readers (an aria-label): a caption everyone sees
    const caption = heatmap.querySelector('caption');
    expect(caption).not.toBeNull();
    expect(caption).toHaveTextContent(
      "Each kit's cell is the percent of its required items the team has met",
    );
    expect(caption).toBeVisible();
  });

  it('wraps the heat map caption to the visible width while the table scrolls sideways', async () => {
    await renderPage(roadmapApi([makeTeam('alpha', 3)]));
    const heatmap = await screen.findByRole('table', {
      name: /Teams by kit: percent of required items met/,
    });
    const scroller = screen.getByRole('region', { name: /^Heat map/ });
    // The caption is as wide as the table (720 px at least): on a phone its
    // end was off to the right. Its text is as wide as the scrolling box
    // (a container query unit: the box is a size container) and stays in
    // view as the table scrolls sideways.
    expect(getComputedStyle(scroller).containerType).toBe('inline-size');
    const text = within(heatmap.querySelector('caption')!).getByText(
      /^Each kit's cell is the percent/,
    );
    const style = getComputedStyle(text);
    expect(style.maxWidth).toBe('100cqi');
    expect(style.display).toBe('block');
    expect(style.position).toBe('sticky');
    expect(style.left).toBe('0px');
  });

  it('keeps the kit headers in view while the heat map scrolls down', async () => {
    await renderPage(roadmapApi(manyTeams()));
    const heatmap = await screen.findByRole('table', {
      name: /Teams by kit: percent of required items met/,
    });
    const scroller = screen.getByRole('region', { name: /^Heat map/ });
    // scrolls down inside its own box, so the head can stick to its top
    expect(scroller).toHaveStyle({ maxHeight: '70vh' });
    const headers = within(heatmap).getAllByRole('columnheader');
    for (const header of headers) {
      expect(header).toHaveStyle({ position: 'sticky', top: '0px' });
    }
    // the corner (Team) stays above both the head and the team column
    const corner = getComputedStyle(headers[0]).zIndex;
    const kitHeader = getComputedStyle(headers[3]).zIndex;
    const teamCell = getComputedStyle(
      within(heatmap).getAllByRole('rowheader')[0],
    ).zIndex;
    expect(Number(corner)).toBeGreaterThan(Number(kitHeader));
    expect(Number(kitHeader)).toBeGreaterThan(Number(teamCell));
  });

  it('sorts the heat map by level and by kit from the keyboard, and exports in that order', async () => {
    const user = userEvent.setup({ delay: null });
    const teams = [
      makeTeam('alpha', 3),
      makeTeam('beta', 1),
      makeTeam('gamma', 5),
      makeTeam('delta', 2),
    ];
    await renderPage(roadmapApi(teams));
    const heatmap = await screen.findByRole('table', {
      name: /Teams by kit: percent of required items met/,
    });
    const names = () =>
      within(heatmap)
        .getAllByRole('rowheader')
        .map(cell => cell.textContent);
    expect(names()).toEqual(['alpha', 'beta', 'delta', 'gamma']);

    const levelButton = within(heatmap).getByRole('button', {
      name: 'Level',
    });
    levelButton.focus();
    await user.keyboard('{Enter}');
    expect(names()).toEqual(['beta', 'delta', 'alpha', 'gamma']);
    const levelHeader = within(heatmap).getByRole('columnheader', {
      name: 'Level',
    });
    expect(levelHeader).toHaveAttribute('aria-sort', 'ascending');
    await user.keyboard(' ');
    expect(names()).toEqual(['gamma', 'alpha', 'delta', 'beta']);
    expect(levelHeader).toHaveAttribute('aria-sort', 'descending');

    // the scaler kit: gamma and alpha... by % met, then by name
    within(heatmap).getByRole('button', { name: 'AIML Scaler Kit' }).focus();
    await user.keyboard('{Enter}');
    expect(names()).toEqual(['beta', 'delta', 'alpha', 'gamma']);
    expect(levelHeader).not.toHaveAttribute('aria-sort');

    await user.click(screen.getByRole('button', { name: /Export CSV/ }));
    const { content } = (downloadFile as jest.Mock).mock.calls.at(-1)[0];
    expect(
      content
        .slice(1)
        .split('\r\n')
        .slice(1, -1)
        .map((line: string) => line.split(',')[0]),
    ).toEqual([
      'group:default/beta',
      'group:default/delta',
      'group:default/alpha',
      'group:default/gamma',
    ]);
  });

  it('counts one team in the export button as one team', async () => {
    await renderPage(roadmapApi([makeTeam('alpha', 3)]));
    expect(
      await screen.findByRole('button', { name: 'Export CSV (1 team)' }),
    ).toBeInTheDocument();
  });

  it('offers a retry when the history fails to load', async () => {
    const user = userEvent.setup({ delay: null });
    const api = roadmapApi([makeTeam('alpha', 3)]);
    const loaded = api.getOrgHistory.getMockImplementation()!;
    api.getOrgHistory
      .mockRejectedValueOnce(new Error('history unavailable'))
      .mockImplementation(loaded);
    await renderPage(api);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      'Could not load the number of teams per level over time',
    );
    expect(alert).toHaveTextContent('history unavailable');
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(
      await screen.findByRole('img', { name: /On 2026-11-01: L-I Basic 24/ }),
    ).toBeInTheDocument();
    expect(api.getOrgHistory).toHaveBeenCalledTimes(2);
  });
});
