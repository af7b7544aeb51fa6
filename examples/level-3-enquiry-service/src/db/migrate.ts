import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../../migrations', import.meta.url));

/** Applies each not-yet-applied migrations/*.sql file in name order, one transaction per file. */
export async function migrate(client: pg.ClientBase, dir = MIGRATIONS_DIR): Promise<string[]> {
  await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
  const { rows } = await client.query('SELECT name FROM schema_migrations');
  const applied = new Set(rows.map((row: { name: string }) => row.name));
  const pending = (await readdir(dir)).filter((name) => name.endsWith('.sql') && !applied.has(name)).sort();

  for (const name of pending) {
    const sql = await readFile(join(dir, name), 'utf8');
    await client.query('BEGIN');
    try {
      await client.query(sql);
      await client.query('INSERT INTO schema_migrations (name) VALUES ($1)', [name]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw new Error(`Migration ${name} failed`, { cause: error });
    }
  }
  return pending;
}
