import { existsSync } from "node:fs";
import { cp } from "node:fs/promises";
import path from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { checkByoQueries } from "../../../src/check/byo-queries.js";
import { markdownValidator } from "../../../src/check/validators/markdown.js";
import { promtoolRulesValidator, promtoolTestValidator } from "../../../src/check/validators/promtool.js";
import { analyseService, GovopsError } from "../../../src/index.js";
import { renderProfile } from "../../../src/packs/index.js";
import { expandQuery } from "../../../src/packs/monitoring/byo-sli.js";
import { labelsFor, valueFor } from "../../../src/packs/monitoring/matcher-values.js";
import { vectorSelectors } from "../../../src/packs/monitoring/promql-selectors.js";
import { windowsFor } from "../../../src/packs/monitoring/slo.js";
import { configSchema } from "../../../src/profile/config.js";
import type { Profile } from "../../../src/profile/schema.js";
import type { RenderedFile } from "../../../src/render/plan.js";
import { fixturePath, withTempDir } from "../../helpers.js";
import { govops } from "../../e2e/run-cli.js";
import { lacks } from "../../tools.js";
import { file, writeFiles } from "./helpers.js";

/** Every variant is the byo-sli service with a govops.config.yaml of its own: only the SLIs differ. */
const SERVICE = fixturePath("monitoring", "byo-sli");
const configOf = (variant: string) => fixturePath("monitoring", variant, "govops.config.yaml");

async function fixtureProfile(variant: string): Promise<Profile> {
  return (await analyseService(SERVICE, { write: false, config: configOf(variant) })).profile;
}

interface Rule {
  record?: string;
  alert?: string;
  expr: string;
}

function sloGroups(files: RenderedFile[]): Array<{ name: string; rules: Rule[] }> {
  return (parse(file(files, "ops/monitoring/slo-rules.yml").content) as { groups: [] }).groups;
}

async function promtoolProblems(files: RenderedFile[]) {
  return withTempDir(async (dir) => {
    await writeFiles(dir, files);
    const problems: Record<string, unknown> = {};
    for (const v of [promtoolRulesValidator, promtoolTestValidator]) {
      const targets = files
        .filter((f) => v.applies(f.path))
        .map((f) => ({ rel: f.path, abs: path.join(dir, f.path) }));
      problems[v.id] = (await v.run(targets)).problems;
    }
    return problems;
  });
}

const OWN_ERRORS =
  'http_server_requests_total{app="licences", uri=~"/licences/.*", outcome="SERVER_ERROR", namespace="licences-prod"}';

