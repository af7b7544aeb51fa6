import { describe, expect, it } from "vitest";
import { analyseFixture, routeKeys, where } from "./fixture.js";

describe("hapi: route objects in modules, registered inside plugins", () => {
  it("reads route modules spread into a list, a filtered list, import * as ns and an inline array", async () => {
    const a = await analyseFixture("hapi-route-modules");
    expect(routeKeys(a).sort()).toEqual([
      "GET /appeals",
      "GET /health",
      "GET /inline",
      "GET /reports/annual",
      "GET /reports/monthly",
      "POST /appeals/{appealId}",
      "PUT /appeals/{appealId}",
    ]);
    const put = a.facts.routes.find((r) => r.method === "PUT")!;
    expect(where(put.evidence)).toBe("src/routes/appeals.routes.js:7");
  });

  it("finds hapi from server.route when no @hapi package is declared", async () => {
    const a = await analyseFixture("hapi-route-modules");
    expect(a.facts.frameworks.map((f) => f.name)).toEqual(["hapi"]);
    expect(where(a.facts.frameworks[0]!.evidence)).toBe("src/plugins/parent.plugin.js:9");
  });

  it("leaves an exported { method, path } without a handler alone: it describes an outbound call", async () => {
    const a = await analyseFixture("hapi-route-modules");
    expect(a.facts.routes.map((r) => r.path)).not.toContain("/licences/{id}");
  });

  it("follows [].concat(require(…)) of modules exporting one route or an array", async () => {
    const a = await analyseFixture("hapi-concat-require");
    expect(routeKeys(a).sort()).toEqual(["GET /healthy", "GET /upload/{id}", "POST /upload"]);
    expect(where(a.facts.routes.find((r) => r.path === "/healthy")!.evidence)).toBe(
      "app/routes/healthy.js:1",
    );
    expect(where(a.facts.frameworks[0]!.evidence)).toBe("app/server.js:4");
  });
});

describe("hapi found from code, not from Express's server.route(path)", () => {
  it("keeps an Express app whose app is called server an Express app", async () => {
    const a = await analyseFixture("express-server-route");
    expect(a.facts.frameworks.map((f) => f.name)).toEqual(["express"]);
    expect(a.facts.routes.map((r) => `${r.framework} ${r.method} ${r.path}`).sort()).toEqual([
      "express GET /claims",
      "express POST /claims",
    ]);
  });
});
