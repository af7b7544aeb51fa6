import { RECESSES, SITTING_FRIDAYS } from './calendar.js';

const DAY_MS = 86_400_000;

export function toIsoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function addDays(isoDate: string, days: number): string {
  return toIsoDate(new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * DAY_MS));
}

export function isSittingDay(isoDate: string): boolean {
  if (RECESSES.some((r) => isoDate >= r.from && isoDate <= r.to)) return false;
  const weekday = new Date(`${isoDate}T00:00:00Z`).getUTCDay();
  if (weekday >= 1 && weekday <= 4) return true;
  return weekday === 5 && SITTING_FRIDAYS.has(isoDate);
}

/** The date `count` sitting days after `isoDate` (exclusive of the start date). */
export function addSittingDays(isoDate: string, count: number): string {
  let date = isoDate;
  for (let added = 0; added < count; ) {
    date = addDays(date, 1);
    if (isSittingDay(date)) added++;
  }
  return date;
}

/** Sitting days after `from` up to and including `to`; 0 when `to` is not after `from`. */
export function sittingDaysBetween(from: string, to: string): number {
  let count = 0;
  for (let date = addDays(from, 1); date <= to; date = addDays(date, 1)) {
    if (isSittingDay(date)) count++;
  }
  return count;
}
