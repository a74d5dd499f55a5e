import { ResponseError } from '@backstage/errors';

/** A short message for inline display: the server's own words when it sent some. @internal */
export function errorMessage(error: unknown): string {
  if (error instanceof ResponseError) {
    const cause = error.cause?.message;
    return cause ? `${cause} (${error.statusCode})` : error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
