import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { stringifyError } from '@backstage/errors';
import type { Knex } from 'knex';

/** Where the tests find PostgreSQL 15 without Docker. */
export const POSTGRES_CONNECTION_ENV =
  'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING';

/**
 * Why a test database cannot be used, with what to do about it when that
 * is known: for PostgreSQL without a connection string, set one (the
 * Backstage test utilities start PostgreSQL in Docker only when `CI` is set
 * and `BACKSTAGE_TEST_DISABLE_DOCKER` is not).
 */
function unavailable(id: TestDatabaseId, cause: unknown): Error {
  const advice =
    id === 'POSTGRES_15' && !process.env[POSTGRES_CONNECTION_ENV]
      ? ` Set ${POSTGRES_CONNECTION_ENV} to a PostgreSQL 15 server you can create databases in (for example postgresql://postgres@127.0.0.1:5432), or run the tests with CI=true and Docker running.`
      : '';
  return new Error(
    `The ${id} test database is not available: ${
      typeof cause === 'string' ? cause : stringifyError(cause)
    }.${advice}`,
    { cause },
  );
}

/**
 * `TestDatabases` for a test file, with every requested id tested. Where an
 * id cannot run on this machine (PostgreSQL without a connection string
 * when Docker is not used, or a Docker that does not answer), its tests
 * fail saying why and, for PostgreSQL, what to set, rather than with jest's
 * "`.each` called with an empty Array" or a bare Docker error. Call it in a
 * `describe`.
 */
export function testDatabases(ids: TestDatabaseId[]) {
  const databases = TestDatabases.create({ ids });
  const supported = new Set(databases.eachSupportedId().map(([id]) => id));
  return {
    /** For `it.each` / `describe.each`: every requested id. */
    ids: ids.map(id => [id] as [TestDatabaseId]),
    async init(id: TestDatabaseId): Promise<Knex> {
      if (!supported.has(id)) {
        throw unavailable(
          id,
          'no connection string is set and Docker is not used',
        );
      }
      try {
        return await databases.init(id);
      } catch (error) {
        throw unavailable(id, error);
      }
    },
  };
}
