import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { analyse, type Analysis } from "../../src/analyse/index.js";
import { loadBaseline, type Baseline } from "../../src/profile/baseline.js";
import { configSchema, type GovopsConfig } from "../../src/profile/config.js";
import { mergeProfile, type AiProposals } from "../../src/profile/merge.js";
import { profileToYaml } from "../../src/profile/io.js";
import { ownerOf } from "../../src/packs/monitoring/failure-modes.js";
import type { Profile } from "../../src/profile/schema.js";

const SERVICE = fileURLToPath(new URL("../fixtures/profile/service-with-config", import.meta.url));
const FILE = "govops.config.yaml";

let analysis: Analysis;
let baseline: Baseline;
beforeAll(async () => {
  analysis = await analyse(SERVICE, { level: 1 });
  baseline = await loadBaseline(1);
});

const merge = (config: GovopsConfig = {}, ai?: AiProposals): Profile =>
  mergeProfile({ analysis, baseline, ai, config: { file: FILE, config: configSchema.parse(config) } });
const byId = <T extends { id: string }>(items: T[], id: string): T => {
  const item = items.find((i) => i.id === id);
  if (!item) throw new Error(`no ${id} in ${items.map((i) => i.id).join(", ")}`);
  return item;
};
const at = "2026-11-30T00:00:00Z";
const aiProvenance = { source: "ai" as const, ai: { model: "test-model", requestHash: "abc", at } };

describe("analysis layer", () => {
  it("gives each journey, datastore and integration its own item and failure mode, with evidence", () => {
    const p = merge();
    expect(p.journeys.map((j) => j.id)).toEqual(["renew", "admin"]);
    expect(p.dependencies.map((d) => d.id)).toEqual(["postgres", "govuk-notify"]);
    for (const item of [...p.journeys, ...p.dependencies]) {
      expect(item.provenance.source).toBe("analysis");
      expect(item.provenance.evidence?.[0]?.file).toBe("src/app.js");
    }
    for (const id of ["renew-slo-burn", "admin-slo-burn", "postgres-unavailable", "govuk-notify-unavailable"])
      expect(byId(p.failureModes, id).provenance.source).toBe("analysis");
  });

  it("ties baseline failure modes to the journeys and dependencies found, with their evidence", () => {
    const fm = byId(merge().failureModes, "confirmation-not-sent");
    expect(fm.provenance.source).toBe("baseline");
    expect(fm.affects).toEqual({ journeys: ["renew"], dependencies: ["govuk-notify"] });
    expect(fm.provenance.evidence).toEqual([expect.objectContaining({ file: "src/app.js", line: 6 })]);
  });

  it("ranks the citizen journey above the staff one", () => {
    const p = merge();
    expect(byId(p.journeys, "renew").criticality).toBe("critical");
    expect(byId(p.journeys, "admin").criticality).toBe("high");
  });
});

describe("precedence: user, then analysis, then AI, then baseline", () => {
  it("the user's config beats analysis, keeping analysis evidence", () => {
    const postgres = byId(
      merge({ dependencies: [{ id: "postgres", timeoutMs: 3000, fallback: "Read-only mode" }] }).dependencies,
      "postgres",
    );
    expect(postgres).toMatchObject({ timeoutMs: 3000, fallback: "Read-only mode", criticality: "critical" });
    expect(postgres.provenance.source).toBe("user");
    expect(postgres.provenance.evidence?.[0]?.file).toBe("src/app.js");
  });

  it("the user's config beats the baseline", () => {
    const fm = byId(
      merge({ failureModes: [{ id: "deadline-day-overload", severity: "P1" }] }).failureModes,
      "deadline-day-overload",
    );
    expect(fm.severity).toBe("P1");
    expect(fm.provenance.source).toBe("user");
    expect(fm.title).toBe(byId(baseline.failureModes, "deadline-day-overload").title);
  });

  it("the user's config beats AI", () => {
    const ai: AiProposals = {
      peakPeriods: [
        {
          id: "school-holidays",
          name: "School holidays",
          start: "07-20",
          end: "09-01",
          provenance: aiProvenance,
        },
      ],
    };
    const peak = byId(
      merge({ peakPeriods: [{ id: "school-holidays", end: "08-31" }] }, ai).peakPeriods,
      "school-holidays",
    );
    expect(peak).toMatchObject({ name: "School holidays", start: "07-20", end: "08-31" });
    expect(peak.provenance.source).toBe("user");
  });

  it("analysis beats AI on what it found; AI fills only what analysis left unset", () => {
    const ai: AiProposals = {
      dependencies: [
        {
          id: "postgres",
          name: "Database",
          kind: "datastore",
          type: "postgres",
          criticality: "low",
          timeoutMs: 1500,
          fallback: "none",
          provenance: aiProvenance,
        },
      ],
    };
    const postgres = byId(merge({}, ai).dependencies, "postgres");
    expect(postgres).toMatchObject({ name: "PostgreSQL", criticality: "critical", timeoutMs: 1500 });
    expect(postgres.provenance).toMatchObject({ source: "analysis", ai: { model: "test-model" } });
  });

  it("AI wording beats a journey name made up from a route, but not its routes", () => {
    const renew = merge().journeys[0]!;
    const ai: AiProposals = {
      journeys: [{ ...renew, name: "Renew a parking permit", entryRoutes: [], provenance: aiProvenance }],
    };
    const merged = byId(merge({}, ai).journeys, "renew");
    expect(merged.name).toBe("Renew a parking permit");
    expect(merged.entryRoutes).toEqual(renew.entryRoutes);
  });

  it("AI beats the baseline, and its provenance names the model", () => {
    const base = byId(baseline.failureModes, "duplicate-submissions");
    const rest: Record<string, unknown> & typeof base = { ...base };
    delete rest.appliesTo;
    const ai: AiProposals = {
      failureModes: [
        { ...rest, citizenImpact: "Permit holders are charged twice.", provenance: aiProvenance },
      ],
    };
    const fm = byId(merge({}, ai).failureModes, "duplicate-submissions");
    expect(fm.citizenImpact).toBe("Permit holders are charged twice.");
    expect(fm.provenance).toMatchObject({ source: "ai", ai: { model: "test-model" } });
  });

  it("config SLO defaults reach analysed journeys; a journey patch changes only the fields it names", () => {
    const p = merge({
      defaults: { slo: { availability: 0.999 } },
      journeys: [{ id: "admin", slo: { latency: { thresholdMs: 3000 } } }],
    });
    expect(byId(p.journeys, "renew").slo).toEqual({ ...baseline.defaults.slo, availability: 0.999 });
    expect(byId(p.journeys, "admin").slo.latency).toEqual({
      ...baseline.defaults.secondarySlo.latency,
      thresholdMs: 3000,
    });
    expect(byId(p.journeys, "admin").slo.availability).toBe(baseline.defaults.secondarySlo.availability);
  });

  it("service fields record which layer set them", () => {
    const p = merge({ service: { department: "Department for Transport" } });
    expect(p.service.department).toBe("Department for Transport");
    expect(p.service.fieldSources).toMatchObject({
      department: "user",
      name: "analysis",
      description: "baseline",
    });
  });
});

