import { ResponseError } from '@backstage/errors';
import { errorMessage, isNetworkError } from './errors';

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
