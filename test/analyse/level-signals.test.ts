import { describe, expect, it } from "vitest";
import { routeShapeSignals } from "../../src/analyse/route-shapes.js";
import { indexSource } from "../../src/scan/source-index.js";
import { isNonProductionPath } from "../../src/analyse/context.js";
import type { Facts } from "../../src/analyse/facts.js";
import { analyseFixture, where } from "./fixture.js";

type Route = Facts["routes"][number];
const route = (spec: string, line = 1): Route => {
  const [method, path] = spec.split(" ") as [Route["method"], string];
  return { method, path, evidence: { file: "src/app.js", line } } as Route;
};
const names = (routes: string[]) =>
  routeShapeSignals(routes.map((r, i) => route(r, i + 1))).map((s) => s.name);
const said = (signals: string[] | undefined, name: string) => signals?.find((s) => s.includes(`(${name})`));

describe("Level 5 from hand-written rules", () => {
  it("a registry importing one matcher per key is a rules service, and a migrate.yaml is not a rate table", async () => {
    const a = await analyseFixture("level-rule-registry");
    expect(a.level).toMatchObject({ value: 5 });
    expect(a.level.unsure).toBeUndefined();
    expect(said(a.level.signals, "rule-registry")).toBe(
      "a registry of many parser, matcher, validator or rule modules (rule-registry) at src/matcher-registry.js:1: +4 to Level 5",
    );
    expect(a.facts.signals.find((s) => s.name === "rule-registry")?.evidence.snippet).toBe(
      "8 modules from src/matchers/",
    );
    expect(a.facts.signals.some((s) => s.name === "rule-sets-as-data")).toBe(false);
  });

  it("rate tables in code and an ineligible-items file are rules kept as data; a rate limiter's settings are not", async () => {
    const a = await analyseFixture("level-rate-tables");
    expect(a.level).toMatchObject({ value: 5 });
    const tables = a.facts.signals.filter((s) => s.name === "rule-sets-as-data");
    expect(tables.map((s) => `${where(s.evidence)} ${s.evidence.snippet}`)).toEqual([
      "data/ineligible-goods.json:1 rule or rate table file",
      "src/allowance/rates.ts:2 WEEKLY_RATES",
    ]);
    expect(said(a.level.signals, "rule-sets-as-data")).toMatch(
      /at data\/ineligible-goods\.json:1: \+3 to Level 5$/,
    );
  });

  it("a calculation with many branches is a decision function, named with its branch count", async () => {
    const a = await analyseFixture("level-decision-function");
    expect(a.level).toMatchObject({ value: 5 });
    expect(said(a.level.signals, "decision-branches")).toBe(
      "a decision function with many branches (decision-branches) at src/award/calculate-award.js:2: +2 to Level 5",
    );
    expect(a.facts.signals.find((s) => s.name === "decision-branches")?.evidence.snippet).toBe(
      "calculateAward: 13 branches",
    );
  });

  it("a test-utils module beside production code is not production: its mock thresholds are not a rate table", () => {
    expect(isNonProductionPath("src/config/test-utils.tsx")).toBe(true);
    expect(isNonProductionPath("src/testHelpers.ts")).toBe(true);
    expect(isNonProductionPath("src/contest-utils.ts")).toBe(false);
  });

  it("branches are counted per function: if, case and ?: in its own body, not in functions nested in it", () => {
    const index = indexSource(
      "src/decide.ts",
      [
        "export function outer(x: number) {",
        "  if (x > 1) return 1;",
        "  const inner = (y: number) => (y > 2 ? (y > 3 ? 3 : 2) : 0);",
        "  switch (x) { case 0: return 0; case 1: return inner(x); default: return -1; }",
        "}",
      ].join("\n"),
    );
    expect(index.branchiest).toEqual({ name: "outer", line: 1, branches: 3 });
  });
});

describe("Levels 2 and 3 from the shape of the route table", () => {
  it("a staff app whose routes mostly show workload, caseload and capacity is a dashboard", async () => {
    const a = await analyseFixture("level-data-routes");
    expect(a.level).toMatchObject({ value: 2 });
    expect(said(a.level.signals, "data-routes")).toBe(
      "a quarter or more of the routes show charts, tables, downloads, reports or workload figures (data-routes) at src/app.js:8: +4 to Level 2",
    );
    expect(a.level.reasons).toContain(
      'data-routes (+4) "4 of 7 routes, e.g. GET /team/workload" at src/app.js:8',
    );
  });

  it("a queue of tasks and notes is case work, and not read-mostly though every route is GET", async () => {
    const a = await analyseFixture("level-case-routes");
    expect(a.level).toMatchObject({ value: 3 });
    expect(said(a.level.signals, "case-routes")).toBe(
      "many routes work on cases, enquiries, task queues, assignment or notes (case-routes) at src/app.js:8: +2 to Level 3",
    );
    expect(said(a.level.signals, "read-mostly")).toBeUndefined();
  });

  it("staff creating a record and updating it by id, stage by stage, is case management", async () => {
    const a = await analyseFixture("level-record-updates");
    expect(a.level).toMatchObject({ value: 3 });
    expect(said(a.level.signals, "record-updates")).toBe(
      "many routes create or update a record by its id (record-updates) at src/app.js:17: +2 to Level 3",
    );
  });

  it("shapes are proportions: a form's task list is not a queue, and writes outnumbering reports is not a dashboard", () => {
    expect(
      names(["GET /task-list", "GET /task-list/name", "GET /task-list/address", "POST /submit"]),
    ).toEqual([]);
    const busy = ["GET /report", "GET /report/csv", "GET /charts"].concat([
      "POST /a",
      "POST /b",
      "POST /c",
      "PUT /d",
    ]);
    expect(names(busy)).not.toContain("data-routes");
    expect(names([...busy.slice(0, 3), "POST /a"])).toContain("data-routes");
    // Two record updates in twenty routes are not a case system.
    const mostlyPages = Array.from({ length: 18 }, (_, i) => `GET /page-${i}`);
    expect(names([...mostlyPages, "PUT /thing/:id", "POST /thing/:id/part"])).toEqual([]);
    expect(
      names(["POST /thing", "PUT /thing/{id}", "POST /thing/[id]/part", "PATCH /thing/:id/other"]),
    ).toEqual(["record-updates"]);
  });
});
