import { writeFile } from "node:fs/promises";
import path from "node:path";
import { parse, stringify } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { lacks } from "../../tools.js";
import type { Journey, Profile } from "../../../src/profile/schema.js";
import { burnRows, type BurnRow } from "../../../src/packs/monitoring/burn-rate.js";
import { SLI_RECORD, SLO_FOR, sloAlertName } from "../../../src/packs/monitoring/slo.js";
import { sliSeries } from "../../../src/packs/monitoring/slo-scenarios.js";
import { sliPreset } from "../../../src/packs/monitoring/sli-presets.js";
import { examplePack, exampleProfile, withTempDir } from "../../helpers.js";
import { file, tool } from "./helpers.js";

/**
 * How long an incident takes to page, measured by running promtool over the generated SLO rules, against
 * what the burn-rate table implies: a row fires after (burn rate ÷ incident's burn multiple) × long window,
 * plus the alert's `for`.
 */
const EXAMPLE = "level-3-enquiry-service";

function minutesOf(d: string): number {
  const units: Record<string, number> = { d: 1440, h: 60, m: 1, s: 1 / 60 };
  return [...d.matchAll(/(\d+)([dhms])/g)].reduce((n, [, v, u]) => n + Number(v) * units[u!]!, 0);
}

function implied(rows: BurnRow[], multiple: number, severity: "page" | "ticket"): number | undefined {
  const times = rows
    .filter((r) => r.severity === severity && r.burnRate < multiple)
    .map((r) => (r.burnRate / multiple) * minutesOf(r.long) + minutesOf(SLO_FOR[severity]));
  return times.length ? Math.min(...times) : undefined;
}

interface Run {
  /** Minutes from the start of the incident to the first evaluation where each severity was firing. */
  page?: number;
  ticket?: number;
}

let profile: Profile;
let journey: Journey;
let rulesYaml: string;

beforeAll(async () => {
  profile = await exampleProfile(EXAMPLE);
  journey = profile.journeys.find((j) => j.criticality === "critical")!;
  const slo = parse(file(await examplePack(EXAMPLE), "ops/monitoring/slo-rules.yml").content);
  const group = slo.groups.find((g: { name: string }) => g.name.endsWith(`-${journey.id}-slo`));
  const alert = sloAlertName(profile.service.name, journey.id, "availability");
  // Only this SLI's generated rules, unchanged, so promtool evaluates days of samples in seconds.
  const rules = group.rules.filter(
    (r: { record?: string; alert?: string }) =>
      r.record?.startsWith(SLI_RECORD.availability) || r.alert === alert,
  );
  rulesYaml = stringify({ groups: [{ name: group.name, rules }] });
});

/** Healthy traffic, then an incident at a steady error ratio; promtool reports when the alert fires. */
async function measure(
  ratio: number,
  historyMinutes: number,
  incidentMinutes: number,
  every: string,
  checkAt: number[],
): Promise<Run> {
  const alertname = sloAlertName(profile.service.name, journey.id, "availability");
  const series = sliSeries(sliPreset(profile), profile.service.name, journey, "availability", [
    { ratio: 0, minutes: historyMinutes },
    { ratio, minutes: incidentMinutes },
  ]);
  const tests = {
    rule_files: ["rules.yml"],
    evaluation_interval: every,
    tests: [
      {
        interval: "1m",
        input_series: series,
        // Expect silence everywhere: promtool then reports exactly the times the alert was firing.
        alert_rule_test: checkAt.map((m) => ({
          eval_time: `${historyMinutes + m}m`,
          alertname,
          exp_alerts: [],
        })),
      },
    ],
  };
  return withTempDir(async (dir) => {
    await writeFile(path.join(dir, "rules.yml"), rulesYaml);
    await writeFile(path.join(dir, "test.yml"), stringify(tests));
    const { output } = await tool("promtool", ["test", "rules", "test.yml"], dir);
    expect(output).not.toMatch(/parse error|unmarshal|could not|invalid/i);
    const run: Run = {};
    for (const block of output.split(/alertname: /).slice(1)) {
      const at = minutesOf(/time: ([\dydhms]+)/.exec(block)![1]!) - historyMinutes;
      for (const severity of ["page", "ticket"] as const)
        if (block.includes(`severity="${severity}"`)) run[severity] = Math.min(run[severity] ?? Infinity, at);
    }
    return run;
  });
}

const range = (from: number, to: number, step: number) =>
  Array.from({ length: Math.floor((to - from) / step) + 1 }, (_, i) => from + i * step);

describe.skipIf(lacks("promtool"))(
  `time to page on ${EXAMPLE}'s critical journey, measured with promtool`,
  () => {
    it("pages for a full outage within a minute of what the 1h row implies", async () => {
      const rows = burnRows(journey.slo.availability, journey.slo.periodDays, journey.id);
      const expected = implied(rows, 1 / (1 - journey.slo.availability), "page")!;
      // Six healthy hours first, so the 6h row's window is full and the 1h row decides, as in steady state.
      const run = await measure(1, 360, 30, "1m", range(0, 30, 1));
      expect(run.page).toBeDefined();
      expect(
        Math.abs(run.page! - expected),
        `measured ${run.page}m, table implies ${expected}m`,
      ).toBeLessThanOrEqual(1);
      expect(run.page!).toBeLessThan(10);
    });

    it("pages for a 10x burn through the 6h row, after about 3.4 hours", async () => {
      const rows = burnRows(journey.slo.availability, journey.slo.periodDays, journey.id);
      const expected = implied(rows, 10, "page")!;
      expect(expected).toBeCloseTo((5.6 / 10) * 360 + 2, 5);
      const run = await measure(10 * (1 - journey.slo.availability), 240, 240, "1m", range(0, 240, 1));
      expect(
        Math.abs(run.page! - expected),
        `measured ${run.page}m, table implies ${expected}m`,
      ).toBeLessThanOrEqual(1);
    });

    it("never pages for a 2x burn, and opens a ticket after about 33.6 hours through the 3d row", async () => {
      const rows = burnRows(journey.slo.availability, journey.slo.periodDays, journey.id);
      expect(implied(rows, 2, "page")).toBeUndefined();
      const expected = implied(rows, 2, "ticket")!;
      expect(expected).toBeCloseTo((0.9333 / 2) * 72 * 60 + 15, 5);
      // 5-minute evaluations over 75 hours of samples; hourly checks catch anything firing early.
      const checks = [...range(0, 33 * 60, 60), ...range(33 * 60, 35 * 60, 5)];
      const run = await measure(2 * (1 - journey.slo.availability), 40 * 60, 35 * 60, "5m", checks);
      expect(run.page).toBeUndefined();
      expect(run.ticket).toBeDefined();
      expect(
        Math.abs(run.ticket! - expected),
        `measured ${run.ticket}m, table implies ${expected}m`,
      ).toBeLessThanOrEqual(10);
    });
  },
);
