import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deadlineFlag, dueDate } from '../src/deadlines/deadlines.js';
import { addSittingDays, isSittingDay, sittingDaysBetween } from '../src/deadlines/sitting-days.js';

describe('sitting days', () => {
  it('counts Monday to Thursday and skips non-sitting Fridays and weekends', () => {
    assert.equal(isSittingDay('2025-03-06'), true); // Thursday
    assert.equal(isSittingDay('2025-03-07'), true); // sitting Friday
    assert.equal(isSittingDay('2025-03-28'), false); // ordinary Friday
    assert.equal(isSittingDay('2025-03-29'), false); // Saturday
    assert.equal(addSittingDays('2025-03-27', 1), '2025-03-31');
  });

  it('skips recess', () => {
    assert.equal(isSittingDay('2025-04-14'), false);
    assert.equal(addSittingDays('2025-04-07', 1), '2025-04-22');
    assert.equal(sittingDaysBetween('2025-04-03', '2025-04-22'), 2); // 7 Apr, 22 Apr
  });
});

describe('deadlines', () => {
  const ordinary = { dateTabled: '2025-03-03', dateForAnswer: '2025-03-05', isNamedDay: false };
  const namedDay = { dateTabled: '2025-03-03', dateForAnswer: '2025-03-05', isNamedDay: true };

  it('named-day questions are due on their named day', () => {
    assert.equal(dueDate(namedDay), '2025-03-05');
  });

  it('ordinary questions are due five sitting days after tabling', () => {
    assert.equal(dueDate(ordinary), '2025-03-10'); // Tue, Wed, Thu, sitting Fri 7th, Mon
  });

  it('an ordinary question never falls due before its date for answer', () => {
    assert.equal(dueDate({ ...ordinary, dateForAnswer: '2025-03-20' }), '2025-03-20');
  });

  it('flags due soon within the warning window and overdue after the due date', () => {
    assert.equal(deadlineFlag(namedDay, '2025-03-03', 1), 'on_track');
    assert.equal(deadlineFlag(namedDay, '2025-03-04', 1), 'due_soon');
    assert.equal(deadlineFlag(namedDay, '2025-03-05', 1), 'due_soon');
    assert.equal(deadlineFlag(namedDay, '2025-03-06', 1), 'overdue');
    assert.equal(deadlineFlag(ordinary, '2025-03-06', 1), 'on_track');
    assert.equal(deadlineFlag(ordinary, '2025-03-11', 1), 'overdue');
  });

  it('a question tabled just before recess is not due until after it', () => {
    const beforeEaster = { dateTabled: '2025-04-03', dateForAnswer: '2025-04-07', isNamedDay: false };
    assert.equal(dueDate(beforeEaster), '2025-04-28'); // 7 Apr, then 22, 23, 24, 28 Apr
    assert.equal(deadlineFlag(beforeEaster, '2025-04-15', 2), 'on_track');
    assert.equal(deadlineFlag(beforeEaster, '2025-04-23', 2), 'due_soon');
  });
});
