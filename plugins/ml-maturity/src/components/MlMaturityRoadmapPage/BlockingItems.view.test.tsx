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
