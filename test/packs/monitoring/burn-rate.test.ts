import { describe, expect, it } from "vitest";
import { GovopsError } from "../../../src/errors.js";
import { burnRows } from "../../../src/packs/monitoring/burn-rate.js";
import { renderProfile } from "../../../src/packs/index.js";
import { exampleProfile } from "../../helpers.js";

describe("burn-rate rows derived from the SLO and its period", () => {
  it("gives table 5-8's factors for 30 days and derives 28-day ones from the same budget fractions", () => {
    expect(burnRows(0.999, 30, "x").map((r) => r.burnRate)).toEqual([14.4, 6, 3, 1]);
    const rows = burnRows(0.995, 28, "x");
    expect(rows.map((r) => r.burnRate)).toEqual([13.44, 5.6, 2.8, 0.9333]);
    expect(rows.map((r) => [r.severity, r.long, r.short])).toEqual([
      ["page", "1h", "5m"],
      ["page", "6h", "30m"],
      ["ticket", "1d", "2h"],
      ["ticket", "3d", "6h"],
    ]);
    expect(rows[0]!.threshold).toBeCloseTo(13.44 * 0.005, 10);
  });

  it("refuses an SLO whose page row could never fire, saying which and what would work", () => {
    let error: unknown;
    try {
      burnRows(0.9, 30, 'Journey "apply" availability');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(GovopsError);
    expect((error as GovopsError).code).toBe("UNSAFE_SLO");
    expect((error as Error).message).toMatch(
      /Journey "apply" availability: an SLO of 90% over 30 days can never fire its 1h page alert/,
    );
    expect((error as GovopsError).suggestion).toMatch(/at least 93\.056%/);
  });

  it("refuses to render a pack for such a profile instead of writing alerts that cannot fire", async () => {
    const profile = structuredClone(await exampleProfile("level-3-enquiry-service"));
    profile.journeys[0]!.slo.availability = 0.9;
    await expect(renderProfile(profile, {})).rejects.toThrow(/can never fire its 1h page alert/);
  });
});
