import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ACTIONS, IMAGES } from "../../../src/packs/delivery/actions.js";
import { freezeWindows } from "../../../src/packs/delivery/freeze.js";
import { loadModel } from "../../../src/packs/delivery/load-model.js";
import { deliveryModel } from "../../../src/packs/delivery/model.js";
import { renderProfile } from "../../../src/packs/index.js";
import type { Profile } from "../../../src/profile/schema.js";
import { EXAMPLES, examplePack, exampleProfile } from "../../helpers.js";

const jobs = async (example: string, workflow = "ci") => {
  const file = (await examplePack(example, "github")).find(
    (f) => f.path === `.github/workflows/${workflow}.yml`,
  )!;
  return parse(file.content).jobs as Record<string, { steps?: Array<{ run?: string; uses?: string }> }>;
};
const gitlabJobs = async (example: string) =>
  Object.keys(
    parse((await examplePack(example, "gitlab")).find((f) => f.path === ".gitlab-ci.yml")!.content),
  );

describe("gates chosen from the profile", () => {
  it.each([
    [
      "level-1-forms-service",
      ["accessibility", "page-speed", "container"],
      ["migrations", "golden-assessments"],
    ],
    ["level-2-data-dashboard", ["page-speed", "accessibility"], ["migrations", "golden-assessments"]],
    ["level-3-enquiry-service", ["migrations", "container"], ["accessibility", "golden-assessments"]],
    ["level-4-pq-tracker", ["migrations"], ["accessibility", "page-speed", "golden-assessments"]],
    ["level-5-rules-engine", ["golden-assessments", "migrations"], ["accessibility", "page-speed"]],
  ])("%s: CI runs %j and not %j", async (example, present, absent) => {
    const ci = Object.keys(await jobs(example));
    const always = [
      "test",
      "codeql",
      "dependencies",
      "dependency-review",
      "secrets",
      "data-protection",
      "operations",
    ];
    expect(ci).toEqual(expect.arrayContaining([...always, ...present]));
    for (const job of absent) expect(ci).not.toContain(job);
    expect(await gitlabJobs(example)).toEqual(
      expect.arrayContaining(present.filter((j) => j !== "container")),
    );
  });

  it("checks a dashboard's data freshness on every deployment, through its /freshness route", async () => {
    const model = deliveryModel(await exampleProfile("level-2-data-dashboard"));
    expect(model.freshness).toEqual({ path: "/freshness" });
    expect(model.lighthouse?.dashboard).toBe(true);
    const deploy = await jobs("level-2-data-dashboard", "deploy");
    for (const env of ["staging", "production"])
      expect(deploy[env]!.steps!.map((s) => s.run)).toContain(
        'node ops/delivery/scripts/data-freshness.mjs "$BASE_URL"',
      );
  });

  it("wraps the PQ tracker's migrations in row counts and checksums, staging first", async () => {
    const deploy = await jobs("level-4-pq-tracker", "deploy");
    const runs = deploy.staging!.steps!.map((s) => s.run ?? "");
    const snapshot = runs.indexOf("ops/delivery/scripts/migration-safety.sh snapshot migration-snapshot");
    const migrate = runs.indexOf("ops/delivery/deploy.sh migrate staging");
    const compare = runs.indexOf("ops/delivery/scripts/migration-safety.sh compare migration-snapshot");
    expect(snapshot).toBeGreaterThan(-1);
    expect([snapshot, migrate, compare]).toEqual([...[snapshot, migrate, compare]].sort((a, b) => a - b));
    expect(runs.indexOf('ops/delivery/deploy.sh release staging "$ARTIFACT"')).toBeGreaterThan(compare);
  });

  it("scans Kubernetes and Terraform files when analysis finds them", async () => {
    const profile: Profile = structuredClone(await exampleProfile("level-3-enquiry-service"));
    const evidence = { file: "deploy/k8s/deployment.yaml", line: 1 };
    profile.facts.deployFiles.push(
      { kind: "kubernetes", evidence },
      { kind: "terraform", evidence: { file: "infra/main.tf", line: 1 } },
    );
    const files = await renderProfile(profile, { ciPlatform: "github" });
    const ci = parse(files.find((f) => f.path === ".github/workflows/ci.yml")!.content);
    expect(ci.jobs.infrastructure.steps.at(-1).run).toBe("ops/delivery/scripts/iac-scan.sh");
    expect(files.find((f) => f.path === "ops/delivery/scripts/iac-scan.sh")!.content).toContain(
      "#   infra/main.tf",
    );
  });

  it("bakes the data inventory into the personal data gate", async () => {
    const profile = await exampleProfile("level-1-forms-service");
    const gate = (await examplePack("level-1-forms-service")).find((f) =>
      f.path.endsWith("personal-data-gate.sh"),
    )!;
    const baked = /INVENTORY='([^']*)'/.exec(gate.content)?.[1]?.split(",");
    expect(baked).toEqual([...new Set(profile.data.personalData.map((p) => p.field))].sort());
  });
});

