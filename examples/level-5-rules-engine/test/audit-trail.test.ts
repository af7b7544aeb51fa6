import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PgAuditRepository } from '../src/audit/audit-repository.js';
import { goldenSubmission, startTestApp, type TestApp } from './helpers/app.js';
import { supplier } from './helpers/procurement.js';

describe('audit trail', () => {
  let app: TestApp;
  let token: string;

  before(async () => {
    app = await startTestApp();
    token = await app.idp.token({ email: 'casey.commercial@dept.gov.uk' });
  });
  after(() => app.close());

  it('records every action on an assessment, in order, without rewriting earlier events', async () => {
    const created = await app.request('POST', '/assessments', {
      token,
      body: { supplierId: supplier.id, procurementReference: 'CCS-2025-0007', submission: goldenSubmission('net-zero-2055') },
    });
    const id = created.body.id;
    const afterCreate = await app.audit.listForAssessment(id);

    await app.request('PUT', `/assessments/${id}/submission`, { token, body: goldenSubmission('compliant-plan') });
    await app.request('POST', `/assessments/${id}/submit`, { token });
    await app.request('GET', `/assessments/${id}/report.pdf`, { token });

    const { body } = await app.request('GET', `/assessments/${id}/audit`, { token });
    const events = body.events as Array<{ action: string; actor: string; rulesetVersion: string; sequence: number; detail: object }>;
    assert.deepEqual(events.map((e) => e.action), ['assessment_created', 'reassessed', 'submitted', 'report_downloaded']);
    assert.ok(events.every((e) => e.actor === 'casey.commercial@dept.gov.uk' && e.rulesetVersion === 'crp-v1'));
    assert.deepEqual(events[1].detail, { previousOutcome: 'fail', outcome: 'pass' });
    assert.deepEqual(events[0], afterCreate[0], 'earlier events are unchanged');
    assert.deepEqual(events.map((e) => e.sequence), [...events.map((e) => e.sequence)].sort((a, b) => a - b));
  });

  it('the PostgreSQL repository only ever INSERTs and SELECTs', async () => {
    const statements: string[] = [];
    const pool = {
      query: async (sql: string) => {
        statements.push(sql.trim().split(/\s+/)[0].toUpperCase());
        return { rows: [{ sequence: '1', assessment_id: 'a', action: 'x', actor: 'y', ruleset_version: 'crp-v1', detail: {}, occurred_at: new Date() }] };
      },
    };
    const repo = new PgAuditRepository(pool as never);
    await repo.append({ assessmentId: 'a', action: 'x', actor: 'y', rulesetVersion: 'crp-v1', detail: {} });
    await repo.listForAssessment('a');
    assert.deepEqual(statements, ['INSERT', 'SELECT']);
    assert.deepEqual(Object.getOwnPropertyNames(Object.getPrototypeOf(repo)).sort(), ['append', 'constructor', 'listForAssessment']);
  });
});
