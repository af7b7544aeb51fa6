import { describe, expect, it } from "vitest";
import { analyseFixture, routeKeys, where } from "./fixture.js";

describe("express: routers mounted under prefixes and router.route() chains", () => {
  it("joins the mount prefix and expands each chained method, with the handler's line", async () => {
    const a = await analyseFixture("express-route-chains");
    expect(routeKeys(a).sort()).toEqual([
      "DELETE /api/v1/items/:id",
      "GET /api/v1/items",
      "GET /api/v1/items/:id",
      "GET /health",
      "POST /api/v1/items",
      "PUT /api/v1/items/:id",
    ]);
    const post = a.facts.routes.find((r) => r.method === "POST")!;
    expect(where(post.evidence)).toBe("src/routes/items.ts:9");
    expect(where(a.facts.frameworks[0]!.evidence)).toBe("src/app.ts:5");
  });

  it("ignores routes in tests, fixtures and build output", async () => {
    const a = await analyseFixture("express-route-chains");
    const paths = a.facts.routes.map((r) => r.path);
    expect(paths).not.toContain("/only-in-tests");
    expect(paths).not.toContain("/fixture-route");
    expect(paths).not.toContain("/build-output");
  });
});

describe("express in CommonJS", () => {
  it("follows app.use('/x', require('./routes/x')) and route modules handed the app", async () => {
    const a = await analyseFixture("express-commonjs");
    expect(routeKeys(a).sort()).toEqual(["GET /benefits", "GET /healthz", "POST /benefits/:id/claim"]);
    expect(where(a.facts.routes.find((r) => r.path === "/healthz")!.evidence)).toBe("routes/health.js:2");
  });

  it("leaves a route module that imports nothing to the other framework when one is declared", async () => {
    const a = await analyseFixture("express-beside-fastify");
    expect(a.facts.routes.map((r) => `${r.framework} ${r.method} ${r.path}`).sort()).toEqual([
      "express GET /legacy",
      "fastify GET /v2/plugin",
    ]);
  });
});

describe("next.js: file-system routes", () => {
  it("reads pages/api methods from req.method checks, app/ route handlers from their exports", async () => {
    const a = await analyseFixture("nextjs-file-routes");
    expect(routeKeys(a).sort()).toEqual([
      "ALL /api/health",
      "DELETE /api/users/:id",
      "GET /",
      "GET /about",
      "GET /api/items",
      "GET /api/users/:id",
      "GET /apply/:step",
      "GET /docs/:slug*",
      "POST /api/items",
      "POST /api/payments",
    ]);
    expect(a.facts.frameworks.map((f) => f.name)).toEqual(["nextjs"]);
  });

  it("a page takes POST when it hands its request to a helper of its own that takes one", async () => {
    const a = await analyseFixture("nextjs-pages-post-helpers");
    // name: the helper lets only a POST through (`req.method !== 'POST'`); [grantId]: the helper parses the
    // submitted body. summary imports the same module as name, but never hands over its request: GET only.
    expect(routeKeys(a).sort()).toEqual([
      "GET /grants/:grantId",
      "GET /grants/name",
      "GET /grants/summary",
      "POST /grants/:grantId",
      "POST /grants/name",
    ]);
  });

  it("points each route handler at its export and skips _app, 404, private folders and tests", async () => {
    const a = await analyseFixture("nextjs-file-routes");
    const post = a.facts.routes.find((r) => r.method === "POST" && r.path === "/api/items")!;
    expect(where(post.evidence)).toBe("src/app/api/items/route.ts:6");
    const files = a.facts.routes.map((r) => r.evidence.file);
    expect(files.some((f) => /_app|404|_private|\.test\./.test(f))).toBe(false);
  });
});

