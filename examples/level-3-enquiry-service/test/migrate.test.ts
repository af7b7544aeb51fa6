import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { describe, it } from 'node:test';
import type pg from 'pg';
import { MIGRATIONS_DIR, migrate } from '../src/db/migrate.js';

/** Records SQL instead of running it: proves ordering and bookkeeping, not the SQL itself. */
function recordingClient(alreadyApplied: string[]) {
  const statements: string[] = [];
  const client = {
    async query(sql: string, params?: unknown[]) {
      statements.push(params ? `${sql} ${JSON.stringify(params)}` : sql);
      return { rows: sql.startsWith('SELECT name') ? alreadyApplied.map((name) => ({ name })) : [] };
    },
  };
  return { client: client as unknown as pg.ClientBase, statements };
}

describe('migrations', () => {
  it('applies every migrations/*.sql file in order, each in its own transaction', async () => {
    const files = (await readdir(MIGRATIONS_DIR)).filter((f) => f.endsWith('.sql')).sort();
    const { client, statements } = recordingClient([]);
    assert.deepEqual(await migrate(client), files);
    assert.equal(statements.filter((s) => s === 'BEGIN').length, files.length);
    assert.ok(statements.some((s) => s.includes('CREATE TABLE enquiries')));
  });

  it('skips migrations that are already recorded', async () => {
    const { client } = recordingClient(['001_departments_and_caseworkers.sql']);
    const applied = await migrate(client);
    assert.ok(!applied.includes('001_departments_and_caseworkers.sql'));
    assert.ok(applied.includes('002_enquiries.sql'));
  });
});
