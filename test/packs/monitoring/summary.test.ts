import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { analyseService } from "../../../src/index.js";
import { renderProfile } from "../../../src/packs/index.js";
import { SUMMARY } from "../../../src/packs/monitoring/summary.js";
import type { Profile } from "../../../src/profile/schema.js";
import type { RenderedFile } from "../../../src/render/plan.js";
import { exampleProfile, fixturePath, someOf, withTempDir } from "../../helpers.js";
import { lacks } from "../../tools.js";
import { file, tool, writeFiles } from "./helpers.js";

interface Rule {
  record: string;
  expr: string;
  labels: Record<string, string>;
}

interface ExprTest {
  expr: string;
  eval_time: string;
  exp_samples: Array<{ labels: string; value: number }>;
}

const RULES = "ops/monitoring/summary-rules.yml";
const TESTS = "ops/monitoring/tests/summary-rules.test.yml";

/** A Helm service behind an ingress: the ingress preset, with production's namespace as the scope. */
async function ingressProfile(): Promise<Profile> {
  return (await analyseService(fixturePath("monitoring", "helm-ingress-permits"), { write: false })).profile;
}

function rulesOf(files: RenderedFile[]): Rule[] {
  return (parse(file(files, RULES).content) as { groups: Array<{ rules: Rule[] }> }).groups.flatMap(
    (g) => g.rules,
  );
}

function exprTests(files: RenderedFile[]): ExprTest[] {
  const doc = parse(file(files, TESTS).content) as { tests: Array<{ promql_expr_test: ExprTest[] }> };
  return doc.tests.flatMap((t) => t.promql_expr_test);
}

/** Runs promtool test rules on the summary tests, with the rules files they load. */
async function promtoolTest(files: RenderedFile[]) {
  return withTempDir(async (dir) => {
    await writeFiles(dir, files);
    return tool("promtool", ["test", "rules", TESTS], dir);
  });
}

