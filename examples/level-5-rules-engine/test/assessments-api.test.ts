import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { goldenSubmission, startTestApp, type TestApp } from './helpers/app.js';
import { supplier } from './helpers/procurement.js';

describe('assessment API', () => {
  let app: TestApp;
  let token: string;
  const create = (submission = goldenSubmission('no-reporting-standard')) =>
    app.request('POST', '/assessments', { token, body: { supplierId: supplier.id, procurementReference: 'CCS-2025-0042', submission } });

  before(async () => {
    app = await startTestApp();
    token = await app.idp.token({ email: 'casey.commercial@dept.gov.uk', name: 'Casey Commercial' });
  });
  beforeEach(() => {
    app.clock.now = new Date('2025-01-15T10:00:00Z');
    app.procurement.failures.length = 0;
  });
  after(() => app.close());

  it('requires a staff bearer token, except for /health', async () => {
    assert.equal((await app.request('GET', '/rulesets')).status, 401);
    assert.equal((await app.request('GET', '/rulesets', { token: 'junk' })).status, 401);
    assert.deepEqual((await app.request('GET', '/health')).body, { status: 'ok' });
  });

  it('lists the published rule sets', async () => {
    const { body } = await app.request('GET', '/rulesets', { token });
    assert.deepEqual(body.rulesets.map((r: { version: string }) => r.version), ['crp-v1', 'crp-v2']);
  });

  it('creates an assessment with supplier details from the procurement system', async () => {
    const res = await create();
    assert.equal(res.status, 201);
    assert.equal(res.body.rulesetVersion, 'crp-v1');
    assert.equal(res.body.status, 'in_progress');
    assert.equal(res.body.result.outcome, 'pass');
    assert.deepEqual(res.body.supplier, supplier);
    assert.deepEqual((await app.request('GET', `/assessments/${res.body.id}`, { token })).body, res.body);
  });

  it('rejects an invalid submission', async () => {
    const res = await create({ ...goldenSubmission('compliant-plan'), scope3Categories: ['space_travel'] } as never);
    assert.equal(res.status, 400);
  });

  it('re-assessment stays on the pinned rule set after a newer one comes into force', async () => {
    const started = await create();
    app.clock.now = new Date('2025-03-03T09:00:00Z'); // crp-v2 now in force

    const amended = { ...goldenSubmission('no-reporting-standard'), reductionMeasures: ['Heat pumps installed'] };
    const res = await app.request('PUT', `/assessments/${started.body.id}/submission`, { token, body: amended });
    assert.equal(res.status, 200);
    assert.equal(res.body.rulesetVersion, 'crp-v1');
    assert.equal(res.body.result.outcome, 'pass', 'v1 does not ask for a reporting standard');

    const fresh = await create();
    assert.equal(fresh.body.rulesetVersion, 'crp-v2');
    assert.equal(fresh.body.result.outcome, 'fail');
  });

  it('submit posts the outcome to the procurement system and locks the assessment', async () => {
    const { body } = await create(goldenSubmission('net-zero-2055'));
    const res = await app.request('POST', `/assessments/${body.id}/submit`, { token });
    assert.equal(res.status, 200);
    assert.equal(res.body.status, 'submitted');
    const posted = app.procurement.posted.at(-1)!;
    assert.equal(posted.path, '/procurements/CCS-2025-0042/carbon-reduction-plan-outcomes');
    assert.equal(posted.authorization, 'Bearer service-token');
    assert.deepEqual(posted.body, { assessmentId: body.id, supplierId: supplier.id, rulesetVersion: 'crp-v1', outcome: 'fail', unmetRequirements: ['NET_ZERO_2050'] });

    assert.equal((await app.request('POST', `/assessments/${body.id}/submit`, { token })).status, 409);
    assert.equal((await app.request('PUT', `/assessments/${body.id}/submission`, { token, body: goldenSubmission('compliant-plan') })).status, 409);
  });

  it('returns 404 for an unknown assessment', async () => {
    assert.equal((await app.request('GET', '/assessments/5f0c8a4e-1111-4d2b-9a57-000000000000', { token })).status, 404);
  });

  it('serves the assessment report as a PDF', async () => {
    const { body } = await create(goldenSubmission('compliant-plan'));
    const res = await app.request('GET', `/assessments/${body.id}/report.pdf`, { token });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/pdf');
    assert.match(res.headers.get('content-disposition') ?? '', /crp-assessment-.*\.pdf/);
    assert.equal(res.raw.subarray(0, 5).toString(), '%PDF-');
    assert.match(res.raw.subarray(-8).toString(), /%%EOF/);
    assert.ok(res.raw.length > 1_000);
  });
});
