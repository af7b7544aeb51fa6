import { describe, expect, it } from "vitest";
import { analyseFixture, routeKeys, where } from "./fixture.js";

describe("lambda: middy http-router routes and template events", () => {
  it("reads route arrays handed to the router through a helper, and arrays written in place", async () => {
    const a = await analyseFixture("lambda-middy-router");
    expect(routeKeys(a).sort()).toEqual(["GET /status", "GET /visits/{visitId}", "POST /visits/{visitId}"]);
    expect(where(a.facts.routes.find((r) => r.method === "POST")!.evidence)).toBe(
      "src/visits/lambdas/visits.ts:8",
    );
    expect(a.facts.frameworks.map((f) => f.name)).toEqual(["lambda"]);
  });

  it("reads Serverless http and httpApi events and SAM Api events, leaving {proxy+} catch-alls out", async () => {
    const a = await analyseFixture("lambda-templates");
    expect(routeKeys(a).sort()).toEqual(["GET /notes/{id}", "POST /exports", "POST /notes"]);
    expect(where(a.facts.routes.find((r) => r.path === "/exports")!.evidence)).toBe("sam/template.yaml:13");
    expect(where(a.facts.routes.find((r) => r.path === "/notes/{id}")!.evidence)).toBe("serverless.yml:17");
  });
});
