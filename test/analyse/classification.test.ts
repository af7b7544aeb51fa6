import { describe, expect, it } from "vitest";
import { analyse } from "../../src/analyse/index.js";
import { classify, UNSURE_BELOW } from "../../src/analyse/classify.js";
import { pathWords } from "../../src/analyse/detectors/archetype-signals.js";
import { sharedCoreBaseline, loadBaseline } from "../../src/profile/baseline.js";
import type { Facts } from "../../src/analyse/facts.js";
import { examplePath } from "../helpers.js";
import { analyseFixture } from "./fixture.js";

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

  it("a tie or a confidence below the documented threshold is unsure, and every signal is said in words", () => {
    const tie = classify(factsWith(["case-work", "form-steps"]));
    expect(tie.unsure).toBe(true);
    expect(tie.signals).toEqual([
      "case, enquiry or triage pages (case-work) at src/app.ts:3: +3 to Level 3",
      "multi-step form pages (apply, check answers, declaration, confirmation) (form-steps) at src/app.ts:3: +3 to Level 1",
    ]);
    const clear = classify(factsWith(["rules-engine", "rule-sets-as-data"]));
    expect(clear.unsure).toBeUndefined();
    expect(clear.confidence).toBeGreaterThanOrEqual(UNSURE_BELOW);
  });

  it("generic case features do not tip Level 3 into 4; legacy signals do", () => {
    const generic = classify(
      factsWith(["case-work", "migrations", "scheduler", "audit-trail", "sla-tracking"]),
    );
    expect(generic.value).toBe(3);
    expect(generic.scores[4]).toBe(0);
    const legacy = classify(factsWith(["case-work", "legacy-migration", "dual-running", "deadlines"]));
    expect(legacy.value).toBe(4);
  });

  it("Level 5 from eligibility and calculation modules and rate tables kept as data", () => {
    const c = classify(factsWith(["calculation-rules", "rule-sets-as-data", "form-steps"]));
    expect(c).toMatchObject({ value: 5 });
    expect(c.scores[5]).toBe(6);
  });

  it("path words are whole words: no sla in translation, no Parliament in questions alone", () => {
    expect(pathWords("src/translations/sla-free.ts").has("sla")).toBe(true);
    expect(pathWords("src/translation/index.ts").has("sla")).toBe(false);
    expect([...pathWords("src/checkYourAnswers/questions.page.tsx")]).toEqual([
      "src",
      "check",
      "your",
      "answers",
      "questions",
      "page",
      "tsx",
    ]);
  });

  it("an unsure level takes only what every archetype baseline shares: no peaks, freezes or own failure modes", async () => {
    const core = await sharedCoreBaseline(4);
    const all = await Promise.all([1, 2, 3, 4, 5].map((l) => loadBaseline(l)));
    expect(core.peakPeriods).toEqual([]);
    expect(core.changeFreezes).toEqual([]);
    for (const fm of core.failureModes)
      for (const b of all) expect(b.failureModes.map((f) => f.id)).toContain(fm.id);
    expect(core.failureModes.length).toBeLessThan(all[3]!.failureModes.length);
  });
});

describe("file-based pages do not make a service read-mostly", () => {
  it("Next.js pages are served by GET whatever they do, so five pages and one API route are not read-mostly", async () => {
    const { facts, level } = await analyseFixture("nextjs-pages-not-read-mostly");
    expect(facts.routes.filter((r) => r.method === "GET")).toHaveLength(5);
    expect(level.signals!.some((s) => s.includes("(read-mostly)"))).toBe(false);
    expect(level.value).toBe(1);
  });
});
