import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { analyse } from "../../src/analyse/index.js";
import { isWeighed } from "../../src/analyse/classify.js";
import { detectors } from "../../src/analyse/detectors/index.js";
import { NOT_SUMMARISED } from "../../src/analyse/workspaces.js";
import { fixturePath } from "../helpers.js";
import { analyseFixture } from "./fixture.js";

describe("monorepos and workspaces: each package analysed and named", () => {
  it("npm workspaces: services and libraries told apart, negated globs honoured", async () => {
    const a = await analyseFixture("workspaces-npm");
    expect(a.serviceName).toBe("claims-monorepo");
    expect(a.facts.packages).toEqual([
      expect.objectContaining({
        name: "api",
        path: "apps/api",
        role: "service",
        frameworks: ["express"],
        routes: 2,
        datastores: ["postgres"],
        envVars: ["DATABASE_URL"],
        evidence: { file: "apps/api/package.json", line: 1 },
      }),
      expect.objectContaining({
        name: "web",
        path: "apps/web",
        role: "service",
        frameworks: ["nextjs"],
        routes: 2,
      }),
      expect.objectContaining({ name: "shared", path: "packages/shared", role: "library", routes: 0 }),
    ]);
  });

  it("the top level still covers the whole tree the user pointed at", async () => {
    const { facts } = await analyseFixture("workspaces-npm");
    expect(facts.frameworks.map((f) => f.name).sort()).toEqual(["express", "nextjs"]);
    expect(facts.routes.map((r) => `${r.method} ${r.path}`).sort()).toEqual([
      "ALL /api/status",
      "GET /",
      "GET /claims/:id",
      "POST /claims",
    ]);
  });

  it("pnpm-workspace.yaml and lerna.json declare packages too", async () => {
    const pnpm = await analyseFixture("workspaces-pnpm");
    expect(pnpm.facts.packages?.map((p) => [p.name, p.path, p.role, p.frameworks])).toEqual([
      ["appeals-api", "services/appeals", "service", ["fastify"]],
    ]);
    const lerna = await analyseFixture("workspaces-lerna");
    expect(lerna.facts.packages?.map((p) => [p.name, p.path, p.role, p.routes])).toEqual([
      ["grants-service", "modules/grants", "service", 1],
    ]);
  });

  it("a single-package repository has no packages list", async () => {
    expect((await analyseFixture("koa-router-prefix")).facts.packages).toBeUndefined();
  });

  it("the detectors a package summary skips find nothing it shows or scores, on every analyse fixture", async () => {
    const skipped = detectors.filter((d) => NOT_SUMMARISED.has(d.id));
    expect(skipped.map((d) => d.id).sort()).toEqual([...NOT_SUMMARISED].sort());
    const seen = new Set<string>();
    for (const name of readdirSync(fixturePath("analyse"))) {
      const { facts } = await analyse(fixturePath("analyse", name), { detectors: skipped });
      for (const s of facts.signals) seen.add(s.name);
      const shown = [facts.frameworks, facts.routes, facts.datastores, facts.integrations, facts.envVars];
      expect(shown.flat(), name).toEqual([]);
      expect(facts.auth, name).toEqual([]);
      expect(
        facts.signals.filter((s) => isWeighed(s.name)),
        name,
      ).toEqual([]);
    }
    // The fixtures exercise them: these detectors do find their own (unweighed) signals.
    expect([...seen]).toEqual(
      expect.arrayContaining(["sign-in-on-all-routes", "helm-chart", "deploy-namespace"]),
    );
  });
});