describe("a journey's own SLI", () => {
  it("is read for every window, with the selectors added, instead of the preset", async () => {
    const profile = await fixtureProfile("byo-sli");
    const files = await renderProfile(profile, {});
    const group = sloGroups(files).find((g) => g.name === "licences-licences-slo")!;
    const journey = profile.journeys.find((j) => j.id === "licences")!;
    for (const w of windowsFor(journey)) {
      const rule = group.rules.find((r) => r.record === `journey:sli_errors:ratio_rate${w}`)!;
      expect(rule.expr).toContain(`${OWN_ERRORS}[${w}]`);
      const latency = group.rules.find((r) => r.record === `journey:sli_latency_slow:ratio_rate${w}`)!;
      expect(latency.expr).toContain(
        `http_server_requests_seconds_bucket{app="licences", uri=~"/licences/(apply|status)", le="1", namespace="licences-prod"}[${w}]`,
      );
    }
    const all = group.rules.map((r) => r.expr).join("\n");
    expect(all).not.toContain("{{window}}");
    expect(all).not.toContain("http_requests_total");
    const alert = (name: string) => group.rules.find((r) => r.alert === name)!.expr;
    // The guard, the low-traffic page and the absent() ticket read the total query.
    const total = (w: string) =>
      `sum(sum by (app) (rate(http_server_requests_total{app="licences", uri=~"/licences/.*", namespace="licences-prod"}[${w}])))`;
    expect(alert("LicencesLicencesAvailabilityBudgetBurn")).toContain(`${total("1h")} >= `);
    expect(alert("LicencesLicencesNoSuccessfulRequests")).toContain(`${total("1h")} < `);
    expect(alert("LicencesLicencesSliMetricsAbsent")).toContain(`absent(${total("10m")})`);
    const readme = file(files, "ops/monitoring/README.md").content;
    expect(readme).toContain(
      '- Renew a licence: its own queries in govops.config.yaml (availability: `sum(rate(renewal_failures_total{app="licences"}[{{window}}]))`',
    );
  });

  it.skipIf(lacks("promtool"))(
    "gets promtool scenarios from its selectors, and passes check and test rules",
    async () => {
      const files = await renderProfile(await fixtureProfile("byo-sli"), {});
      const tests = parse(file(files, "ops/monitoring/tests/slo-rules.test.yml").content) as {
        tests: Array<{
          input_series: Array<{ series: string }>;
          alert_rule_test: Array<{ alertname: string }>;
        }>;
      };
      const firing = (alert: string) =>
        tests.tests.filter((t) => t.alert_rule_test.some((c) => c.alertname === alert));
      for (const alert of [
        "LicencesLicencesAvailabilityBudgetBurn",
        "LicencesLicencesLatencyBudgetBurn",
        "LicencesRenewalsAvailabilityBudgetBurn",
        "LicencesRenewalsLatencyBudgetBurn",
        "LicencesRenewalsNoSuccessfulRequests",
        "LicencesRenewalsSliMetricsAbsent",
      ])
        expect(firing(alert).length, alert).toBeGreaterThan(0);
      const series = tests.tests.flatMap((t) => t.input_series.map((s) => s.series));
      expect(series).toContain(
        'renewal_attempts_total{app="licences", slow="true", namespace="licences-prod"}',
      );
      expect(await promtoolProblems(files)).toEqual({
        "promtool-check-rules": [],
        "promtool-test-rules": [],
      });
    },
  );

  it.skipIf(lacks("promtool"))(
    "that govops cannot feed gets no scenarios and a TO DO, never a failing test",
    async () => {
      const files = await renderProfile(await fixtureProfile("byo-sli-untestable"), {});
      const tests = file(files, "ops/monitoring/tests/slo-rules.test.yml").content;
      expect(tests).not.toContain("LicencesLicences");
      // It measures availability only: no latency summary series, and no empty latency panels.
      const summary = file(files, "ops/monitoring/summary-rules.yml").content;
      expect(summary).toContain('sli: "availability"');
      expect(summary).not.toContain('sli: "latency"');
      const titles = (
        JSON.parse(file(files, "ops/monitoring/dashboard.json").content) as {
          panels: Array<{ title: string }>;
        }
      ).panels.map((p) => p.title);
      expect(titles.filter((t) => t.startsWith("Licences:"))).toEqual([
        "Licences: availability over 28d",
        "Licences: error budget remaining",
        "Licences: availability burn rate",
      ]);
      expect(file(files, "ops/monitoring/README.md").content).toContain(
        "- TO DO: journey licences: its own availability queries are not all rate(",
      );
      expect(await promtoolProblems(files)).toEqual({
        "promtool-check-rules": [],
        "promtool-test-rules": [],
      });
    },
  );

  it.skipIf(lacks("promtool"))(
    "on latency alone keeps its alerts to latency, and says so in their labels",
    async () => {
      const files = await renderProfile(await fixtureProfile("byo-sli-latency-only"), {});
      const group = sloGroups(files).find((g) => g.name === "licences-licences-slo")!;
      const alerts = group.rules.filter((r) => r.alert);
      // Burn-rate alerts come as a page and a ticket under one name; no availability alert is made.
      expect([...new Set(alerts.map((r) => r.alert))].sort()).toEqual([
        "LicencesLicencesLatencyBudgetBurn",
        "LicencesLicencesSliMetricsAbsent",
      ]);
      // Every alert of the journey is about latency: the ticket for missing metrics too.
      for (const rule of alerts as Array<Rule & { labels: Record<string, string> }>)
        expect(rule.labels.sli, rule.alert).toBe("latency");
      const absent = alerts.find((r) => r.alert === "LicencesLicencesSliMetricsAbsent")!;
      expect(absent.expr).toBe('absent(sum(sum(rate(licence_lookups_total{app="licences"}[10m]))))');
      expect(await promtoolProblems(files)).toEqual({
        "promtool-check-rules": [],
        "promtool-test-rules": [],
      });
    },
  );

  it.skipIf(lacks("promtool"))(
    "that promtool rejects fails generate, naming the journey and key",
    async () => {
      const profile = await fixtureProfile("byo-sli-bad-query");
      const error = await checkByoQueries(profile, () => {}).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GovopsError);
      expect((error as GovopsError).message).toMatch(
        /^journey "licences": sli\.slowQuery is not valid PromQL \(promtool: could not parse expression: .*unknown function with name "rte"\)$/,
      );
      // The good queries of the same journey pass on their own.
      const fixed = {
        ...profile,
        journeys: profile.journeys.map((j) => ({ ...j, sli: { ...j.sli, slowQuery: undefined } })),
      };
      await expect(checkByoQueries(fixed, () => {})).resolves.toBeUndefined();
    },
  );

  it.skipIf(lacks("promtool"))(
    "that promtool rejects stops the built CLI with exit 2 and one line",
    async () => {
      await withTempDir(async (tmp) => {
        await cp(SERVICE, tmp, { recursive: true });
        await cp(configOf("byo-sli-bad-query"), path.join(tmp, "govops.config.yaml"));
        const { code, stderr } = await govops(["generate", tmp]);
        expect(code).toBe(2);
        expect(stderr.split("\n")[0]).toMatch(
          /^govops: journey "licences": sli\.slowQuery is not valid PromQL \(promtool: .*"rte"\)$/,
        );
        expect(existsSync(path.join(tmp, "ops", "monitoring"))).toBe(false);
      });
    },
  );

  it("without promtool, generate warns that check will validate the queries", async () => {
    const profile = await fixtureProfile("byo-sli-bad-query");
    const warnings: string[] = [];
    const saved = process.env.PATH;
    process.env.PATH = path.join(fixturePath("monitoring"), "no-tools-here");
    try {
      await checkByoQueries(profile, (m) => warnings.push(m));
    } finally {
      process.env.PATH = saved;
    }
    expect(warnings).toEqual([
      "promtool is not installed, so the journeys' own SLI queries are not checked yet: `govops check` validates them",
    ]);
  });
});

