import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import type { RoadmapItem } from '@aiml-service-kits/plugin-ml-maturity-common';
import { testKits } from '../../testing/fixtures';
import { BlockingItems } from './BlockingItems';

// Rendering in a test app is slow on small CI machines.
jest.setTimeout(30_000);

/** 12 items of the test kits, each holding back fewer teams than the one before. */
function items(): RoadmapItem[] {
  const ids = testKits.flatMap(k =>
    k.items.map(i => ({ id: i.id, kit: k.id })),
  );
  return Array.from({ length: 12 }, (_, n) => {
    const { id, kit } = ids[n % ids.length];
    const blocks = Array.from(
      { length: 30 - n },
      (_x, t) => `group:default/team-${String(t).padStart(2, '0')}`,
    );
    return {
      id: n < ids.length ? id : `${id}.copy${n}`,
      kit,
      blocks,
      // the first item levels up the last team it holds back
      completes: n === 0 ? [blocks[blocks.length - 1]] : [],
    };
  });
}

describe('BlockingItems', () => {
  it('explains the terms, marks level-ups, lists the teams and shows all on request', async () => {
    const user = userEvent.setup({ delay: null });
    await renderInTestApp(<BlockingItems items={items()} kits={testKits} />, {
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });
    expect(
      screen.getByText(
        /A team works on its current kit: the lowest kit it has not completed\./,
      ),
    ).toHaveTextContent('(1 of these 12 items would level up a team)');

    const list = screen.getByRole('list', { name: 'Blocking items' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(10);
    const [first] = within(list).getAllByRole('listitem');
    expect(first).toHaveTextContent('Levels up 1 team.');

    // the teams, the one it levels up first, 20 links then a count
    await user.click(within(first).getByText('Teams (30)'));
    const links = within(first).getAllByRole('link');
    expect(links).toHaveLength(20);
    expect(links[0]).toHaveAttribute('href', '/catalog/default/group/team-29');
    expect(first).toHaveTextContent('team-29 (levels up), team-00');
    expect(first).toHaveTextContent('and 10 more');

    await user.click(
      screen.getByRole('button', { name: 'Show all 12 items (10 shown)' }),
    );
    expect(within(list).getAllByRole('listitem')).toHaveLength(12);
    expect(
      screen.getByRole('button', { name: 'Show the first 10 only' }),
    ).toBeInTheDocument();
  });
});

describe('BlockingItems, for a platform owner choosing what to invest in', () => {
  const render = (
    list: RoadmapItem[],
    implicitTeams: ReadonlySet<string> = new Set(),
  ) =>
    renderInTestApp(
      <BlockingItems
        items={list}
        kits={testKits}
        implicitTeams={implicitTeams}
      />,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
  const teams = (prefix: string, n: number) =>
    Array.from({ length: n }, (_, i) => `group:default/${prefix}-${i}`);

  it('names the single item that completes the most kits, even when it holds back few teams', async () => {
    const user = userEvent.setup({ delay: null });
    // 11 items hold back more teams than the one that completes most kits,
    // so ranked by teams held back it is not among the 10 shown
    const many: RoadmapItem[] = Array.from({ length: 11 }, (_, n) => ({
      id: `${testKits[n % 5].id}.technology.datasets${n ? `.copy${n}` : ''}`,
      kit: testKits[n % 5].id,
      blocks: teams(`big${n}`, 50 - n),
      completes: n === 0 ? teams('big0', 2) : [],
    }));
    const closer: RoadmapItem = {
      id: 'scaler.process.practice',
      kit: 'scaler',
      blocks: teams('close', 6),
      completes: teams('close', 6),
    };
    await render([...many, closer]);
    expect(screen.getByText(/would complete the most kits/)).toHaveTextContent(
      'Meeting scaler practice defined (AIML Scaler Kit) would complete the most kits: the current kit of 6 teams.',
    );

    // and the list can be ordered by the kits each item completes
    await user.click(screen.getByRole('radio', { name: 'Kits completed' }));
    const list = screen.getByRole('list', { name: 'Blocking items' });
    const [first, second] = within(list).getAllByRole('listitem');
    expect(first).toHaveTextContent(/^scaler practice defined/);
    expect(second).toHaveTextContent(/^starter datasets/);
    expect(
      screen.getByRole('radio', { name: 'Teams held back' }),
    ).not.toBeChecked();
  });

  it('says when no single item completes a kit', async () => {
    await render([
      {
        id: 'starter.process.practice',
        kit: 'starter',
        blocks: teams('t', 3),
        completes: [],
      },
    ]);
    expect(
      screen.getByText(/No single item completes a kit/),
    ).toBeInTheDocument();
  });

  it('does not promise a level up for the Transformer kit: level 5 is the top', async () => {
    const user = userEvent.setup({ delay: null });
    await render([
      {
        id: 'transformer.process.practice',
        kit: 'transformer',
        blocks: teams('top', 2),
        completes: teams('top', 1),
      },
    ]);
    const [item] = within(
      screen.getByRole('list', { name: 'Blocking items' }),
    ).getAllByRole('listitem');
    expect(item).not.toHaveTextContent(/levels? up/i);
    expect(item).toHaveTextContent('Completes the kit for 1 team.');
    await user.click(within(item).getByText('Teams (2)'));
    expect(item).toHaveTextContent('top-0 (completes the kit), top-1');
    expect(
      screen.getByText(/A team works on its current kit/),
    ).not.toHaveTextContent(/would level up a team/);
  });

  it('names a team without a Group entity as text, not as a link to a missing page', async () => {
    const user = userEvent.setup({ delay: null });
    await render(
      [
        {
          id: 'starter.process.practice',
          kit: 'starter',
          blocks: ['group:default/platform', 'group:default/vision'],
          completes: [],
        },
      ],
      new Set(['group:default/platform']),
    );
    const [item] = within(
      screen.getByRole('list', { name: 'Blocking items' }),
    ).getAllByRole('listitem');
    await user.click(within(item).getByText('Teams (2)'));
    expect(within(item).getByText('platform (no Group entity)')).toBeVisible();
    const links = within(item).getAllByRole('link');
    expect(links).toHaveLength(1);
    expect(links[0]).toHaveAttribute('href', '/catalog/default/group/vision');
  });
});
