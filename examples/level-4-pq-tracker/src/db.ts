import knex, { type Knex } from 'knex';

export function createDb(): Knex {
  return knex({
    client: 'pg',
    connection: process.env.DATABASE_URL,
    pool: { min: 0, max: Number(process.env.DATABASE_POOL_MAX ?? 10) },
  });
}
