import { render, waitFor } from '@testing-library/react';
import App from './App';

jest.setTimeout(60_000);

describe('App', () => {
  it('starts with the catalog, org and ML maturity plugins installed', async () => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: { title: 'Test' },
            backend: { baseUrl: 'http://localhost:7007' },
          },
          context: 'test',
        },
      ] as any,
    };

    const rendered = render(App.createRoot());

    // Guest sign-in is the first thing a visitor sees, once every plugin
    // (catalog, org, ML maturity) has loaded.
    await waitFor(
      () => {
        expect(rendered.getByText('ML maturity portal')).toBeInTheDocument();
      },
      { timeout: 30_000 },
    );
    expect(
      rendered.getByRole('button', { name: /enter/i }),
    ).toBeInTheDocument();
  });
});