describe("hostile SLI queries", () => {
  const parseJourney = (sli: Record<string, unknown>) =>
    configSchema.safeParse({ journeys: [{ id: "apply", sli }] });
  const messages = (sli: Record<string, unknown>) => {
    const result = parseJourney(sli);
    return result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
  };
  const ok = 'sum(rate(x_total{a="b"}[{{window}}]))';

  it.each([
    ["a newline", `${ok}\n- alert: Injected`, "must be one line without control characters"],
    ["a GitHub expression", `${ok} \${{ secrets.TOKEN }}`, "has an unknown placeholder {{ secrets.TOKEN }}"],
    [
      "an open action",
      'sum(rate(x_total{a="}}{{"}[{{window}}]))',
      'may not hold "{{" or "}}" other than {{window}}',
    ],
    [
      "an unknown placeholder",
      'sum(rate(x_total{a="{{env}}"}[{{window}}]))',
      "has an unknown placeholder {{env}}",
    ],
    ["a spaced placeholder", "sum(rate(x_total[{{ window }}]))", "has an unknown placeholder {{ window }}"],
    ["a backtick", "sum(rate(x_total{a=`b`}[{{window}}]))", "may not hold backticks"],
    ["no window", 'sum(rate(x_total{a="b"}[5m]))', "needs {{window}}"],
  ])("rejects %s, naming the journey and key", (_what, query, reason) => {
    const found = messages({ errorQuery: query, totalQuery: ok });
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(`journeys.0.sli.errorQuery: journey "apply": sli.errorQuery ${reason}`);
  });

  it("rejects an SLI without its total, or with two latency sources", () => {
    expect(messages({ errorQuery: ok })).toEqual([
      'journeys.0.sli.totalQuery: journey "apply": sli.totalQuery is missing: the SLI divides by it, and the low-traffic and absent() alerts read it',
    ]);
    expect(messages({ slowQuery: ok, totalQuery: ok, histogram: { metric: "h_seconds" } })).toEqual([
      'journeys.0.sli.slowQuery: journey "apply": sli.slowQuery and sli.histogram both measure latency: keep one',
    ]);
  });

  it.skipIf(lacks("promtool"))(
    "with quotes, backslashes and Markdown characters stay one intact YAML string and one code span",
    async () => {
      const profile = await fixtureProfile("byo-sli-hostile");
      const query = profile.journeys[0]!.sli!.errorQuery!;
      expect(query).toContain(`reason!="it's \\"odd\\": # | * _ $HOME \${x} <b>"`);
      const files = await renderProfile(profile, {});
      const record = sloGroups(files)[0]!.rules.find((r) => r.record === "journey:sli_errors:ratio_rate5m")!;
      expect(record.expr).toContain(`sum(${query.replace("{{window}}", "5m")})`);
      const readme = file(files, "ops/monitoring/README.md").content;
      expect(readme).toContain(`\`${query}\``);
      await withTempDir(async (dir) => {
        await writeFiles(dir, files);
        const rel = "ops/monitoring/README.md";
        const lint = await markdownValidator.run([{ rel, abs: path.join(dir, rel) }]);
        expect(lint.problems).toEqual([]);
      });
      expect(await promtoolProblems(files)).toEqual({
        "promtool-check-rules": [],
        "promtool-test-rules": [],
      });
    },
  );
});

