import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { Evidence } from './Evidence';

describe('Evidence', () => {
  it('shows the first five entries and the rest on request', async () => {
    const user = userEvent.setup({ delay: null });
    const evidence = Array.from(
      { length: 8 },
      (_, i) => `resource:default/data-${i}`,
    );
    await renderInTestApp(<Evidence evidence={evidence} />, {
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });
    expect(screen.getByText('data-4')).toBeInTheDocument();
    expect(screen.queryByText('data-5')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '3 more' }));
    expect(screen.getByText('data-7')).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /more/ }),
    ).not.toBeInTheDocument();
  });

  it('moves the focus to the first entry shown by "more", as its button goes', async () => {
    const user = userEvent.setup({ delay: null });
    const evidence = Array.from(
      { length: 7 },
      (_, i) => `resource:default/data-${i}`,
    );
    await renderInTestApp(<Evidence evidence={evidence} />, {
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });
    screen.getByRole('button', { name: '2 more' }).focus();
    await user.keyboard('{Enter}');
    expect(screen.getByRole('link', { name: /data-5/ })).toHaveFocus();
  });
});
