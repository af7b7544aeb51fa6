import pg from 'pg';

const { Pool } = pg;

export function createPool(): pg.Pool {
  return new Pool({
    connectionString: process.env.DATABASE_URL,
    max: Number(process.env.DATABASE_POOL_MAX ?? 10),
    connectionTimeoutMillis: 5_000,
  });
}
