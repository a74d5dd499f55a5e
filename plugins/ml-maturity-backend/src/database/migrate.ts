import {
  LoggerService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import knexFactory, { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@aiml-service-kits/plugin-ml-maturity-backend',
  'migrations',
);

/**
 * Key of the PostgreSQL advisory lock that serialises this plugin's
 * migrations across instances sharing a database (an arbitrary constant:
 * the first bytes of sha1('ml-maturity migrations') as a signed 32-bit int).
 */
export const MIGRATION_LOCK_KEY = 0x2f6c8a13;

/**
 * Key of the PostgreSQL advisory lock under which an instance makes its
 * first use of the scheduler (see {@link oneInstanceAtATime}).
 */
export const SCHEDULER_SETUP_LOCK_KEY = MIGRATION_LOCK_KEY + 1;

/** Attempts before giving up; the backoff doubles from the first delay. */
const DEFAULT_ATTEMPTS = 6;
const DEFAULT_FIRST_DELAY_MS = 200;

/**
 * Whether a migration error is the trace of another instance migrating the
 * same database at the same time: knex's lock is held, or knex's own
 * bookkeeping tables were created concurrently (PostgreSQL reports a
 * duplicate `pg_type` row or an existing relation; SQLite an existing table).
 *
 * @internal
 */
export function isConcurrentMigrationError(error: unknown): boolean {
  const e = error as { name?: string; code?: string; message?: string };
  if (e?.name === 'MigrationLocked') return true;
  const message = String(e?.message ?? '');
  if (/Migration table is already locked/i.test(message)) return true;
  // 23505 unique_violation (pg_type_typname_nsp_index), 42P07 duplicate_table
  if (e?.code === '23505' || e?.code === '42P07') {
    return /knex_migrations|pg_type/i.test(message);
  }
  return /knex_migrations\S*.*already exists/i.test(message);
}

async function migrateOnce(knex: Knex): Promise<void> {
  if (knex.client.config.client !== 'pg') {
    await knex.migrate.latest({ directory: migrationsDir });
    return;
  }
  // All on one connection: a transaction-scoped advisory lock, then the
  // migrations (knex's own tables included) inside that transaction. Two
  // instances starting at once thus migrate one after the other, and the
  // second finds nothing to do. Without it, both create `knex_migrations`
  // and one fails, or both insert a row into `knex_migrations_lock` and the
  // lock can never be taken again.
  await knex.transaction(async trx => {
    await trx.raw('SELECT pg_advisory_xact_lock(?)', [MIGRATION_LOCK_KEY]);
    await trx.migrate.latest({ directory: migrationsDir });
  });
}

/**
 * Brings the plugin's schema up to date, safe when several instances start
 * at once on one database: serialised by an advisory lock on PostgreSQL, and
 * retried with a bounded exponential backoff when knex still reports a
 * concurrent migration (e.g. one run by an instance of an older version).
 *
 * @internal
 */
export async function migrateLatest(options: {
  knex: Knex;
  logger?: LoggerService;
  attempts?: number;
  firstDelayMs?: number;
}): Promise<void> {
  const {
    knex,
    logger,
    attempts = DEFAULT_ATTEMPTS,
    firstDelayMs = DEFAULT_FIRST_DELAY_MS,
  } = options;
  for (let attempt = 1; ; attempt++) {
    try {
      await migrateOnce(knex);
      return;
    } catch (error) {
      if (attempt >= attempts || !isConcurrentMigrationError(error)) {
        throw error;
      }
      const delay = firstDelayMs * 2 ** (attempt - 1);
      logger?.warn(
        `ML maturity migrations collided with a concurrent migration (attempt ${attempt} of ${attempts}), retrying in ${delay} ms: ${
          (error as Error).message
        }`,
      );
      await new Promise(resolve => setTimeout(resolve, delay));
    }
  }
}

/**
 * Runs `fn` while holding a PostgreSQL advisory lock, so that instances
 * sharing the database run it one after the other; elsewhere (SQLite, one
 * process) runs it directly.
 *
 * For the scheduler's first use: Backstage's scheduler creates its own
 * tables in this plugin's database (knex migrations) the first time the
 * plugin schedules a task, without guarding against another instance doing
 * the same at that moment. Two instances starting together then fail with
 * `MigrationLocked` or a duplicate table (measured: two plain
 * `migrate.latest` calls of the scheduler's migrations on an empty database
 * collided 20 times out of 20).
 *
 * The lock is a session lock on a connection of its own, outside the
 * plugin's pool, which `fn` may need whole (a pool of one connection works);
 * closing that connection releases the lock, whatever happened in `fn`.
 *
 * @internal
 */
export async function oneInstanceAtATime<T>(
  knex: Knex,
  key: number,
  fn: () => Promise<T>,
): Promise<T> {
  if (knex.client.config.client !== 'pg') {
    return fn();
  }
  const session = knexFactory({
    ...knex.client.config,
    pool: { min: 1, max: 1 },
  });
  try {
    await session.raw('SELECT pg_advisory_lock(?)', [key]);
    return await fn();
  } finally {
    await session.destroy();
  }
}
