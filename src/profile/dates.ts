import { z } from "zod";

const FORM = /^(?:(\d{4})-)?(\d{2})-(\d{2})$/;
/** The same form, as editors see it in the JSON Schema. */
const PATTERN = /^(\d{4}-)?\d{2}-\d{2}$/;
const HINT = "YYYY-MM-DD, or MM-DD for every year";

/** Why a YYYY-MM-DD or MM-DD string is not a real date, or undefined when it is one. */
export function dateProblem(text: string): string | undefined {
  const match = FORM.exec(text);
  if (!match) return `"${text}" is not a date: use ${HINT}`;
  const [, year, month, day] = match.map(Number) as [number, number | undefined, number, number];
  if (month < 1 || month > 12) return `"${text}" has no month ${match[2]}: months run 01 to 12 (${HINT})`;
  // An annual date may be 02-29: it applies in leap years.
  const days = new Date(Date.UTC(match[1] ? year! : 2024, month, 0)).getUTCDate();
  if (day < 1 || day > days)
    return `"${text}" is not a real date: ${match[1] ? `${match[1]}-` : ""}${match[2]} has ${days} days`;
  return undefined;
}

/** A calendar date (YYYY-MM-DD) or an annual one (MM-DD), checked to exist. The pattern stays for editors. */
export const dateLikeSchema = z
  .string()
  .regex(PATTERN, HINT)
  .superRefine((text, ctx) => {
    const problem = FORM.test(text) ? dateProblem(text) : undefined;
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

export interface PeriodDates {
  start: string;
  end: string;
  startTime?: string;
  endTime?: string;
}

/**
 * Why a period runs backwards, or undefined. Two annual dates may wrap (12-20 to 01-05 is across New Year);
 * two calendar dates may not, since 2026-12-20 to 2026-01-05 would otherwise hold every day from December on.
 */
export function periodProblem(p: PeriodDates): { field: "end" | "endTime"; message: string } | undefined {
  if (dateProblem(p.start) || dateProblem(p.end)) return undefined;
  const span = normalisePeriod(p.start, p.end);
  if (!span.annual && span.end < span.start) {
    const next = `${Number(p.start.slice(0, 4)) + 1}${p.end.slice(-6)}`;
    return {
      field: "end",
      message: `ends ${p.end}, before it starts (${p.start}): a period across New Year ends the next year (${next}), or give both as MM-DD to repeat every year`,
    };
  }
  if (span.start === span.end && p.startTime && p.endTime && p.endTime <= p.startTime)
    return {
      field: "endTime",
      message: `ends at ${p.endTime}, not after it starts (${p.startTime}) on the same day`,
    };
  return undefined;
}

/** Adds a period's direction problem to a zod context, at the field that is wrong. */
export function refinePeriod(p: PeriodDates, ctx: z.RefinementCtx): void {
  const problem = periodProblem(p);
  if (problem) ctx.addIssue({ code: "custom", path: [problem.field], message: problem.message });
}

export interface PeriodSpan {
  /** Both dates in one form: YYYY-MM-DD when either was a calendar date, else MM-DD. */
  start: string;
  end: string;
  /** MM-DD dates: the period repeats every year. */
  annual: boolean;
  /** An annual period whose end falls before its start in the calendar, such as 12-20 to 01-05. */
  acrossNewYear: boolean;
}

/**
 * A period in one form. A calendar date and an annual one take the calendar date's year, the annual end
 * moving to the next year (or the annual start to the year before) so the period runs forwards.
 */
export function normalisePeriod(start: string, end: string): PeriodSpan {
  const year = (d: string) => (d.length === 10 ? Number(d.slice(0, 4)) : undefined);
  const [ys, ye] = [year(start), year(end)];
  if (ys === undefined && ye === undefined) return { start, end, annual: true, acrossNewYear: end < start };
  if (ys !== undefined && ye === undefined) {
    const e = `${ys}-${end}`;
    return { start, end: e < start ? `${ys + 1}-${end}` : e, annual: false, acrossNewYear: false };
  }
  if (ys === undefined && ye !== undefined) {
    const s = `${ye}-${start}`;
    return { start: s > end ? `${ye - 1}-${start}` : s, end, annual: false, acrossNewYear: false };
  }
  return { start, end, annual: false, acrossNewYear: false };
}

/** Whether a day (YYYY-MM-DD) falls inside a period, both ends included; annual periods repeat every year. */
export function periodIncludes(span: PeriodSpan, day: string): boolean {
  if (!span.annual) return day >= span.start && day <= span.end;
  const point = day.slice(5);
  return span.acrossNewYear
    ? point >= span.start || point <= span.end
    : point >= span.start && point <= span.end;
}

/** "12-20 to 01-05 every year, across New Year": how a period reads in documents. */
export function describePeriod(start: string, end: string): string {
  const span = normalisePeriod(start, end);
  const base = `${span.start} to ${span.end}`;
  if (!span.annual) return base;
  return span.acrossNewYear ? `${base} every year, across New Year` : `${base} every year`;
}
