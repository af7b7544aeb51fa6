import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addWorkingDays, responseDueAt, slaStatus, workingDaysBetween } from '../src/domain/sla.js';
import { runSlaCheck } from '../src/jobs/sla-check.js';
import { InMemoryEnquiryRepository } from '../testing/memory-repository.js';

const day = (iso: string) => new Date(`${iso}T09:00:00Z`);

describe('SLA working-day arithmetic', () => {
  it('skips weekends', () => {
    assert.equal(addWorkingDays(day('2026-01-09'), 1).toISOString().slice(0, 10), '2026-01-12');
  });

  it('skips England and Wales bank holidays', () => {
    // Thursday before Easter 2026: Good Friday and Easter Monday are not working days.
    assert.equal(addWorkingDays(day('2026-04-02'), 1).toISOString().slice(0, 10), '2026-04-07');
    assert.equal(responseDueAt(day('2026-12-21')).toISOString().slice(0, 10), '2027-01-21');
  });

  it('counts working days between two dates', () => {
    assert.equal(workingDaysBetween(day('2026-01-12'), day('2026-01-19')), 5);
    assert.equal(workingDaysBetween(day('2026-01-19'), day('2026-01-12')), 0);
  });

  it('flags on track, at risk, breached, met and missed', () => {
    const dueAt = day('2026-02-27');
    assert.equal(slaStatus({ dueAt }, day('2026-02-13')), 'on_track');
    assert.equal(slaStatus({ dueAt }, day('2026-02-20')), 'at_risk');
    assert.equal(slaStatus({ dueAt }, day('2026-03-02')), 'breached');
    assert.equal(slaStatus({ dueAt, respondedAt: day('2026-02-26') }, day('2026-03-02')), 'met');
    assert.equal(slaStatus({ dueAt, respondedAt: day('2026-03-02') }, day('2026-03-02')), 'missed');
  });
});

describe('scheduled SLA check', () => {
  it('flags at-risk and breached open enquiries and leaves responded ones alone', async () => {
    const repo = new InMemoryEnquiryRepository();
    const base = { departmentCode: 'dwp' as const, fullName: 'A', email: 'a@example.com', postcode: 'SW1A 2AA', subject: 's', message: 'm' };
    const create = (reference: string, received: string) =>
      repo.createEnquiry({ ...base, reference, receivedAt: day(received), dueAt: responseDueAt(day(received)) });
    const fresh = await create('ENQ-FRESH', '2026-02-16');
    const ageing = await create('ENQ-AGEING', '2026-01-19');
    const late = await create('ENQ-LATE', '2026-01-05');
    const answered = await create('ENQ-DONE', '2026-01-05');
    await repo.respond(answered.id, 'dwp', 'done', day('2026-01-20'));

    const summary = await runSlaCheck(repo, day('2026-02-16'));

    assert.deepEqual(summary, { on_track: 1, at_risk: 1, breached: 1, changed: 2 });
    assert.equal(repo.enquiries.get(fresh.id)!.slaStatus, 'on_track');
    assert.equal(repo.enquiries.get(ageing.id)!.slaStatus, 'at_risk');
    assert.equal(repo.enquiries.get(late.id)!.slaStatus, 'breached');
    assert.equal(repo.enquiries.get(answered.id)!.slaStatus, 'met');
    assert.equal((await runSlaCheck(repo, day('2026-02-16'))).changed, 0, 'a second run changes nothing');
  });
});
