import { render, waitFor } from '@testing-library/react';
import App from './App';

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

    // Guest sign-in is the first thing a visitor sees.
    await waitFor(() => {
      expect(rendered.getByText('ML maturity portal')).toBeInTheDocument();
    });
    expect(rendered.getByText(/guest/i)).toBeInTheDocument();
  });
});
