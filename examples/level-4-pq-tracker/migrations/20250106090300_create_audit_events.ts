import type { Knex } from 'knex';

// Append-only: the application role is granted INSERT and SELECT only (see README).
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('audit_events', (t) => {
    t.bigIncrements('id').primary();
    t.integer('question_id').notNullable().references('questions.id');
    t.string('action', 40).notNullable();
    t.string('from_status', 32);
    t.string('to_status', 32);
    t.string('actor', 254).notNullable();
    t.jsonb('detail');
    t.timestamp('occurred_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['question_id', 'id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('audit_events');
}
