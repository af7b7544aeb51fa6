import path from "node:path";
import { describe, expect, it } from "vitest";
import { runPromtool } from "../../../src/check/validators/promtool.js";
import { monitoringAlerts } from "../../../src/packs/monitoring/alerts.js";
import { testGroups } from "../../../src/packs/monitoring/unit-tests.js";
import type { Profile } from "../../../src/profile/schema.js";
import { examplePack, exampleProfile, withTempDir } from "../../helpers.js";
import { lacks } from "../../tools.js";
import { writeFiles } from "./helpers.js";

const EXAMPLE = "level-3-enquiry-service";

/** The profile with each journey copied `times` times under new ids and routes. */
function widened(profile: Profile, times: number): Profile {
  const journeys = profile.journeys.flatMap((j) =>
    Array.from({ length: times }, (_, i) => ({
      ...j,
      id: `${j.id}-${i}`,
      entryRoutes: j.entryRoutes.map((r) => ({ ...r, path: `/copy-${i}${r.path}` })),
    })),
  );
  return { ...profile, journeys };
}

const sloGroups = (profile: Profile) => testGroups(monitoringAlerts(profile).filter((a) => a.file === "slo"));

describe("promtool test groups", () => {
  it("do not grow with the number of journeys: absent() scenarios share groups across journeys", async () => {
    const profile = await exampleProfile(EXAMPLE);
    const one = sloGroups(widened(profile, 1));
    const six = sloGroups(widened(profile, 6));
    expect(six.length).toBe(one.length);
    const absent = six.flatMap((g) => g.checks).filter((c) => c.alertname.endsWith("SliMetricsAbsent"));
    expect(absent.length).toBe(2 * 6 * profile.journeys.length);
    // Each group loads a series once, and never two scenarios' different values for it.
    for (const group of six) {
      const names = group.series.map((s) => s.series);
      expect(new Set(names).size).toBe(names.length);
    }
  });

  it("put a page and the low-traffic rule on the same input when their scenarios read the same series", async () => {
    const groups = sloGroups(await exampleProfile(EXAMPLE));
    const shared = groups.filter(
      (g) =>
        g.checks.some((c) => c.alertname.endsWith("AvailabilityBudgetBurn")) &&
        g.checks.some((c) => c.alertname.endsWith("NoSuccessfulRequests")),
    );
    expect(shared.length).toBeGreaterThan(0);
    expect(shared[0]!.name).toContain("one bad request at one request every ten minutes");
  });
});

describe.skipIf(lacks("promtool"))("promtool test rules in check", () => {
  it("says a run stopped by its time limit timed out, not that the rules failed", async () => {
    const files = await examplePack(EXAMPLE);
    await withTempDir(async (dir) => {
      await writeFiles(dir, files);
      const rel = "ops/monitoring/tests/slo-rules.test.yml";
      const target = [{ rel, abs: path.join(dir, rel) }];
      const stopped = await runPromtool(["test", "rules"], target, undefined, 1);
      expect(stopped.problems).toHaveLength(1);
      expect(stopped.problems![0]!.message).toMatch(
        /^timed out after 0\.001 s, not failed: `promtool test rules/,
      );
    });
  });
});
