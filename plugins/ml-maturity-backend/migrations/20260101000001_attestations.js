// @ts-check

/**
 * Portal attestations: the current state and the append-only audit trail.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('attestations', table => {
    table.comment('Portal attestations, current state');
    table.uuid('id').primary().comment('Attestation id');
    table
      .string('team_ref', 255)
      .notNullable()
      .comment('Lower-case entity ref of the team');
    table.string('item_id', 255).notNullable().comment('Checklist item id');
    table.text('url').notNullable().comment('Evidence URL');
    table.text('comment').nullable().comment('Optional comment');
    table
      .string('created_by', 255)
      .notNullable()
      .comment('User entity ref of who attested');
    table
      .timestamp('created_at', { useTz: true })
      .notNullable()
      .comment('When it was attested');
    table
      .timestamp('expires_at', { useTz: true })
      .notNullable()
      .comment('When it stops counting');
    table
      .timestamp('revoked_at', { useTz: true })
      .nullable()
      .comment('When it was revoked');
    table
      .string('revoked_by', 255)
      .nullable()
      .comment('User entity ref of who revoked it');
    table.index(['team_ref'], 'attestations_team_ref_idx');
  });

  await knex.schema.createTable('attestation_events', table => {
    table.comment('Append-only audit trail of portal attestations');
    table.increments('id').comment('Monotonic event id');
    table
      .uuid('attestation_id')
      .notNullable()
      .comment('The attestation changed');
    table
      .string('team_ref', 255)
      .notNullable()
      .comment('Lower-case entity ref of the team');
    table.string('item_id', 255).notNullable().comment('Checklist item id');
    table.string('action', 16).notNullable().comment('created | revoked');
    table
      .string('actor', 255)
      .notNullable()
      .comment('User entity ref of who acted');
    table
      .timestamp('at', { useTz: true })
      .notNullable()
      .comment('When it happened');
    table.text('url').notNullable().comment('Evidence URL at that time');
    table.text('comment').nullable().comment('Comment at that time');
    table.index(['attestation_id'], 'attestation_events_attestation_idx');
    table.index(['team_ref'], 'attestation_events_team_ref_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('attestation_events');
  await knex.schema.dropTable('attestations');
};
