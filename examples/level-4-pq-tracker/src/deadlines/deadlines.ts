import { addSittingDays, sittingDaysBetween } from './sitting-days.js';

export type DeadlineFlag = 'on_track' | 'due_soon' | 'overdue';

/** Departmental target for ordinary written questions, counted from the day of tabling. */
export const ORDINARY_TARGET_SITTING_DAYS = 5;

export interface DeadlineInput {
  dateTabled: string;
  dateForAnswer: string;
  isNamedDay: boolean;
}

/**
 * Named-day questions must be answered on their named day. Ordinary written questions
 * may be answered from their date for answer and should be answered within the target.
 */
export function dueDate(q: DeadlineInput): string {
  if (q.isNamedDay) return q.dateForAnswer;
  const target = addSittingDays(q.dateTabled, ORDINARY_TARGET_SITTING_DAYS);
  return target > q.dateForAnswer ? target : q.dateForAnswer;
}

export function deadlineFlag(q: DeadlineInput, today: string, warningSittingDays: number): DeadlineFlag {
  const due = dueDate(q);
  if (today > due) return 'overdue';
  return sittingDaysBetween(today, due) <= warningSittingDays ? 'due_soon' : 'on_track';
}
