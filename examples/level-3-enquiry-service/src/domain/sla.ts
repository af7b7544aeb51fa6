import type { Enquiry, SlaStatus } from './enquiry.js';

export const RESPONSE_WORKING_DAYS = 20;
export const AT_RISK_WORKING_DAYS = 5;

// England and Wales bank holidays. Refresh yearly from the GOV.UK bank holidays list.
const BANK_HOLIDAYS = new Set([
  '2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26',
  '2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28',
  '2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28',
]);

export function isWorkingDay(date: Date): boolean {
  const day = date.getUTCDay();
  return day !== 0 && day !== 6 && !BANK_HOLIDAYS.has(date.toISOString().slice(0, 10));
}

export function addWorkingDays(start: Date, days: number): Date {
  const date = new Date(start);
  let added = 0;
  while (added < days) {
    date.setUTCDate(date.getUTCDate() + 1);
    if (isWorkingDay(date)) added++;
  }
  return date;
}

/** Working days from `from` until `to`, counting neither start day; 0 if `to` is not later. */
export function workingDaysBetween(from: Date, to: Date): number {
  const date = new Date(from);
  let count = 0;
  while (date < to) {
    date.setUTCDate(date.getUTCDate() + 1);
    if (date <= to && isWorkingDay(date)) count++;
  }
  return count;
}

export function responseDueAt(receivedAt: Date): Date {
  return addWorkingDays(receivedAt, RESPONSE_WORKING_DAYS);
}

export function slaStatus(enquiry: Pick<Enquiry, 'dueAt' | 'respondedAt'>, now: Date): SlaStatus {
  if (enquiry.respondedAt) return enquiry.respondedAt <= enquiry.dueAt ? 'met' : 'missed';
  if (now > enquiry.dueAt) return 'breached';
  return workingDaysBetween(now, enquiry.dueAt) <= AT_RISK_WORKING_DAYS ? 'at_risk' : 'on_track';
}
