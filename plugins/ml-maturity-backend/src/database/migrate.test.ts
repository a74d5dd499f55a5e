import { mockServices } from '@backstage/backend-test-utils';
import knexFactory, { Knex } from 'knex';
import {
  isConcurrentMigrationError,
  migrateLatest,
  oneInstanceAtATime,
} from './migrate';
import { testDatabases } from '../__testUtils__/databases';

jest.setTimeout(60_000);

const TABLES = [
  'snapshots',
  'team_assessments',
  'asset_contributions',
  'team_history',
  'attestations',
  'attestation_events',
];

describe('migrateLatest', () => {
  const databases = testDatabases(['POSTGRES_15']);

  it.each(databases.ids)(
    'lets four instances migrate an empty database at once, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      // one pool per instance, as separate processes would have
      const pools = [1, 2, 3, 4].map(() => knexFactory(knex.client.config));
      try {
        await Promise.all(pools.map(pool => migrateLatest({ knex: pool })));
        for (const table of TABLES) {
          expect(await knex.schema.hasTable(table)).toBe(true);
        }
        // each migration ran once and knex's lock is usable again
        expect(await knex('knex_migrations').count({ n: '*' })).toEqual([
          { n: '3' },
        ]);
        expect(await knex('knex_migrations_lock').select('is_locked')).toEqual([
          { is_locked: 0 },
        ]);
      } finally {
        await Promise.all(pools.map(pool => pool.destroy()));
      }
    },
  );

  it.each(databases.ids)(
    'waits with a bounded backoff while the knex lock is held, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await migrateLatest({ knex });
      await knex('knex_migrations_lock').update({ is_locked: 1 });
      const logger = mockServices.logger.mock();

      setTimeout(() => {
        knex('knex_migrations_lock').update({ is_locked: 0 }).then();
      }, 250);
      // with a pending migration, so that the lock matters
      await knex('knex_migrations')
        .where('name', '20260101000001_attestations.js')
        .delete();
      await knex.schema.dropTable('attestation_events');
      await knex.schema.dropTable('attestations');

      await migrateLatest({ knex, logger, firstDelayMs: 50, attempts: 8 });
      expect(await knex.schema.hasTable('attestations')).toBe(true);
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringContaining('Migration table is already locked'),
      );
    },
  );

  it.each(databases.ids)(
    'gives up after the last attempt, %p',
    async databaseId => {
      const knex: Knex = await databases.init(databaseId);
      await migrateLatest({ knex });
      await knex('knex_migrations').delete();
      await knex('knex_migrations_lock').update({ is_locked: 1 });
      const logger = mockServices.logger.mock();
      await expect(
        migrateLatest({ knex, logger, firstDelayMs: 10, attempts: 3 }),
      ).rejects.toThrow('Migration table is already locked');
      expect(logger.warn).toHaveBeenCalledTimes(2);
    },
  );
});

describe('isConcurrentMigrationError', () => {
  it('recognises the traces of a concurrent migration only', () => {
    const pgType = Object.assign(
      new Error(
        'create table "knex_migrations" (...) - duplicate key value violates unique constraint "pg_type_typname_nsp_index"',
      ),
      { code: '23505' },
    );
    const exists = Object.assign(
      new Error(
        'create table "knex_migrations_lock" (...) - relation "knex_migrations_lock" already exists',
      ),
      { code: '42P07' },
    );
    const locked = Object.assign(
      new Error('Migration table is already locked'),
      {
        name: 'MigrationLocked',
      },
    );
    expect(isConcurrentMigrationError(pgType)).toBe(true);
    expect(isConcurrentMigrationError(exists)).toBe(true);
    expect(isConcurrentMigrationError(locked)).toBe(true);
    expect(
      isConcurrentMigrationError(
        Object.assign(new Error('column "x" does not exist'), {
          code: '42703',
        }),
      ),
    ).toBe(false);
    expect(
      isConcurrentMigrationError(
        Object.assign(new Error('duplicate key value violates "users_pkey"'), {
          code: '23505',
        }),
      ),
    ).toBe(false);
  });
});

describe('oneInstanceAtATime', () => {
  const databases = testDatabases(['POSTGRES_15', 'SQLITE_3']);

  it.each(databases.ids)(
    'runs the instances one after the other and returns each result, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const isPg = knex.client.config.client === 'pg';
      // one pool per instance on PostgreSQL; SQLite is one process's own
      const pools = isPg
        ? [1, 2, 3].map(() => knexFactory(knex.client.config))
        : [knex];
      const spans: Array<[number, number]> = [];
      try {
        const results = await Promise.all(
          pools.map((pool, i) =>
            oneInstanceAtATime(pool, 4242, async () => {
              const start = Date.now();
              // the body uses another connection of the pool, as the
              // scheduler's first scheduleTask does
              await pool.raw('SELECT 1');
              await new Promise(resolve => setTimeout(resolve, 150));
              spans.push([start, Date.now()]);
              return i;
            }),
          ),
        );
        expect(results).toEqual(pools.map((_, i) => i));
        spans.sort((a, b) => a[0] - b[0]);
        for (let i = 1; i < spans.length; i++) {
          expect(spans[i][0]).toBeGreaterThanOrEqual(spans[i - 1][1]);
        }
      } finally {
        if (isPg) await Promise.all(pools.map(pool => pool.destroy()));
      }
    },
  );

  it.each(databases.ids)(
    'passes an error of the body on and releases the lock, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await expect(
        oneInstanceAtATime(knex, 4243, async () => {
          throw new Error('scheduler failed');
        }),
      ).rejects.toThrow('scheduler failed');
      // free for another instance (another pool, so another session)
      const takenByAnother = async () => {
        if (knex.client.config.client !== 'pg') return true;
        const other = knexFactory(knex.client.config);
        try {
          const { rows } = await other.raw(
            'SELECT pg_try_advisory_lock(4243) AS taken',
          );
          await other.raw('SELECT pg_advisory_unlock(4243)');
          return rows[0].taken;
        } finally {
          await other.destroy();
        }
      };
      expect(await takenByAnother()).toBe(true);
      await expect(
        oneInstanceAtATime(knex, 4243, async () => 'again'),
      ).resolves.toBe('again');
    },
  );

  it.each(databases.ids)(
    'leaves the whole pool to the body, even a pool of one connection, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const single = knexFactory({
        ...knex.client.config,
        pool: { min: 0, max: 1 },
        acquireConnectionTimeout: 5_000,
      });
      try {
        await expect(
          oneInstanceAtATime(single, 4244, async () => {
            const [a, b] = await Promise.all([
              single.raw('SELECT 1 AS one'),
              single.raw('SELECT 2 AS two'),
            ]);
            return [a, b].length;
          }),
        ).resolves.toBe(2);
      } finally {
        await single.destroy();
      }
    },
  );
});
