import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { nextStatus } from '../src/workflow/transitions.js';
import { seedQuestion, startTestApp, type TestApp } from './helpers/app.js';

describe('question workflow over HTTP', () => {
  let app: TestApp;
  let drafter: string;
  let clearer: string;

  before(async () => {
    app = await startTestApp();
    drafter = await app.idp.token({ email: 'sam.drafter@education.gov.uk', name: 'Sam Drafter' });
    clearer = await app.idp.token({ email: 'pat.clearer@education.gov.uk', roles: ['pq-clearance'] });
  });
  after(() => app.close());

  it('serves /health without a token', async () => {
    assert.deepEqual(await app.request('GET', '/health'), { status: 200, body: { status: 'ok' } });
  });

  it('rejects requests without a valid staff bearer token', async () => {
    const id = await seedQuestion(app.db, { parliament_id: 1, uin: '1' });
    assert.equal((await app.request('GET', `/questions/${id}`)).status, 401);
    assert.equal((await app.request('GET', `/questions/${id}`, { token: 'not-a-jwt' })).status, 401);
  });

  it('moves a question from import to answered and audits every step', async () => {
    const id = await seedQuestion(app.db, { parliament_id: 2, uin: '2' });
    const assignee = { policyTeam: 'School Food', fullName: 'Alex Policy', email: 'alex.policy@education.gov.uk' };
    const steps: Array<[string, unknown, string, string]> = [
      ['assign', assignee, drafter, 'assigned'],
      ['drafts', { answerText: 'First draft.' }, drafter, 'drafted'],
      ['submit-for-clearance', undefined, drafter, 'in_clearance'],
      ['return', { comment: 'Add the funding figure.' }, clearer, 'drafted'],
      ['drafts', { answerText: 'Second draft with £1m.' }, drafter, 'drafted'],
      ['submit-for-clearance', undefined, drafter, 'in_clearance'],
      ['clear', undefined, clearer, 'answered'],
    ];
    for (const [path, body, token, expected] of steps) {
      const res = await app.request('POST', `/questions/${id}/${path}`, { token, body });
      assert.equal(res.status, 200, `${path}: ${JSON.stringify(res.body)}`);
      assert.equal(res.body.status, expected);
    }

    const { body } = await app.request('GET', `/questions/${id}/audit`, { token: drafter });
    assert.deepEqual(
      body.events.map((e: { action: string; fromStatus: string; toStatus: string }) => [e.action, e.fromStatus, e.toStatus]),
      [
        ['assign', 'imported', 'assigned'],
        ['draft', 'assigned', 'drafted'],
        ['submit_for_clearance', 'drafted', 'in_clearance'],
        ['return_to_drafter', 'in_clearance', 'drafted'],
        ['draft', 'drafted', 'drafted'],
        ['submit_for_clearance', 'drafted', 'in_clearance'],
        ['clear', 'in_clearance', 'answered'],
      ],
    );
    assert.equal(body.events[0].actor, 'sam.drafter@education.gov.uk');
    assert.equal(body.events[6].actor, 'pat.clearer@education.gov.uk');
    assert.deepEqual(body.events[4].detail, { draftVersion: 2 });
    assert.equal((await app.db('drafts').where({ question_id: id })).length, 2);
    assert.equal((await app.db('assignments').where({ question_id: id })).length, 1);
    assert.equal((await app.request('GET', `/questions/${id}`, { token: drafter })).body.answerText, 'Second draft with £1m.');
  });

  it('rejects illegal transitions with 409 and writes no audit event', async () => {
    const id = await seedQuestion(app.db, { parliament_id: 3, uin: '3' });
    const res = await app.request('POST', `/questions/${id}/submit-for-clearance`, { token: drafter });
    assert.equal(res.status, 409);
    assert.match(res.body.error, /Cannot submit_for_clearance a question that is imported/);
    assert.equal((await app.request('POST', `/questions/${id}/clear`, { token: clearer })).status, 409);
    assert.equal((await app.db('audit_events').where({ question_id: id })).length, 0);
    assert.equal((await app.request('GET', `/questions/${id}`, { token: drafter })).body.status, 'imported');
  });

  it('only staff with the clearance role can clear an answer', async () => {
    const id = await seedQuestion(app.db, { parliament_id: 4, uin: '4', status: 'in_clearance' });
    assert.equal((await app.request('POST', `/questions/${id}/clear`, { token: drafter })).status, 403);
    assert.equal((await app.request('GET', `/questions/${id}`, { token: drafter })).body.status, 'in_clearance');
  });

  it('validates assignment details', async () => {
    const id = await seedQuestion(app.db, { parliament_id: 5, uin: '5' });
    const res = await app.request('POST', `/questions/${id}/assign`, { token: drafter, body: { policyTeam: 'Schools', fullName: 'A N Other', email: 'nope' } });
    assert.equal(res.status, 400);
    assert.equal((await app.request('GET', '/questions/99999', { token: drafter })).status, 404);
  });

  it('answered questions cannot be reopened', () => {
    for (const action of ['assign', 'draft', 'submit_for_clearance', 'return_to_drafter', 'clear'] as const) {
      assert.equal(nextStatus(action, 'answered'), undefined);
    }
  });
});
