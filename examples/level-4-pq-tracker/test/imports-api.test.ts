import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from './helpers/app.js';
import { startFakeServer, type LocalServer } from './helpers/http.js';
import { page, writtenQuestion } from './helpers/parliament.js';

describe('POST /imports', () => {
  let parliament: LocalServer;
  let app: TestApp;
  let token: string;

  before(async () => {
    const questions = [writtenQuestion({ isNamedDay: true }), writtenQuestion()];
    parliament = await startFakeServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(page(questions)));
    });
    app = await startTestApp(parliament.url);
    token = await app.idp.token({ email: 'pq.unit@education.gov.uk' });
  });
  after(async () => {
    await app.close();
    await parliament.close();
  });

  it('imports on demand and lists the new questions', async () => {
    const res = await app.request('POST', '/imports', { token, body: { tabledWhenFrom: '2025-03-01' } });
    assert.deepEqual(res.body, { fetched: 2, created: 2, skipped: 0 });
    const list = await app.request('GET', '/questions?status=imported', { token });
    assert.equal(list.body.questions.length, 2);
    assert.equal(list.body.questions[0].memberName, 'Jane Doe MP');
  });

  it('rejects a missing or malformed date', async () => {
    assert.equal((await app.request('POST', '/imports', { token, body: { tabledWhenFrom: '1 March' } })).status, 400);
  });
});
