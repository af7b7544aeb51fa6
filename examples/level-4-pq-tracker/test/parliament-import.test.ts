import assert from 'node:assert/strict';
import { after, afterEach, beforeEach, describe, it } from 'node:test';
import type { Knex } from 'knex';
import { ParliamentApiError, ParliamentClient } from '../src/parliament/client.js';
import { IMPORT_ACTOR, importQuestions } from '../src/parliament/import.js';
import { createTestDb } from './helpers/db.js';
import { startFakeServer, type LocalServer } from './helpers/http.js';
import { page, writtenQuestion } from './helpers/parliament.js';

type Reply = (url: URL) => { status: number; body?: unknown; delayMs?: number };

async function fakeParliament(replies: Reply[]): Promise<LocalServer & { requests: URL[] }> {
  const requests: URL[] = [];
  const server = await startFakeServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    requests.push(url);
    const reply = (replies[requests.length - 1] ?? replies[replies.length - 1])(url);
    setTimeout(() => {
      res.writeHead(reply.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(reply.body ?? {}));
    }, reply.delayMs ?? 0);
  });
  return Object.assign(server, { requests });
}

const opts = { tabledWhenFrom: '2025-03-01', today: '2025-03-03', warningSittingDays: 2 };

describe('Parliament written questions import', () => {
  let db: Knex;
  const servers: LocalServer[] = [];
  const client = (url: string) => new ParliamentClient({ baseUrl: url, timeoutMs: 200, retries: 2, backoffMs: 10, pageSize: 2 });

  beforeEach(async () => {
    db = await createTestDb();
  });
  afterEach(async () => {
    await db.destroy();
  });
  after(async () => {
    await Promise.all(servers.map((s) => s.close()));
  });

  it('imports every page of unanswered questions, skipping withdrawn ones', async () => {
    const qs = [writtenQuestion({ isNamedDay: true }), writtenQuestion(), writtenQuestion({ isWithdrawn: true })];
    const api = await fakeParliament([() => ({ status: 200, body: page(qs.slice(0, 2), 3) }), () => ({ status: 200, body: page(qs.slice(2), 3) })]);
    servers.push(api);

    const result = await importQuestions(db, client(api.url), opts);

    assert.deepEqual(result, { fetched: 3, created: 2, skipped: 1 });
    assert.equal(api.requests[0].pathname, '/api/writtenquestions/questions');
    assert.equal(api.requests[0].searchParams.get('tabledWhenFrom'), '2025-03-01');
    assert.deepEqual(api.requests.map((u) => u.searchParams.get('skip')), ['0', '2']);
    const rows = await db('questions').orderBy('id');
    assert.equal(rows[0].parliament_id, qs[0].id);
    assert.equal(rows[0].member_name, 'Jane Doe MP');
    assert.equal(rows[0].is_named_day, true);
    assert.equal(rows[0].deadline_flag, 'due_soon');
    const audit = await db('audit_events').where({ question_id: rows[0].id });
    assert.equal(audit.length, 1);
    assert.equal(audit[0].action, 'imported');
    assert.equal(audit[0].actor, IMPORT_ACTOR);
  });

  it('is idempotent when the same questions are imported again', async () => {
    const qs = [writtenQuestion()];
    const api = await fakeParliament([() => ({ status: 200, body: page(qs) })]);
    servers.push(api);
    await importQuestions(db, client(api.url), opts);
    const second = await importQuestions(db, client(api.url), opts);
    assert.deepEqual(second, { fetched: 1, created: 0, skipped: 1 });
    assert.equal((await db('questions')).length, 1);
  });

  it('retries after an upstream 500 and then succeeds', async () => {
    const api = await fakeParliament([() => ({ status: 500, body: { error: 'boom' } }), () => ({ status: 200, body: page([writtenQuestion()]) })]);
    servers.push(api);
    const result = await importQuestions(db, client(api.url), opts);
    assert.equal(result.created, 1);
    assert.equal(api.requests.length, 2);
  });

  it('gives up after repeated 500s without writing anything', async () => {
    const api = await fakeParliament([() => ({ status: 500 })]);
    servers.push(api);
    await assert.rejects(importQuestions(db, client(api.url), opts), ParliamentApiError);
    assert.equal(api.requests.length, 3);
    assert.equal((await db('questions')).length, 0);
  });

  it('times out a slow upstream and retries', async () => {
    const api = await fakeParliament([() => ({ status: 200, delayMs: 1_000, body: page([]) }), () => ({ status: 200, body: page([writtenQuestion()]) })]);
    servers.push(api);
    const started = Date.now();
    const result = await importQuestions(db, client(api.url), opts);
    assert.equal(result.created, 1);
    assert.ok(Date.now() - started < 900, 'should not wait for the slow response');
  });

  it('does not retry a 400', async () => {
    const api = await fakeParliament([() => ({ status: 400 })]);
    servers.push(api);
    await assert.rejects(importQuestions(db, client(api.url), opts), /responded 400/);
    assert.equal(api.requests.length, 1);
  });
});
