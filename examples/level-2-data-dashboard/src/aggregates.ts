import type { CompletionRecord, HouseholdRecord } from './sources/types.js';

export interface RegionTotal {
  regionName: string;
  netAdditions: number;
  affordableCompletions: number;
  localAuthorities: number;
}

export interface YearTotal {
  financialYear: string;
  netAdditions: number;
  affordableCompletions: number;
}

export interface AreaRate {
  areaCode: string;
  areaName: string;
  regionName: string;
  netAdditions: number;
  households: number | null;
  /** Net additional dwellings per 1,000 households; null when ONS has no estimate for the area. */
  per1000Households: number | null;
}

export function latestYear(completions: CompletionRecord[]): string | undefined {
  return completions.map((c) => c.financialYear).sort().at(-1);
}

export function regionTotals(completions: CompletionRecord[], financialYear: string): RegionTotal[] {
  const regions = new Map<string, RegionTotal>();
  for (const c of completions.filter((c) => c.financialYear === financialYear)) {
    const r = regions.get(c.regionName) ?? { regionName: c.regionName, netAdditions: 0, affordableCompletions: 0, localAuthorities: 0 };
    r.netAdditions += c.netAdditions;
    r.affordableCompletions += c.affordableCompletions;
    r.localAuthorities += 1;
    regions.set(c.regionName, r);
  }
  return [...regions.values()].sort((a, b) => a.regionName.localeCompare(b.regionName));
}

export function yearTotals(completions: CompletionRecord[]): YearTotal[] {
  const years = new Map<string, YearTotal>();
  for (const c of completions) {
    const y = years.get(c.financialYear) ?? { financialYear: c.financialYear, netAdditions: 0, affordableCompletions: 0 };
    y.netAdditions += c.netAdditions;
    y.affordableCompletions += c.affordableCompletions;
    years.set(c.financialYear, y);
  }
  return [...years.values()].sort((a, b) => a.financialYear.localeCompare(b.financialYear));
}

/** Joins a financial year (2023-24) to the ONS estimate for the calendar year it starts in (2023). */
export function homesPerThousandHouseholds(
  completions: CompletionRecord[],
  households: HouseholdRecord[],
  financialYear: string,
): AreaRate[] {
  const year = Number(financialYear.slice(0, 4));
  const estimates = new Map(households.filter((h) => h.year === year).map((h) => [h.areaCode, h.households]));
  return completions
    .filter((c) => c.financialYear === financialYear)
    .map((c) => {
      const count = estimates.get(c.areaCode) ?? null;
      return {
        areaCode: c.areaCode,
        areaName: c.areaName,
        regionName: c.regionName,
        netAdditions: c.netAdditions,
        households: count,
        per1000Households: count === null ? null : Math.round((c.netAdditions / count) * 10_000) / 10,
      };
    })
    .sort((a, b) => a.areaName.localeCompare(b.areaName));
}
