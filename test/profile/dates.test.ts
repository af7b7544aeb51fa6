import { describe, expect, it } from "vitest";
import {
  dateProblem,
  describePeriod,
  normalisePeriod,
  periodIncludes,
  periodProblem,
} from "../../src/profile/dates.js";

describe("dates are real dates", () => {
  it("accepts real calendar and annual dates, 29 February only where it exists", () => {
    for (const d of ["2026-01-31", "2028-02-29", "12-31", "02-29", "04-30"])
      expect(dateProblem(d)).toBeUndefined();
  });

  it("rejects impossible ones, saying why", () => {
    expect(dateProblem("13-45")).toBe(
      '"13-45" has no month 13: months run 01 to 12 (YYYY-MM-DD, or MM-DD for every year)',
    );
    expect(dateProblem("02-31")).toBe('"02-31" is not a real date: 02 has 29 days');
    expect(dateProblem("2026-02-30")).toBe('"2026-02-30" is not a real date: 2026-02 has 28 days');
    expect(dateProblem("2026-02-29")).toBe('"2026-02-29" is not a real date: 2026-02 has 28 days');
    expect(dateProblem("04-31")).toBe('"04-31" is not a real date: 04 has 30 days');
    expect(dateProblem("00-10")).toMatch(/has no month 00/);
    expect(dateProblem("2026-1-5")).toBe('"2026-1-5" is not a date: use YYYY-MM-DD, or MM-DD for every year');
  });
});

describe("periods run forwards", () => {
  it("two annual dates may wrap: 12-20 to 01-05 is across New Year", () => {
    expect(periodProblem({ start: "12-20", end: "01-05" })).toBeUndefined();
    expect(normalisePeriod("12-20", "01-05")).toEqual({
      start: "12-20",
      end: "01-05",
      annual: true,
      acrossNewYear: true,
    });
    expect(describePeriod("12-20", "01-05")).toBe("12-20 to 01-05 every year, across New Year");
    expect(describePeriod("04-01", "04-30")).toBe("04-01 to 04-30 every year");
  });

  it("two calendar dates may not run backwards, and the hint names the date meant", () => {
    expect(periodProblem({ start: "2026-12-20", end: "2026-01-05" })).toEqual({
      field: "end",
      message:
        "ends 2026-01-05, before it starts (2026-12-20): a period across New Year ends the next year (2027-01-05), or give both as MM-DD to repeat every year",
    });
    expect(periodProblem({ start: "2026-12-20", end: "2027-01-05" })).toBeUndefined();
  });

  it("on one day, the end time comes after the start time", () => {
    expect(
      periodProblem({ start: "2027-03-16", end: "2027-03-16", startTime: "15:00", endTime: "10:00" }),
    ).toEqual({
      field: "endTime",
      message: "ends at 10:00, not after it starts (15:00) on the same day",
    });
    expect(
      periodProblem({ start: "2027-03-16", end: "2027-03-17", startTime: "15:00", endTime: "10:00" }),
    ).toBeUndefined();
  });

  it("a calendar date and an annual one take the calendar year, moving forwards", () => {
    expect(normalisePeriod("2026-12-20", "01-05")).toMatchObject({ start: "2026-12-20", end: "2027-01-05" });
    expect(normalisePeriod("12-20", "2027-01-05")).toMatchObject({ start: "2026-12-20", end: "2027-01-05" });
    expect(normalisePeriod("2026-04-01", "04-30")).toMatchObject({ start: "2026-04-01", end: "2026-04-30" });
  });

  it("a freeze across New Year holds from its start to its end and not the rest of the year", () => {
    const annual = normalisePeriod("12-20", "01-05");
    const inside = ["2026-12-20", "2026-12-31", "2027-01-01", "2027-01-05"];
    const outside = ["2026-12-19", "2027-01-06", "2027-06-15"];
    for (const day of inside) expect(periodIncludes(annual, day), day).toBe(true);
    for (const day of outside) expect(periodIncludes(annual, day), day).toBe(false);
    const once = normalisePeriod("2026-12-20", "2027-01-05");
    expect(periodIncludes(once, "2027-01-02")).toBe(true);
    expect(periodIncludes(once, "2027-12-25")).toBe(false);
  });
});
