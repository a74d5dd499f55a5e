import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { stringifyError } from '@backstage/errors';
import type { Knex } from 'knex';

/** Where the tests find PostgreSQL without Docker. */
export const POSTGRES_CONNECTION_ENV =
  'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING';

function unavailable(id: TestDatabaseId, why: string): Error {
  return new Error(
    `The ${id} test database is not available: ${why}. ` +
      `Set ${POSTGRES_CONNECTION_ENV} to a PostgreSQL 15 server you can create databases in ` +
      `(for example postgresql://postgres@127.0.0.1:5432), or make Docker available to the tests.`,
  );
}

/**
 * `TestDatabases` for a test file, with every requested id tested. Where an
 * id cannot run on this machine (PostgreSQL without a connection string
 * when Docker is off, as with `CI` set, or a Docker that does not answer),
 * its tests fail saying what to set, rather than with jest's "`.each`
 * called with an empty Array" or a Docker error. Call it in a `describe`.
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
          'Docker is disabled and no connection string is set',
        );
      }
      try {
        return await databases.init(id);
      } catch (error) {
        throw unavailable(id, stringifyError(error));
      }
    },
  };
}
