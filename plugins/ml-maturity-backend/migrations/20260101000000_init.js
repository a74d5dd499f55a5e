// @ts-check

/**
 * The assessment tables: refresh snapshots, the latest assessment per team
 * and per asset, and daily history points.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('snapshots', table => {
    table.comment('One row per refresh run (running, succeeded or failed)');
    table.increments('id').comment('Monotonic refresh id');
    table
      .timestamp('started_at', { useTz: true })
      .notNullable()
      .comment('When the refresh started');
    table
      .timestamp('finished_at', { useTz: true })
      .nullable()
      .comment('When the refresh finished; null while running');
    table
      .string('status', 16)
      .notNullable()
      .comment('running | succeeded | failed');
    table
      .integer('entity_count')
      .nullable()
      .comment('Catalog entities read by a successful refresh');
    table
      .integer('team_count')
      .nullable()
      .comment('Teams assessed by a successful refresh');
    table.text('error').nullable().comment('Why a failed refresh failed');
    table
      .timestamp('heartbeat_at', { useTz: true })
      .notNullable()
      .comment('Last sign of life of a running refresh');
    table
      .text('payload')
      .nullable()
      .comment('JSON: generatedAt, unattributedAssets and top-level findings');
    table.index(['status'], 'snapshots_status_idx');
  });

  await knex.schema.createTable('team_assessments', table => {
    table.comment(
      'The latest assessment of each team, replaced by each refresh',
    );
    table
      .string('team_ref', 255)
      .primary()
      .comment('Lower-case entity ref of the team');
    table
      .string('parent_ref', 255)
      .nullable()
      .comment('Lower-case entity ref of the parent group');
    table.integer('level').notNullable().comment('Maturity level 1..5');
    table
      .text('payload')
      .notNullable()
      .comment('JSON: the team assessment and who references an implicit team');
  });

  await knex.schema.createTable('asset_contributions', table => {
    table.comment('How each ML asset counts toward the teams, latest refresh');
    table
      .string('entity_ref', 255)
      .primary()
      .comment('Lower-case entity ref of the asset');
    table.text('payload').notNullable().comment('JSON: the AssetContribution');
  });

  await knex.schema.createTable('team_history', table => {
    table.comment('At most one point per team per day');
    table
      .string('team_ref', 255)
      .notNullable()
      .comment('Lower-case entity ref of the team');
    table.string('day', 10).notNullable().comment('UTC day, YYYY-MM-DD');
    table.integer('level').notNullable().comment('Maturity level 1..5');
    table
      .integer('kits_completed')
      .notNullable()
      .comment('Consecutive complete kits');
    table
      .text('kits')
      .notNullable()
      .comment('JSON: met/total/complete per kit');
    table.unique(['team_ref', 'day'], {
      indexName: 'team_history_team_day_uniq',
    });
    table.index(['day'], 'team_history_day_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('team_history');
  await knex.schema.dropTable('asset_contributions');
  await knex.schema.dropTable('team_assessments');
  await knex.schema.dropTable('snapshots');
};
