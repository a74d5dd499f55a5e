import { isError } from '@backstage/errors';

/**
 * Codes of a socket that could not connect or was cut: Node's own errors,
 * as the PostgreSQL driver passes them on (an HTTP client wraps its own).
 */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
]);

/**
 * SQLSTATEs of a server that cannot serve the connection: the class 08
 * (connection exception) is matched by prefix.
 */
const SERVER_GONE_CODES = new Set([
  '57P01', // admin_shutdown: the connection was terminated
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up, shutting down, in recovery
  '53300', // too_many_connections
]);

/** Constructor names of the database drivers' errors (pg, better-sqlite3, sqlite3). */
const DATABASE_ERROR_NAMES = new Set(['DatabaseError', 'SqliteError']);

/**
 * Whether an error is a database driver's own (what the database said),
 * not one of knex, of the network or of the plugin.
 *
 * @internal
 */
export function isDatabaseDriverError(error: Error): boolean {
  return DATABASE_ERROR_NAMES.has(error.constructor?.name ?? '');
}

/** What the PostgreSQL driver says when the server closed the connection. */
const CONNECTION_LOST =
  /\b(?:Connection terminated(?: unexpectedly| due to connection timeout)?|Connection ended unexpectedly)\b/;

/**
 * Why an error shows that the plugin's database cannot be used for now (it
 * is unreachable, restarting, or cut the connection), as a short code that
 * names no address; undefined for any other error.
 *
 * @internal
 */
export function databaseUnavailableReason(error: unknown): string | undefined {
  if (!isError(error)) return undefined;
  const { code, syscall } = error as { code?: unknown; syscall?: unknown };
  if (typeof code === 'string') {
    // a raw socket error (an HTTP client's error has no syscall)
    if (NETWORK_CODES.has(code) && typeof syscall === 'string') return code;
    // a SQLSTATE (PostgreSQL's; SQLite's codes are SQLITE_*)
    if (
      isDatabaseDriverError(error) &&
      (SERVER_GONE_CODES.has(code) || code.startsWith('08'))
    ) {
      return `SQLSTATE ${code}`;
    }
  }
  // knex's pool found no connection in time
  if (error.name === 'KnexTimeoutError') return error.name;
  if (CONNECTION_LOST.test(error.message)) return 'connection lost';
  return undefined;
}