describe("summary series", () => {
  it("record Sloth's slo:* series per journey and SLI from the journey rules, with the scope labels", async () => {
    const profile = await ingressProfile();
    const files = await renderProfile(profile, {});
    const rules = rulesOf(files);
    for (const journey of someOf(profile.journeys, "journey")) {
      for (const sli of ["availability", "latency"] as const) {
        const own = rules.filter((r) => r.labels.journey === journey.id && r.labels.sli === sli);
        const records = own.map((r) => r.record);
        const period = `${journey.slo.periodDays}d`;
        expect(records).toEqual(
          expect.arrayContaining([
            SUMMARY.objective,
            SUMMARY.errorBudget,
            SUMMARY.periodDays,
            SUMMARY.currentBurnRate,
            SUMMARY.periodBurnRate,
            SUMMARY.budgetRemaining,
            `${SUMMARY.sliError}5m`,
            `${SUMMARY.sliError}${period}`,
            ...["5m", "30m", "1h", "2h", "6h", "1d", "3d"].map((w) => `${SUMMARY.burnRate}${w}`),
          ]),
        );
        expect(new Set(records).size, "each series once").toBe(records.length);
        for (const r of own)
          expect(r.labels, r.record).toEqual({
            service: "permits",
            journey: journey.id,
            sli,
            namespace: "permits-production",
          });
        const objective = sli === "availability" ? journey.slo.availability : journey.slo.latency.target;
        expect(own.find((r) => r.record === SUMMARY.objective)!.expr).toBe(`vector(${objective})`);
        // The error ratios copy the journey's recording rules, narrowed to the scope: no SLI maths again.
        const source = sli === "availability" ? "journey:sli_errors" : "journey:sli_latency_slow";
        expect(own.find((r) => r.record === `${SUMMARY.sliError}${period}`)!.expr).toBe(
          `${source}:ratio_rate${period}{service="permits", namespace="permits-production", journey="${journey.id}"}`,
        );
      }
    }
    for (const r of rules) expect(r.expr, r.record).not.toMatch(/rate\(|_total|_bucket/);
    // The budget is written at the objective's precision, never as 0.0050000000000000044.
    for (const r of rules.filter((x) => x.record === SUMMARY.errorBudget))
      expect(r.expr).toMatch(/^vector\(0\.0*[1-9]\d{0,3}\)$/);
    const kube = parse(file(files, "ops/monitoring/kubernetes/summary-rules.yml").content) as {
      kind: string;
      spec: { groups: unknown };
    };
    expect(kube.kind).toBe("PrometheusRule");
    expect(kube.spec.groups).toEqual(parse(file(files, RULES).content).groups);
    expect(file(files, "ops/monitoring/prometheus.yml").content).toContain("summary-rules.yml");
  });

  it("expect burn rate 0.25 and three quarters of the budget left at a quarter of the budget's error ratio", async () => {
    const profile = await exampleProfile("level-3-enquiry-service");
    const files = await renderProfile(profile, {});
    const checks = exprTests(files);
    const journey = profile.journeys[0]!;
    const sel = `{service="${profile.service.name}", journey="${journey.id}", sli="availability"}`;
    const budget = Number((1 - journey.slo.availability).toFixed(6));
    const valuesOf = (metric: string) =>
      checks.filter((c) => c.expr.includes(`${metric}${sel}`)).map((c) => c.exp_samples[0]!.value);
    expect(valuesOf(SUMMARY.errorBudget)).toEqual([budget]);
    // Steady quarter-budget errors, then a full outage for half the test: 1 ÷ budget now, half over the period.
    expect(valuesOf(SUMMARY.budgetRemaining)).toEqual([0.75, Number((1 - 0.5 / budget).toFixed(4))]);
    expect(valuesOf(SUMMARY.currentBurnRate)).toEqual([0.25, Number((1 / budget).toFixed(4))]);
    expect(valuesOf(`${SUMMARY.burnRate}1h`)).toEqual([0.25, Number((0.5 / budget).toFixed(4))]);
  });
});

describe.skipIf(lacks("promtool"))("summary series in promtool", () => {
  it("pass their tests on a scoped ingress service and on a preset whose SLIs share a counter", async () => {
    const ingress = await renderProfile(await ingressProfile(), {});
    const example = await exampleProfile("level-3-enquiry-service");
    const shared = await renderProfile({ ...example, monitoring: { sli: "prom-client" } }, {});
    for (const files of [ingress, shared]) {
      const { code, output } = await promtoolTest(files);
      expect(code, output).toBe(0);
      expect(exprTests(files).length).toBeGreaterThan(20);
    }
    await withTempDir(async (dir) => {
      await writeFiles(dir, shared);
      const { code, output } = await tool("promtool", ["check", "rules", RULES], dir);
      expect(code, output).toBe(0);
      expect(output).toMatch(/SUCCESS: \d+ rules found/);
    });
  });

  it("share one group per input when the preset cannot tell journeys apart (the ingress)", async () => {
    const profile = await ingressProfile();
    const first = profile.journeys[0]!;
    // Six journeys with one SLO: behind the ingress every one of them reads the very same series.
    const journeys = [1, 2, 3, 4, 5, 6].map((n) => ({ ...first, id: `route-${n}`, name: `Route ${n}` }));
    const files = await renderProfile({ ...profile, journeys }, {});
    const doc = parse(file(files, TESTS).content) as { tests: Array<{ promql_expr_test: ExprTest[] }> };
    // A steady quarter of the budget and an outage, each for both SLIs: two groups, not twelve.
    expect(doc.tests).toHaveLength(2);
    for (const j of journeys)
      expect(exprTests(files).filter((c) => c.expr.includes(`journey="${j.id}"`)).length).toBeGreaterThan(10);
    const { code, output } = await promtoolTest(files);
    expect(code, output).toBe(0);
  });

  it("fail when a burn rate divides by the wrong budget or an expectation is wrong", async () => {
    const files = await renderProfile(await exampleProfile("level-3-enquiry-service"), {});
    const budget = /vector\((0\.\d+)\)/.exec(
      rulesOf(files).find((r) => r.record === SUMMARY.errorBudget)!.expr,
    )![1]!;
    const wrongRules = files.map((f) =>
      f.path === RULES ? { ...f, content: f.content.split(`\\n/\\n${budget}`).join("\\n/\\n0.5") } : f,
    );
    expect(file(wrongRules, RULES).content).not.toEqual(file(files, RULES).content);
    const broken = await promtoolTest(wrongRules);
    expect(broken.code).not.toBe(0);
    expect(broken.output).toMatch(/slo:(current_)?burn_rate/);
    const wrongTest = files.map((f) =>
      f.path === TESTS ? { ...f, content: f.content.replace(/value: 0\.75$/m, "value: 0.7") } : f,
    );
    const off = await promtoolTest(wrongTest);
    expect(off.code).not.toBe(0);
    expect(off.output).toContain(SUMMARY.budgetRemaining);
  });
});
