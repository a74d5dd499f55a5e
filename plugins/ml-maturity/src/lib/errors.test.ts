import { ResponseError } from '@backstage/errors';
import { errorMessage, isNetworkError, serverMessage } from './errors';

describe('isNetworkError', () => {
  it("is true for the browsers' fetch failures", () => {
    for (const message of [
      'Failed to fetch',
      'NetworkError when attempting to fetch resource.',
      'Load failed',
      'fetch failed',
    ]) {
      expect(isNetworkError(new TypeError(message))).toBe(true);
    }
  });

  it('is false for other errors', () => {
    expect(
      isNetworkError(new TypeError('Cannot read properties of undefined')),
    ).toBe(false);
    expect(isNetworkError(new Error('Failed to fetch'))).toBe(false);
    expect(isNetworkError('Failed to fetch')).toBe(false);
    expect(isNetworkError(undefined)).toBe(false);
    expect(isNetworkError(null)).toBe(false);
  });
});

describe('errorMessage', () => {
  it('says the backend could not be reached', () => {
    expect(errorMessage(new TypeError('Failed to fetch'))).toBe(
      'Could not reach the ML maturity backend (Failed to fetch)',
    );
  });

  it("gives the server's message with the status", async () => {
    const error = await ResponseError.fromResponse(
      new Response(
        JSON.stringify({
          error: { name: 'ConflictError', message: 'already revoked' },
          response: { statusCode: 409 },
        }),
        {
          status: 409,
          statusText: 'Conflict',
          headers: { 'Content-Type': 'application/json' },
        },
      ),
    );
    expect(errorMessage(error)).toBe('already revoked (409)');
  });
});

describe('serverMessage', () => {
  const answer = (body: string) =>
    ResponseError.fromResponse(
      new Response(body, {
        status: 502,
        statusText: 'Bad Gateway',
        headers: { 'Content-Type': 'text/html' },
      }),
    );

  it('gives the text of an HTML error page', async () => {
    const error = await answer(
      '<html><head><style>p { color: red }</style></head><body><p>upstream connect error</p></body></html>',
    );
    expect(serverMessage(error)).toBe('upstream connect error');
    expect(errorMessage(error)).toBe('upstream connect error (502)');
  });

  it('falls back to the status for a body without text', async () => {
    for (const body of ['<none>', '<html><body></body></html>', '<', '  ']) {
      const error = await answer(body);
      expect(serverMessage(error)).toBeUndefined();
      expect(errorMessage(error)).toBe('Request failed with 502 Bad Gateway');
    }
  });

  it('reads only the start of a long body, and drops a tag cut short', async () => {
    const error = await answer(
      `<p>upstream timed out</p><div title="${'x'.repeat(30_000)}">more</div>`,
    );
    expect(serverMessage(error)).toBe('upstream timed out');
  });

  it('reads a megabyte of "<" quickly, as no text', async () => {
    // every pattern over the whole body took minutes
    const error = await answer('<'.repeat(1_000_000));
    expect(serverMessage(error)).toBeUndefined();
    expect(errorMessage(error)).toBe('Request failed with 502 Bad Gateway');
    const scripts = await answer('<script>'.repeat(125_000));
    expect(serverMessage(scripts)).toBeUndefined();
  });
});