describe("PromQL selectors of a query", () => {
  it("finds series, not functions, keywords, label lists, strings or durations", () => {
    const query =
      'sum by (job) (rate(a_total{x="}{", y=~"b|c"}[5m] offset 1h)) / on (job) group_left max without (z) (b_total) > bool 1e-9 and c';
    expect(
      vectorSelectors(query)?.map((s) => [s.metric, s.matchers.map((m) => `${m.name}${m.op}${m.value}`)]),
    ).toEqual([
      ["a_total", ["x=}{", "y=~b|c"]],
      ["b_total", []],
      ["c", []],
    ]);
  });

  it("picks label values that satisfy the matchers, and gives up where it cannot be sure", () => {
    const m = (name: string, op: "=" | "!=" | "=~" | "!~", value: string) => ({ name, op, value });
    expect(
      labelsFor([m("code", "=~", "5.."), m("route", "=~", "(/a|/b)/[0-9]+"), m("x", "!=", "y")]),
    ).toEqual({
      code: "500",
      route: "/a/0",
    });
    // A negated class is past what it writes examples for, but a fallback value may still fit: it is checked.
    expect(labelsFor([m("code", "=~", "[^2].."), m("code", "!~", "")])).toEqual({ code: "500" });
    expect(labelsFor([m("code", "=~", "[^2]x")])).toBeUndefined();
    expect(valueFor("code", [], [m("code", "=~", "5..")])).toBe("");
    expect(valueFor("code", [m("code", "=~", ".+")], [m("code", "=~", "5..")])).toBe("0");
  });

  it("adds the selectors to each series, unless it matches that label or names the service", () => {
    const scope = { labels: { namespace: "prod" }, anchors: ['service="apply"'] };
    const where = { journey: "apply", key: "totalQuery" };
    expect(
      expandQuery(
        'sum(rate(a{x="1",}[{{window}}])) + sum(rate(b[{{window}}])) + sum(rate(c{namespace="dev"}[1m])) + d{service="apply"}',
        "30m",
        scope,
        where,
      ),
    ).toBe(
      'sum(rate(a{x="1", namespace="prod"}[30m])) + sum(rate(b{namespace="prod"}[30m])) + sum(rate(c{namespace="dev"}[1m])) + d{service="apply"}',
    );
    expect(() => expandQuery('sum(rate(a{x=~"1" or}[5m]))', "5m", scope, where)).toThrow(
      'journey "apply": sli.totalQuery is PromQL govops cannot read to add monitoring.selectors to its series',
    );
  });
});
