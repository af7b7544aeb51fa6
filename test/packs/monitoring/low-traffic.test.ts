import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { minRequestRate } from "../../../src/packs/monitoring/slo.js";
import { events } from "../../../src/packs/monitoring/series.js";
import { examplePack, exampleProfile } from "../../helpers.js";
import { file } from "./helpers.js";

const EXAMPLE = "level-3-enquiry-service";

interface Rule {
  alert?: string;
  expr: string;
}

describe("minimum-traffic guard on burn-rate pages", () => {
  it("defaults to the rate at which one bad request in 5 minutes crosses the fastest page threshold", async () => {
    const profile = await exampleProfile(EXAMPLE);
    const journey = profile.journeys.find((j) => j.slo.availability === 0.995)!;
    expect(journey.slo.periodDays).toBe(28);
    // 28-day 1h row: burn rate 13.44, threshold 13.44 x 0.005 = 0.0672; 1 / (0.0672 x 300 s).
    expect(minRequestRate(journey, "availability")).toBeCloseTo(1 / (0.0672 * 300), 4);
    // Latency 95%: threshold 13.44 x 0.05 = 0.672.
    expect(minRequestRate(journey, "latency")).toBeCloseTo(1 / (0.672 * 300), 4);
    const configured = { ...journey, slo: { ...journey.slo, minRequestRate: 2.5 } };
    expect(minRequestRate(configured, "availability")).toBe(2.5);
    expect(minRequestRate(configured, "latency")).toBe(2.5);
  });

  it("guards every page row, no ticket row, and gives each journey a low-traffic page and an absent() ticket", async () => {
    const profile = await exampleProfile(EXAMPLE);
    const slo = parse(file(await examplePack(EXAMPLE), "ops/monitoring/slo-rules.yml").content) as {
      groups: Array<{ rules: Rule[] }>;
    };
    const alerts = slo.groups.flatMap((g) => g.rules.filter((r) => r.alert));
    for (const journey of profile.journeys) {
      const guard = minRequestRate(journey, "availability");
      const named = (suffix: string) => alerts.filter((a) => a.alert!.endsWith(suffix));
      const burn = alerts.filter(
        (a) => a.alert!.includes("Availability") && a.expr.includes(`journey="${journey.id}"`),
      );
      expect(burn).toHaveLength(2);
      const [page, ticket] = burn;
      expect(page!.expr.match(/and on\(\)/g)).toHaveLength(2);
      expect(page!.expr).toContain(`[1h])) >= ${guard}`);
      expect(page!.expr).toContain(`[6h])) >= ${guard}`);
      expect(ticket!.expr).not.toContain(">=");
      expect(named("NoSuccessfulRequests").some((a) => a.expr.includes(`< ${guard}`))).toBe(true);
      expect(named("SliMetricsAbsent").length).toBe(profile.journeys.length);
    }
  });

  it("writes sparse requests as a counter that steps by one", () => {
    expect(events([3, 5], 6)).toBe("0+0x2 1+0x1 2+0x1");
    expect(events([], 4)).toBe("0+0x4");
  });
});
