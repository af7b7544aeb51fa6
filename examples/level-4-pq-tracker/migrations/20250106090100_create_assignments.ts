import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('assignments', (t) => {
    t.increments('id').primary();
    t.integer('question_id').notNullable().references('questions.id');
    t.string('policy_team', 120).notNullable();
    t.string('assignee_full_name', 200).notNullable();
    t.string('assignee_email', 254).notNullable();
    t.string('assigned_by', 254).notNullable();
    t.timestamp('assigned_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('assignments');
}
