import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('questions', (t) => {
    t.increments('id').primary();
    t.integer('parliament_id').unique();
    t.string('legacy_ref', 32).unique();
    t.string('uin', 32).notNullable();
    t.string('house', 16).notNullable().defaultTo('Commons');
    t.integer('asking_member_id');
    t.string('member_name', 200);
    t.string('answering_body_name', 200).notNullable();
    t.date('date_tabled').notNullable();
    t.date('date_for_answer').notNullable();
    t.boolean('is_named_day').notNullable().defaultTo(false);
    t.text('question_text').notNullable();
    t.string('status', 32).notNullable().defaultTo('imported');
    t.string('deadline_flag', 16).notNullable().defaultTo('on_track');
    t.text('answer_text');
    t.timestamp('answered_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['status', 'date_for_answer']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('questions');
}
