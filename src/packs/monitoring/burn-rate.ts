import { GovopsError } from "../../errors.js";
import { errorBudget } from "../shared/error-budget.js";

/** Google SRE Workbook table 5-8: the share of the error budget each row lets burn before it fires. */
export const BURN_ROWS = [
  { severity: "page", long: "1h", short: "5m", longHours: 1, budgetSpent: 0.02 },
  { severity: "page", long: "6h", short: "30m", longHours: 6, budgetSpent: 0.05 },
  { severity: "ticket", long: "1d", short: "2h", longHours: 24, budgetSpent: 0.1 },
  { severity: "ticket", long: "3d", short: "6h", longHours: 72, budgetSpent: 0.1 },
] as const;

export const WINDOWS = ["5m", "30m", "1h", "2h", "6h", "1d", "3d"] as const;

export interface BurnRow {
  severity: "page" | "ticket";
  long: string;
  short: string;
  /** burn rate = budget spent × period ÷ long window. */
  burnRate: number;
  /** The error ratio both windows must exceed: burn rate × (1 − SLO). */
  threshold: number;
}

function round(n: number, digits = 6): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** The four rows for an SLO over a period, derived from the budget fractions rather than hard-coded. */
export function burnRows(slo: number, periodDays: number, what: string): BurnRow[] {
  const budget = errorBudget(slo);
  return BURN_ROWS.map((row) => {
    const burnRate = round((row.budgetSpent * periodDays * 24) / row.longHours, 4);
    const threshold = round(burnRate * budget, 8);
    if (threshold >= 1) {
      throw new GovopsError(
        "UNSAFE_SLO",
        `${what}: an SLO of ${round(slo * 100, 4)}% over ${periodDays} days can never fire its ${row.long} ${row.severity} alert (burn rate ${burnRate} needs an error ratio of ${threshold}, above 100%)`,
        `Raise the SLO to at least ${round((1 - 1 / burnRate) * 100, 3)}%, or measure it over a different period.`,
      );
    }
    return { severity: row.severity, long: row.long, short: row.short, burnRate, threshold };
  });
}
