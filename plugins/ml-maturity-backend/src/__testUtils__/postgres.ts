import type {
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';

/**
 * `it.each` over the PostgreSQL databases of `databases`. Without a
 * PostgreSQL server (no Docker and no
 * BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING, outside CI) the test
 * is reported as skipped with how to run it, instead of failing on an empty
 * table; in CI TestDatabases itself fails when PostgreSQL is missing.
 */
export function eachPostgres(databases: TestDatabases) {
  const ids = databases.eachSupportedId();
  if (ids.length > 0) {
    return it.each(ids);
  }
  return (
    name: string,
    _fn: (databaseId: TestDatabaseId) => Promise<void>,
    _timeout?: number,
  ) =>
    it.skip(`${name} (needs PostgreSQL: set BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING)`, () => {});
}
