// @ts-check

/**
 * An index covering the org-wide history count (`count(*) ... group by day,
 * level` over a range of days, some teams left out), so that the count
 * reads the index alone. It starts with `day`, so it also serves the
 * retention purge, and replaces the index on `day` alone.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('team_history', table => {
    table.index(
      ['day', 'level', 'team_ref'],
      'team_history_day_level_team_idx',
    );
  });
  await knex.schema.alterTable('team_history', table => {
    table.dropIndex(['day'], 'team_history_day_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('team_history', table => {
    table.index(['day'], 'team_history_day_idx');
  });
  await knex.schema.alterTable('team_history', table => {
    table.dropIndex(
      ['day', 'level', 'team_ref'],
      'team_history_day_level_team_idx',
    );
  });
};