describe("routers imported from another module", () => {
  it("express: routes added to, and routers mounted on, an imported router take its prefix", async () => {
    const a = await analyseFixture("express-imported-router");
    expect(routeKeys(a).sort()).toEqual([
      "GET /api/claims",
      "GET /api/claims/:id/notes",
      "GET /health",
      "POST /api/claims/:id/withdraw",
    ]);
    const withdraw = a.facts.routes.find((r) => r.method === "POST")!;
    expect(where(withdraw.evidence)).toBe("src/routes/claims.ts:6");
  });
});

describe("nestjs: controllers under the global prefix", () => {
  it("applies setGlobalPrefix and URI versions, including controllers no module lists", async () => {
    const a = await analyseFixture("nestjs-global-prefix");
    expect(routeKeys(a).sort()).toEqual([
      "GET /api/claims",
      "GET /api/claims/:id",
      "GET /api/v2/status/live",
      "GET /api/v2/status/ready",
      "POST /api/claims",
    ]);
    expect(where(a.facts.frameworks[0]!.evidence)).toBe("src/main.ts:7");
  });

  it("serves a module's controllers under its RouterModule path, children under their parent's", async () => {
    const a = await analyseFixture("nestjs-router-module");
    expect(routeKeys(a).sort()).toEqual([
      "GET /api/admin/reports/monthly",
      "GET /api/admin/users",
      "GET /api/health",
      "POST /api/admin/users/:id/disable",
    ]);
  });

  it("does not take routing-controllers decorators of the same name for NestJS routes", async () => {
    const a = await analyseFixture("nestjs-global-prefix");
    expect(a.facts.routes.map((r) => r.path).join(" ")).not.toMatch(/not-nest/);
  });
});

describe("fastify, hapi and koa", () => {
  it("fastify: plugins registered with a prefix, app.route with several methods", async () => {
    const a = await analyseFixture("fastify-register-prefix");
    expect(routeKeys(a).sort()).toEqual([
      "GET /cases",
      "GET /health",
      "GET /ready",
      "HEAD /ready",
      "POST /cases/:id/close",
    ]);
    expect(a.facts.readiness.healthEndpoints.map((h) => h.path)).toEqual(["/health", "/ready"]);
  });

  it("fastify: @fastify/autoload mounts each plugin at the prefix plus its folder, or its autoPrefix", async () => {
    const a = await analyseFixture("fastify-autoload");
    expect(routeKeys(a).sort()).toEqual([
      "GET /api",
      "GET /api/claims",
      "GET /api/claims/notes",
      "GET /api/exports/latest",
      "GET /health",
      "POST /api/claims/:id/evidence",
    ]);
    const evidence = a.facts.routes.find((r) => r.path === "/api/claims/:id/evidence")!.evidence;
    expect(where(evidence)).toBe("src/routes/claims/index.js:3");
  });

  it("hapi: server.route with one definition or an array", async () => {
    const a = await analyseFixture("hapi-server-route");
    expect(routeKeys(a).sort()).toEqual(["GET /claims/{id}", "GET /health", "POST /claims", "PUT /claims"]);
  });

  it("koa: @koa/router prefixes", async () => {
    const a = await analyseFixture("koa-router-prefix");
    expect(routeKeys(a).sort()).toEqual(["GET /appeals", "POST /appeals/:id/decision"]);
    expect(a.facts.frameworks.map((f) => f.name)).toEqual(["koa"]);
  });

  it("koa: routers nested with use(), across files, under the parent's prefix and their own", async () => {
    const a = await analyseFixture("koa-nested-routers");
    expect(routeKeys(a).sort()).toEqual([
      "GET /api/appeals",
      "GET /api/appeals/:id/documents",
      "GET /api/appeals/:id/history",
      "GET /api/whoami",
      "GET /status/live",
      "POST /api/appeals/:id/decision",
    ]);
    const documents = a.facts.routes.find((r) => r.path === "/api/appeals/:id/documents")!;
    expect(where(documents.evidence)).toBe("src/routes/appeals.ts:13");
  });
});
