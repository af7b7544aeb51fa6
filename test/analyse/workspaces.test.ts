import { describe, expect, it } from "vitest";
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
});