describe("config items that do not fit", () => {
  it("a new item must be complete, and the error names the file and field path", () => {
    expect(() => merge({ failureModes: [{ id: "permit-printer-jam", severity: "P3" }] })).toThrow(
      /govops\.config\.yaml: "permit-printer-jam".*failureModes\.0\.title/,
    );
  });

  it("omitting an item also drops references to it; omitting an unknown id is an error", () => {
    const p = merge({ omit: { journeys: ["admin"] } });
    expect(p.journeys.map((j) => j.id)).toEqual(["renew"]);
    expect(p.dependencies.every((d) => !d.journeys.includes("admin"))).toBe(true);
    expect(p.failureModes.some((f) => f.affects.journeys.includes("admin"))).toBe(false);
    expect(() => merge({ omit: { journeys: ["nope"] } })).toThrow(
      /omit\.journeys\.0: there is no journeys item "nope"/,
    );
  });

  it("a user item naming a journey that does not exist is an error", () => {
    expect(() => merge({ dependencies: [{ id: "postgres", journeys: ["renewals"] }] })).toThrow(
      /"postgres" refers to journey "renewals", which does not exist/,
    );
  });

  it("AI proposals that do not fit the schema are refused with their path", () => {
    const bad = { failureModes: [{ id: "x", provenance: aiProvenance }] } as unknown as AiProposals;
    expect(() => merge({}, bad)).toThrow(/AI proposals.*failureModes\.0\.title/);
  });
});

describe("determinism", () => {
  it("same inputs give a byte-identical profile with no timestamps of its own", () => {
    const config: GovopsConfig = {
      service: { department: "DfT" },
      peakPeriods: [{ id: "a", name: "A", start: "01-01", end: "01-02" }],
    };
    const first = profileToYaml(merge(config));
    expect(profileToYaml(merge(config))).toBe(first);
    expect(first).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/);
  });

  it("the order AI proposals arrive in does not change the profile", () => {
    const period = (id: string) => ({ id, name: id, start: "05-01", end: "05-02", provenance: aiProvenance });
    const one = merge({}, { peakPeriods: [period("b"), period("a")] });
    const two = merge({}, { peakPeriods: [period("a"), period("b")] });
    expect(profileToYaml(one)).toBe(profileToYaml(two));
    expect(one.peakPeriods.slice(-2).map((p) => p.id)).toEqual(["a", "b"]);
  });
});

describe("a baseline failure mode that is a dependency's outage", () => {
  const OAUTH = fileURLToPath(new URL("../fixtures/analyse/auth-oauth-by-hand", import.meta.url));
  let level3: { analysis: Analysis; baseline: Baseline };
  beforeAll(async () => {
    level3 = { analysis: await analyse(OAUTH, { level: 3 }), baseline: await loadBaseline(3) };
  });
  const merge3 = (config: GovopsConfig = {}): Profile =>
    mergeProfile({ ...level3, config: { file: FILE, config: configSchema.parse(config) } });

  it("is the identity provider's one failure mode: its dependency alerts link there, with no generic second one", () => {
    const p = merge3();
    expect(p.dependencies.map((d) => d.id)).toContain("oidc-identity-provider");
    const outage = byId(p.failureModes, "identity-provider-outage");
    expect(outage.affects.dependencies).toEqual(["oidc-identity-provider"]);
    expect(outage.detection.alert).toBe("dependency");
    expect(p.failureModes.map((f) => f.id)).not.toContain("oidc-identity-provider-unavailable");
    expect(ownerOf(p, "dependency", { dependency: "oidc-identity-provider" })?.id).toBe(
      "identity-provider-outage",
    );
  });

  it("omitted in the config, it covers nothing: the dependency gets its generic failure mode back", () => {
    const p = merge3({ omit: { failureModes: ["identity-provider-outage"] } });
    expect(p.failureModes.map((f) => f.id)).not.toContain("identity-provider-outage");
    expect(ownerOf(p, "dependency", { dependency: "oidc-identity-provider" })?.id).toBe(
      "oidc-identity-provider-unavailable",
    );
  });
});
