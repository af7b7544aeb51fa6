import { fileURLToPath } from 'node:url';
import type { Knex } from 'knex';
import { DataType, newDb } from 'pg-mem';

const migrationsDir = fileURLToPath(new URL('../../migrations', import.meta.url));

/** An in-memory PostgreSQL (pg-mem) behind a real knex instance, migrated to latest. */
export async function createTestDb(): Promise<Knex> {
  const mem = newDb();
  mem.public.registerFunction({ name: 'current_database', returns: DataType.text, implementation: () => 'test' });
  const db = mem.adapters.createKnex() as Knex;
  await db.migrate.latest({ directory: migrationsDir, loadExtensions: ['.js'] });
  return db;
}
