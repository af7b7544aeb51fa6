import { describe, expect, it } from "vitest";
import { analyse } from "../../src/analyse/index.js";
import { classify } from "../../src/analyse/classify.js";
import type { Facts } from "../../src/analyse/facts.js";
import { examplePath } from "../helpers.js";

const at = { file: "src/app.ts", line: 3 };

function factsWith(signals: string[]): Facts {
  return {
    frameworks: [],
    routes: [],
    datastores: [],
    integrations: [],
    auth: [],
    personalData: [],
    envVars: [],
    readiness: {
      healthEndpoints: [],
      metrics: { present: false, evidence: [] },
      logging: { present: false, evidence: [] },
      gracefulShutdown: { present: false, evidence: [] },
      outboundTimeouts: { present: true, evidence: [] },
    },
    deployFiles: [],
    ciFiles: [],
    signals: signals.map((name) => ({ name, evidence: at })),
    skipped: [],
    stats: { files: 1, sourceFiles: 1, lines: 1 },
  };
}

describe("level classification", () => {
  it("scores the archetypes from signals, and gives the winner's reasons with evidence", () => {
    const c = classify(factsWith(["rules-engine", "rule-sets-as-data", "template-views"]));
    expect(c.value).toBe(5);
    expect(c.scores).toMatchObject({ 1: 1, 5: 7 });
    expect(c.reasons).toEqual([
      "rules-engine (+4) at src/app.ts:3",
      "rule-sets-as-data (+3) at src/app.ts:3",
    ]);
    expect(c.confidence).toBeGreaterThan(0.8);
  });

  it("a close call has low confidence", () => {
    const close = classify(factsWith(["case-work", "form-steps"]));
    expect(close.confidence).toBeLessThan(0.3);
  });

  it("no signals: Level 1 with zero confidence, and it says so", () => {
    const c = classify(factsWith([]));
    expect(c).toMatchObject({ value: 1, confidence: 0 });
    expect(c.reasons[0]).toMatch(/no archetype signals/);
  });

  it("--level overrides the classification and keeps the analysis reasons after its own", async () => {
    const a = await analyse(examplePath("level-3-enquiry-service"), { level: 4 });
    expect(a.level).toMatchObject({ value: 4, overridden: true });
    expect(a.level.reasons[0]).toBe("level 4 set by --level");
    expect(a.level.reasons.slice(1).join("\n")).toMatch(/case-work/);
    expect(a.level.scores[3]).toBeGreaterThan(a.level.scores[4]!);
  });
});
