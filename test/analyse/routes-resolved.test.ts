import { describe, expect, it } from "vitest";
import { analyseFixture, routeKeys, where } from "./fixture.js";

describe("route paths that are not literals", () => {
  it("resolves URL registry members, templates, + chains and imported constants across modules", async () => {
    const a = await analyseFixture("express-path-constants");
    expect(routeKeys(a).sort()).toEqual([
      "GET /licensing/v1/fees/commercial",
      "GET /licensing/v1/fees/domestic",
      "GET /licensing/v1/permits",
      "GET /licensing/v1/permits/:permitId",
      "GET /licensing/v1/search",
      "POST /licensing/v1/permits/:permitId/renew",
      "PUT /licensing/v1/permits/:permitId",
    ]);
    const renew = a.facts.routes.find((r) => r.method === "POST")!;
    expect(where(renew.evidence)).toBe("src/routes/permits.js:11");
  });

  it("drops a route whose path comes from the environment alone", async () => {
    const a = await analyseFixture("express-path-constants");
    expect(a.facts.routes.filter((r) => r.evidence.file === "src/app.js")).toEqual([]);
  });
});

describe("routes registered through wrappers", () => {
  it("reads get/post helpers handed to route modules, local closures and named routes", async () => {
    const a = await analyseFixture("express-route-helpers");
    expect(routeKeys(a).sort()).toEqual([
      "GET /",
      "GET /admin/users",
      "GET /probation/:id/caseload",
      "POST /court-reports/:id/caseload",
    ]);
    expect(where(a.facts.routes.find((r) => r.method === "POST")!.evidence)).toBe("app/routes/caseload.js:7");
  });
});
