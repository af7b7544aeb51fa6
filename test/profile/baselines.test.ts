import { describe, expect, it } from "vitest";
import {
  baselineSchema,
  listBaselines,
  loadBaseline,
  parseBaseline,
  PROFILES_DIR,
} from "../../src/profile/baseline.js";
import { minimumSlo } from "../../src/profile/config.js";
import { burnRows } from "../../src/packs/monitoring/burn-rate.js";
import path from "node:path";

const frameworks = ["service-standard", "tcop", "wcag-2.2-aa", "uk-gdpr", "ncsc-caf"] as const;

describe("level baselines", async () => {
  const files = await listBaselines();

  it("ships one baseline per level, 1 to 5", () => {
    expect(files.map((f) => f.slice(0, 8))).toEqual([
      "level-1-",
      "level-2-",
      "level-3-",
      "level-4-",
      "level-5-",
    ]);
  });

  for (const level of [1, 2, 3, 4, 5]) {
    describe(`level ${level}`, async () => {
      const baseline = await loadBaseline(level);

      it("parses with the profile schema's names and declares its own level", () => {
        expect(baseline.level).toBe(level);
        expect(baselineSchema.safeParse(baseline).success).toBe(true);
      });

      it("has at least eight specific failure modes, each with citizen impact, mitigation, recovery and comms", () => {
        expect(baseline.failureModes.length).toBeGreaterThanOrEqual(8);
        for (const fm of baseline.failureModes) {
          expect(fm.citizenImpact.length, fm.id).toBeGreaterThan(40);
          expect(fm.mitigation.length, fm.id).toBeGreaterThan(0);
          expect(fm.recovery.length, fm.id).toBeGreaterThan(0);
        }
        const ids = baseline.failureModes.map((f) => f.id);
        expect(new Set(ids).size).toBe(ids.length);
        expect(new Set(baseline.failureModes.map((f) => f.severity)).size).toBeGreaterThanOrEqual(3);
      });

      it("maps every framework to what covers it", () => {
        for (const framework of frameworks)
          expect(
            baseline.compliance.some((c) => c.framework === framework),
            framework,
          ).toBe(true);
        for (const c of baseline.compliance)
          expect(c.coveredBy.length > 0 || c.gap !== undefined, c.id).toBe(true);
      });

      it("names its peak periods and change freezes", () => {
        expect(baseline.peakPeriods.length + baseline.changeFreezes.length).toBeGreaterThanOrEqual(2);
        expect(baseline.changeFreezes.length).toBeGreaterThanOrEqual(1);
      });

      it("sets SLOs whose page alerts can fire", () => {
        for (const slo of [baseline.defaults.slo, baseline.defaults.secondarySlo]) {
          for (const target of [slo.availability, slo.latency.target]) {
            expect(target).toBeGreaterThan(minimumSlo(slo.periodDays));
            expect(() => burnRows(target, slo.periodDays, "baseline")).not.toThrow();
          }
        }
      });

      it("links failure modes only through appliesTo, leaving ids to analysis", () => {
        for (const fm of baseline.failureModes)
          expect(fm.affects).toEqual({ journeys: [], dependencies: [] });
      });
    });
  }

  it("rejects an unknown key in a baseline with the file and the field path", async () => {
    await expect(
      parseBaseline(path.resolve("test/fixtures/profile/baseline-unknown-key/level-9-bad.yaml")),
    ).rejects.toThrow(/level-9-bad\.yaml.*failureModes\.0/);
  });

  it("keeps the level-1 citizen context about deadlines and accessibility", async () => {
    const b = await parseBaseline(path.join(PROFILES_DIR, files[0]!));
    expect(b.citizenContext).toMatch(/deadline/);
    expect(b.failureModes.map((f) => f.id)).toContain("form-inaccessible-after-release");
  });
});
