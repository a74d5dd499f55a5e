import { ResponseError } from '@backstage/errors';

/** What the user reads when the browser got no answer from the backend. @internal */
export const UNREACHABLE_MESSAGE = 'Could not reach the ML maturity backend';

/**
 * True when a request failed before any answer came back: the browser's
 * `fetch` rejects with a `TypeError` ("Failed to fetch" in Chrome,
 * "NetworkError when attempting to fetch resource." in Firefox, "Load
 * failed" in Safari, "fetch failed" in Node).
 * @internal
 */
export function isNetworkError(error: unknown): boolean {
  // duck-typed: an error of another realm (an iframe, a test environment)
  // is no `instanceof Error` here
  if (
    typeof error !== 'object' ||
    error === null ||
    error instanceof ResponseError
  ) {
    return false;
  }
  const { name, message } = error as Partial<Error>;
  return (
    name === 'TypeError' &&
    typeof message === 'string' &&
    /failed to fetch|networkerror|load failed|fetch failed|network request failed/i.test(
      message,
    )
  );
}

/**
 * How much of a body is read for its message: far more than is shown, and
 * little enough that stripping its tags takes moments whatever a proxy
 * sends (the patterns' cost can grow with the square of the length, e.g.
 * `<` after `<` without `>`, or `<script` without its end tag).
 */
const MAX_BODY_READ = 20_000;

/**
 * The text of a body that may be an HTML page (a proxy's error page): its
 * start only, its tags and what is left of tags cut off (a `<` without its
 * `>`) dropped, and its white space collapsed. Empty when nothing is left.
 */
function textOf(body: string): string {
  const head = body.slice(0, MAX_BODY_READ);
  const text = /^\s*</.test(head)
    ? head
        .replace(/<(script|style)\b[^]*?<\/\1\s*>/gi, ' ')
        .replace(/<[^<>]*>/g, ' ')
        .replace(/<[^<>]*/g, ' ')
    : head;
  return text.replace(/\s+/g, ' ').trim();
}

/** Longest server message shown inline (an HTML error page can be long). */
const MAX_SERVER_MESSAGE = 500;

/**
 * The message the server sent with an error answer (the `error.message` of
 * Backstage's error body, or the start of a body that is not one), if any.
 * @internal
 */
export function serverMessage(error: unknown): string | undefined {
  if (!(error instanceof ResponseError)) {
    return undefined;
  }
  // A body that is not Backstage's error JSON comes as "Request failed with
  // status 502 Bad Gateway, <the body>": keep the body only.
  const message = textOf(
    error.cause?.message?.replace(
      /^Request failed with status \d+[^,]*(,\s*|$)/,
      '',
    ) ?? '',
  );
  if (!message) {
    return undefined;
  }
  return message.length > MAX_SERVER_MESSAGE
    ? `${message.slice(0, MAX_SERVER_MESSAGE)}…`
    : message;
}

/** A short message for inline display: the server's own words when it sent some. @internal */
export function errorMessage(error: unknown): string {
  if (isNetworkError(error)) {
    return `${UNREACHABLE_MESSAGE} (${(error as Error).message})`;
  }
  if (error instanceof ResponseError) {
    const cause = serverMessage(error);
    return cause ? `${cause} (${error.statusCode})` : error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
