import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { Knex } from 'knex';
import { refreshDeadlineFlags } from '../src/deadlines/scheduler.js';
import { seedQuestion } from './helpers/app.js';
import { createTestDb } from './helpers/db.js';

describe('deadline scheduler', () => {
  let db: Knex;
  beforeEach(async () => {
    db = await createTestDb();
  });
  afterEach(() => db.destroy());

  it('flags open questions that are due soon or overdue and audits the change', async () => {
    const namedDay = await seedQuestion(db, { parliament_id: 1, uin: '1', is_named_day: true });
    const ordinary = await seedQuestion(db, { parliament_id: 2, uin: '2' });
    const answered = await seedQuestion(db, { parliament_id: 3, uin: '3', is_named_day: true, status: 'answered' });

    assert.equal(await refreshDeadlineFlags(db, '2025-03-06', 2), 2);
    const flags = Object.fromEntries((await db('questions')).map((q) => [q.id, q.deadline_flag]));
    assert.deepEqual(flags, { [namedDay]: 'overdue', [ordinary]: 'due_soon', [answered]: 'on_track' });

    const audit = await db('audit_events').where({ question_id: namedDay });
    assert.equal(audit.length, 1);
    assert.equal(audit[0].action, 'deadline_flag_changed');

    assert.equal(await refreshDeadlineFlags(db, '2025-03-06', 2), 0, 'unchanged flags are not rewritten');
  });
});
