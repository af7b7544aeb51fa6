import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { goldenSubmission, startTestApp, type TestApp } from './helpers/app.js';
import { supplier } from './helpers/procurement.js';

describe('procurement system failures', () => {
  let app: TestApp;
  let token: string;
  const create = () =>
    app.request('POST', '/assessments', { token, body: { supplierId: supplier.id, procurementReference: 'CCS-2025-0099', submission: goldenSubmission('compliant-plan') } });

  before(async () => {
    app = await startTestApp();
    token = await app.idp.token({ email: 'casey.commercial@dept.gov.uk' });
  });
  after(() => app.close());

  it('does not start an assessment when supplier details cannot be fetched', async () => {
    app.procurement.failures.push(503);
    const res = await create();
    assert.equal(res.status, 502);
    assert.match(res.body.message, /Procurement system responded 503/);
    assert.equal(app.assessments.rows.size, 0);
  });

  it('times out a procurement system that does not answer', async () => {
    app.procurement.failures.push('hang');
    const started = Date.now();
    const res = await create();
    assert.equal(res.status, 502);
    assert.match(res.body.message, /unreachable.*TimeoutError/);
    assert.ok(Date.now() - started < 2_000);
  });

  it('keeps the assessment in progress and audits the failure when the outcome cannot be posted', async () => {
    const { body } = await create();
    app.procurement.failures.push(500);
    const failed = await app.request('POST', `/assessments/${body.id}/submit`, { token });
    assert.equal(failed.status, 502);
    assert.equal((await app.request('GET', `/assessments/${body.id}`, { token })).body.status, 'in_progress');

    const retried = await app.request('POST', `/assessments/${body.id}/submit`, { token });
    assert.equal(retried.body.status, 'submitted');
    const actions = (await app.audit.listForAssessment(body.id)).map((e) => e.action);
    assert.deepEqual(actions, ['assessment_created', 'outcome_post_failed', 'submitted']);
  });
});
