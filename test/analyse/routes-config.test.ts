import { describe, expect, it } from "vitest";
import { analyseFixture, routeKeys, where } from "./fixture.js";

describe("config-driven routes: HOF steps maps", () => {
  it("serves every step under its app's baseUrl, with POST for steps that take input", async () => {
    const a = await analyseFixture("hof-steps");
    expect(routeKeys(a).sort()).toEqual([
      "GET /accessibility",
      "GET /cookies",
      "GET /renew-licence/address",
      "GET /renew-licence/confirm",
      "GET /renew-licence/done",
      "GET /renew-licence/holder",
      "POST /renew-licence/address",
      "POST /renew-licence/confirm",
      "POST /renew-licence/holder",
    ]);
    expect(where(a.facts.routes.find((r) => r.path === "/renew-licence/address")!.evidence)).toBe(
      "apps/renewal/index.js:11",
    );
    expect(a.facts.frameworks.map((f) => `${f.name} ${where(f.evidence)}`)).toEqual(["express server.js:4"]);
    // HOF keeps its sessions in Redis by default: a datastore no line of the service's own code connects to.
    expect(a.facts.datastores.map((d) => `${d.kind} ${d.client} ${d.envVar} ${where(d.evidence)}`)).toEqual([
      "redis hof REDIS_HOST server.js:4",
    ]);
  });
});

describe("next.js: pageExtensions and basePath", () => {
  it("takes only files with a configured extension under pages/ as pages, under the basePath's default", async () => {
    // A page takes a POST only when it renders a form and has getServerSideProps to receive it.
    const a = await analyseFixture("nextjs-config-pages");
    expect(routeKeys(a).sort()).toEqual([
      "GET /grants",
      "GET /grants/apply/:applicationId",
      "GET /grants/apply/name",
      "GET /grants/apply/summary",
      "POST /grants/api/submit",
      "POST /grants/apply/name",
    ]);
    expect(where(a.facts.routes.find((r) => r.method === "POST")!.evidence)).toBe(
      "web/src/pages/api/submit.page.ts:2",
    );
  });
});

describe("inversify-express-utils: decorated controllers", () => {
  it("joins rootPath, the controller path (shared by two controllers) and each method decorator", async () => {
    const a = await analyseFixture("inversify-controllers");
    expect(routeKeys(a).sort()).toEqual([
      "GET /api/grants",
      "GET /api/grants/search",
      "POST /api/grants/:grantId/award",
      "PUT /api/grants/:grantId",
    ]);
    expect(where(a.facts.routes.find((r) => r.method === "PUT")!.evidence)).toBe(
      "src/controllers/grants.controller.ts:18",
    );
  });
});