describe("repository hardening files", () => {
  it("dependabot updates actions, npm and the base image with a cooldown of 7 days or more", async () => {
    const files = await examplePack("level-1-forms-service", "github");
    const dependabot = parse(files.find((f) => f.path === ".github/dependabot.yml")!.content);
    expect(dependabot.updates.map((u: { "package-ecosystem": string }) => u["package-ecosystem"])).toEqual([
      "github-actions",
      "npm",
      "docker",
    ]);
    for (const u of dependabot.updates) expect(u.cooldown["default-days"]).toBeGreaterThanOrEqual(7);
    expect(files.find((f) => f.path === ".github/CODEOWNERS")).toMatchObject({ kind: "starter" });
    expect(files.find((f) => f.path === ".github/CODEOWNERS")!.content).toMatch(
      /^\/\.github\/workflows\/ @/m,
    );
    expect(files.find((f) => f.path === "SECURITY.md")).toMatchObject({ kind: "starter" });
  });
});

describe("pins", () => {
  it.each(EXAMPLES)("%s: every action and image comes from the pinned tables", async (example) => {
    const pinned = new Set(Object.values(ACTIONS).map((a) => `${a.repo}@${a.sha}`));
    const images = new Set<string>(Object.values(IMAGES));
    for (const file of await examplePack(example, "github")) {
      for (const m of file.content.matchAll(/uses: ([^\s#]+)/g))
        if (!m[1]!.startsWith("./")) expect(pinned).toContain(m[1]);
    }
    const gitlab = (await examplePack(example, "gitlab")).find((f) => f.path === ".gitlab-ci.yml")!.content;
    const used = [...gitlab.matchAll(/(?:image|name): "([^"]+)"|^\s+- "([^"]+@sha256:[^"]+)"/gm)];
    expect(used.length).toBeGreaterThanOrEqual(5);
    for (const m of used) expect(images).toContain(m[1] ?? m[2]);
  });
});

describe("load model", () => {
  it("takes thresholds from each journey's SLO and the peak from the busiest period", async () => {
    const profile = await exampleProfile("level-2-data-dashboard");
    const model = loadModel(profile);
    const top = Math.max(...profile.peakPeriods.map((p) => p.trafficMultiplier ?? 0));
    expect(model.peakMultiplier).toBe(top);
    for (const j of model.journeys) {
      const slo = profile.journeys.find((x) => x.id === j.id)!.slo;
      expect(j.thresholds[`http_req_duration{journey:${j.id}}`]).toEqual([
        `p(${Math.round(slo.latency.target * 1000) / 10})<${slo.latency.thresholdMs}`,
      ]);
      expect(j.thresholds[`http_req_failed{journey:${j.id}}`]![0]).toMatch(/^rate<0\.\d+$/);
      expect(j.peakRate).toBe(Math.round(j.normalRate * top));
    }
  });

  it("tests at twice normal load when no peak period says otherwise", async () => {
    const profile = { ...(await exampleProfile("level-3-enquiry-service")), peakPeriods: [] };
    expect(loadModel(profile).peakMultiplier).toBe(2);
  });
});

describe("freeze windows", () => {
  it("give a window with one calendar and one annual date the calendar year", async () => {
    const base = await exampleProfile("level-3-enquiry-service");
    const p = (start: string, end: string) => ({
      id: "w",
      name: "A | B\nC",
      start,
      end,
      description: "",
      provenance: { source: "user" as const },
    });
    const windows = freezeWindows({
      ...base,
      peakPeriods: [],
      changeFreezes: [p("2026-12-20", "01-05"), p("03-01", "2027-03-05")],
    });
    expect(windows.map((w) => [w.start, w.end, w.name])).toEqual([
      ["2026-12-20", "2027-01-05", "A B C"],
      ["2027-03-01", "2027-03-05", "A B C"],
    ]);
  });
});
