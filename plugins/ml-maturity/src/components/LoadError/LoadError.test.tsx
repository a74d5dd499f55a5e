import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ResponseError } from '@backstage/errors';
import {
  NO_ASSESSMENT_REFRESH_FAILED_MESSAGE_START,
  NO_ASSESSMENT_YET_MESSAGE,
} from '@aiml-service-kits/plugin-ml-maturity-common';
import { LoadError } from './LoadError';

function response(status: number, statusText: string, body: string) {
  const json = body.startsWith('{');
  return ResponseError.fromResponse(
    new Response(body, {
      status,
      statusText,
      headers: { 'Content-Type': json ? 'application/json' : 'text/html' },
    }),
  );
}

describe('LoadError', () => {
  it('says the backend could not be reached, and retries', async () => {
    const user = userEvent.setup({ delay: null });
    const onRetry = jest.fn();
    render(
      <LoadError
        error={new TypeError('Failed to fetch')}
        what="the attestations"
        onRetry={onRetry}
      />,
    );
    const alert = screen.getByRole('alert');
    expect(
      within(alert).getByText('Could not reach the ML maturity backend'),
    ).toBeVisible();
    expect(alert).toHaveTextContent(
      'The browser got no answer while loading the attestations (Failed to fetch).',
    );
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  it("shows the server's message of an error answer", async () => {
    const error = await response(
      500,
      'Internal Server Error',
      JSON.stringify({
        error: { name: 'Error', message: 'catalog timed out' },
        response: { statusCode: 500 },
      }),
    );
    render(<LoadError error={error} what="the roadmap" />);
    const alert = screen.getByRole('alert');
    expect(within(alert).getByText('Could not load the roadmap')).toBeVisible();
    expect(
      within(alert).getByText(
        'The ML maturity backend answered 500 Internal Server Error: catalog timed out.',
      ),
    ).toBeVisible();
    // no retry without a way to retry
    expect(within(alert).queryByRole('button')).not.toBeInTheDocument();
  });

  it('shows the start of an answer that is not an error body', async () => {
    const error = await response(
      502,
      'Bad Gateway',
      `<html>upstream connect error${'.'.repeat(2000)}</html>`,
    );
    render(<LoadError error={error} />);
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('Could not load the ML maturity results');
    expect(alert).toHaveTextContent(
      /answered 502 Bad Gateway: upstream connect error\.\.\./,
    );
    expect(alert.textContent!.length).toBeLessThan(700);
  });

  it('says only the status when the answer has no body', async () => {
    const error = await response(504, 'Gateway Timeout', '');
    render(<LoadError error={error} what="the roadmap" />);
    expect(
      within(screen.getByRole('alert')).getByText(
        'The ML maturity backend answered 504 Gateway Timeout.',
      ),
    ).toBeInTheDocument();
  });

  it('suggests signing in again on a 401', async () => {
    const error = await response(
      401,
      'Unauthorized',
      JSON.stringify({
        error: { name: 'AuthenticationError', message: 'Missing credentials' },
        response: { statusCode: 401 },
      }),
    );
    render(<LoadError error={error} />);
    expect(screen.getByRole('alert')).toHaveTextContent(
      /401 Unauthorized: Missing credentials\. Your Backstage session may have expired/,
    );
  });

  it('keeps 503 (no results yet) and 403 (no access) as states', async () => {
    const unavailable = await response(
      503,
      'Service Unavailable',
      JSON.stringify({
        error: {
          name: 'ServiceUnavailableError',
          message: NO_ASSESSMENT_YET_MESSAGE,
        },
        response: { statusCode: 503 },
      }),
    );
    const { unmount } = render(
      <LoadError error={unavailable} onRetry={() => {}} />,
    );
    expect(screen.getByRole('status')).toHaveTextContent(
      'No ML maturity results yet.',
    );
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Retry' })).toBeInTheDocument();
    unmount();

    const denied = await response(
      403,
      'Forbidden',
      JSON.stringify({
        error: { name: 'NotAllowedError', message: 'denied' },
        response: { statusCode: 403 },
      }),
    );
    render(<LoadError error={denied} />);
    expect(screen.getByRole('status')).toHaveTextContent(
      /not allowed to see ML maturity results/,
    );
  });

  it('names the permission the 403 names, and retries', async () => {
    const user = userEvent.setup({ delay: null });
    const onRetry = jest.fn();
    const denied = (message: string) =>
      response(
        403,
        'Forbidden',
        JSON.stringify({
          error: { name: 'NotAllowedError', message },
          response: { statusCode: 403 },
        }),
      );
    const own = render(
      <LoadError
        error={await denied('Permission ml-maturity.assessment.read denied')}
        onRetry={onRetry}
      />,
    );
    expect(screen.getByRole('status')).toHaveTextContent(
      'Ask your Backstage administrator for the ml-maturity.assessment.read permission.',
    );
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(onRetry).toHaveBeenCalledTimes(1);
    own.unmount();

    // a denial the catalog passed on: its permission, not the plugin's
    const catalog = render(
      <LoadError
        error={await denied('Permission catalog.entity.read denied')}
      />,
    );
    expect(screen.getByRole('status')).toHaveTextContent(
      'Ask your Backstage administrator for the catalog.entity.read permission.',
    );
    expect(screen.getByRole('status')).not.toHaveTextContent(
      'ml-maturity.assessment.read',
    );
    catalog.unmount();

    // a 403 that names none (a proxy): the read permission, and its words
    render(<LoadError error={await denied('Blocked by the gateway')} />);
    expect(screen.getByRole('status')).toHaveTextContent(
      /ml-maturity\.assessment\.read permission\. \(The backend answered: Blocked by the gateway\)$/,
    );
  });

  const unavailable = (message: string) =>
    response(
      503,
      'Service Unavailable',
      JSON.stringify({
        error: { name: 'ServiceUnavailableError', message },
        response: { statusCode: 503 },
      }),
    );

  it('tells the three causes of a 503 apart', async () => {
    const waiting = render(
      <LoadError error={await unavailable(NO_ASSESSMENT_YET_MESSAGE)} />,
    );
    expect(screen.getByRole('status')).toHaveTextContent(
      /^No ML maturity results yet\.The backend assesses every team shortly after it starts/,
    );
    waiting.unmount();

    const failed = render(
      <LoadError
        error={await unavailable(
          `${NO_ASSESSMENT_REFRESH_FAILED_MESSAGE_START}catalog answered 500`,
        )}
      />,
    );
    expect(screen.getByRole('status')).toHaveTextContent(
      'No ML maturity results yet: the last refresh failed.',
    );
    expect(screen.getByRole('status')).toHaveTextContent(
      /check the ML maturity backend's logs\. The refresh failed with: catalog answered 500$/,
    );
    failed.unmount();

    render(
      <LoadError
        error={await unavailable(
          'The catalog could not be asked what you may see, so nothing is shown; try again shortly (Error)',
        )}
      />,
    );
    const status = screen.getByRole('status');
    expect(status).toHaveTextContent(
      'The ML maturity results cannot be shown right now.',
    );
    expect(status).not.toHaveTextContent('No ML maturity results yet');
    expect(status).toHaveTextContent(
      /try again shortly \(Error\) \(503 Service Unavailable\)$/,
    );
  });

  it('shows the text of an HTML error page, not its tags', async () => {
    const error = await response(
      500,
      'Internal Server Error',
      '<html><head><style>p { color: red }</style></head><body><h1>Bad</h1>\n<p>gateway</p></body></html>',
    );
    render(<LoadError error={error} />);
    expect(screen.getByRole('alert')).toHaveTextContent(
      'The ML maturity backend answered 500 Internal Server Error: Bad gateway.',
    );
  });
});
