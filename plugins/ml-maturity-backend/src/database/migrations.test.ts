import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { testDatabases } from '../__testUtils__/databases';

jest.setTimeout(60_000);

const migrationsDir = resolvePackagePath(
  '@aiml-service-kits/plugin-ml-maturity-backend',
  'migrations',
);

async function migrateUpOnce(knex: Knex): Promise<void> {
  await knex.migrate.up({ directory: migrationsDir });
}

async function migrateDownOnce(knex: Knex): Promise<void> {
  await knex.migrate.down({ directory: migrationsDir });
}

async function tableNames(knex: Knex, names: string[]): Promise<string[]> {
  const present = [];
  for (const name of names) {
    if (await knex.schema.hasTable(name)) present.push(name);
  }
  return present;
}

/** Names of the indexes on team_history, sorted. */
async function historyIndexes(knex: Knex): Promise<string[]> {
  if (knex.client.config.client === 'pg') {
    const rows = await knex('pg_indexes')
      .where({ tablename: 'team_history' })
      .select('indexname');
    return rows
      .map((r: { indexname: string }) => r.indexname)
      .filter(name => !name.endsWith('_pkey'))
      .sort();
  }
  const rows = await knex.raw("PRAGMA index_list('team_history')");
  return rows
    .map((r: { name: string }) => r.name)
    .filter((name: string) => !name.startsWith('sqlite_autoindex'))
    .sort();
}

describe('migrations', () => {
  const databases = testDatabases(['SQLITE_3', 'POSTGRES_15']);

  it.each(databases.ids)(
    'steps up and down keeping data, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const all = [
        'snapshots',
        'team_assessments',
        'asset_contributions',
        'team_history',
        'attestations',
        'attestation_events',
      ];

      await migrateUpOnce(knex);
      expect(await tableNames(knex, all)).toEqual(all.slice(0, 4));
      await knex('snapshots').insert({
        started_at: new Date('2026-01-01T00:00:00Z'),
        status: 'succeeded',
        heartbeat_at: new Date('2026-01-01T00:00:00Z'),
        payload: '{}',
      });
      await knex('team_history').insert({
        team_ref: 'group:default/a',
        day: '2026-01-01',
        level: 2,
        kits_completed: 1,
        kits: '[]',
      });

      await migrateUpOnce(knex);
      expect(await tableNames(knex, all)).toEqual(all);
      await knex('attestations').insert({
        id: '8b0e3c4c-5f0e-4f7a-9a55-0d6f7a3c1e11',
        team_ref: 'group:default/a',
        item_id: 'starter.process.use-cases',
        url: 'https://example.com',
        created_by: 'user:default/alice',
        created_at: new Date(),
        expires_at: new Date(),
      });
      expect(await knex('snapshots').count({ n: '*' })).toEqual([
        { n: expect.anything() },
      ]);
      expect(await knex('team_history').select('team_ref', 'level')).toEqual([
        { team_ref: 'group:default/a', level: 2 },
      ]);

      // the history count's covering index replaces the one on day alone
      expect(await historyIndexes(knex)).toEqual([
        'team_history_day_idx',
        'team_history_team_day_uniq',
      ]);
      await migrateUpOnce(knex);
      expect(await historyIndexes(knex)).toEqual([
        'team_history_day_level_team_idx',
        'team_history_team_day_uniq',
      ]);
      expect(await knex('team_history').select('team_ref', 'level')).toEqual([
        { team_ref: 'group:default/a', level: 2 },
      ]);
      await migrateDownOnce(knex);
      expect(await historyIndexes(knex)).toEqual([
        'team_history_day_idx',
        'team_history_team_day_uniq',
      ]);

      await migrateDownOnce(knex);
      expect(await tableNames(knex, all)).toEqual(all.slice(0, 4));
      expect(await knex('team_history').select('team_ref', 'level')).toEqual([
        { team_ref: 'group:default/a', level: 2 },
      ]);
      expect(await knex('snapshots').select('status')).toEqual([
        { status: 'succeeded' },
      ]);

      await migrateDownOnce(knex);
      expect(await tableNames(knex, all)).toEqual([]);

      await knex.destroy();
    },
  );
});
