import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { analyse, type Analysis } from "../../src/analyse/index.js";
import { examplePath } from "../helpers.js";

const cache = new Map<string, Promise<Analysis>>();
function run(name: string): Promise<Analysis> {
  if (!cache.has(name)) cache.set(name, analyse(examplePath(name)));
  return cache.get(name)!;
}

const routes = (a: Analysis) => a.facts.routes.map((r) => `${r.method} ${r.path}`);
/** Evidence points at a real line of a production file of the example. */
function evidenced(name: string, e: { file: string; line: number }): boolean {
  const lines = readFileSync(path.join(examplePath(name), e.file), "utf8").split("\n").length;
  return e.line >= 1 && e.line <= lines && !/(^|\/)(test|testing)\//.test(e.file);
}

describe("analysis of the bundled examples names the right level and facts, with evidence", () => {
  it("level-1-forms-service: an Express form with Redis sessions, a case API and Notify", async () => {
    const a = await run("level-1-forms-service");
    expect(a.level.value).toBe(1);
    expect(a.level.reasons.join("\n")).toMatch(/form-steps.*\/apply/);
    expect(a.facts.frameworks.map((f) => f.name)).toEqual(["express"]);
    expect(routes(a)).toEqual(expect.arrayContaining(["GET /apply/start", "POST /apply/personal-details", "POST /apply/submit", "GET /apply/receipt.pdf"]));
    expect(a.facts.datastores).toContainEqual(expect.objectContaining({ kind: "redis", envVar: "REDIS_URL" }));
    expect(a.facts.integrations).toContainEqual(expect.objectContaining({ name: "case-api", baseUrlEnv: "CASE_API_URL", hasTimeout: true }));
    expect(a.facts.integrations.map((i) => i.kind)).toContain("notify");
    // Sessions alone are not authentication: no sign-in is found, and the session store is still reported.
    expect(a.facts.auth.map((x) => x.kind)).toEqual(["none", "session"]);
    const pd = Object.fromEntries(a.facts.personalData.map((p) => [p.field, p.category]));
    expect(pd).toMatchObject({ nationalInsuranceNumber: "identity", dateOfBirth: "identity", email: "contact", postcode: "contact" });
    expect(a.facts.readiness.gracefulShutdown.present).toBe(true);
    expect(a.facts.readiness.metrics.present).toBe(false);
    expect(a.facts.readiness.outboundTimeouts).toMatchObject({ present: false, detail: expect.stringContaining("GOV.UK Notify") });
  });

  it("level-2-data-dashboard: Fastify with prefixed plugins, two upstream APIs, CSV and no SIGTERM handling", async () => {
    const a = await run("level-2-data-dashboard");
    expect(a.level.value).toBe(2);
    expect(a.facts.frameworks.map((f) => f.name)).toEqual(["fastify"]);
    expect(routes(a)).toEqual(expect.arrayContaining(["GET /dashboard", "GET /dashboard/local-authorities", "GET /data/households.csv"]));
    expect(a.facts.datastores).toContainEqual(expect.objectContaining({ kind: "postgres", envVar: "DATABASE_URL" }));
    expect(a.facts.integrations.map((i) => i.baseUrlEnv).sort()).toEqual(expect.arrayContaining(["ONS_API_URL", "STATS_API_URL"]));
    expect(a.facts.personalData).toEqual([]);
    expect(a.facts.readiness.gracefulShutdown.present).toBe(false);
    expect(a.facts.readiness.metrics.present).toBe(true);
  });

  it("level-3-enquiry-service: Express routers under prefixes, PostgreSQL, Notify and OIDC", async () => {
    const a = await run("level-3-enquiry-service");
    expect(a.level.value).toBe(3);
    expect(routes(a)).toEqual(expect.arrayContaining(["POST /enquiries/new", "GET /caseworker/queue", "POST /caseworker/enquiries/:id/assign"]));
    expect(a.facts.datastores).toEqual([expect.objectContaining({ kind: "postgres", client: "pg", envVar: "DATABASE_URL" })]);
    expect(a.facts.integrations.map((i) => i.kind).sort()).toEqual(["notify", "oidc"]);
    expect(a.facts.auth.map((x) => x.kind).sort()).toEqual(["oidc"]);
    expect(a.facts.personalData.map((p) => p.field)).toEqual(expect.arrayContaining(["fullName", "email", "phoneNumber", "postcode"]));
    expect(a.facts.readiness.healthEndpoints.map((h) => h.path)).toContain("/health");
    expect(a.facts.readiness.outboundTimeouts).toMatchObject({ present: false, detail: expect.stringContaining("GOV.UK Notify") });
  });

  it("level-4-pq-tracker: Koa, knex migrations, the Parliament API and a legacy migration", async () => {
    const a = await run("level-4-pq-tracker");
    expect(a.level.value).toBe(4);
    expect(a.level.reasons.join("\n")).toMatch(/parliamentary/);
    expect(a.level.reasons.join("\n")).toMatch(/legacy-migration/);
    expect(a.facts.frameworks.map((f) => f.name)).toEqual(["koa"]);
    expect(routes(a)).toEqual(expect.arrayContaining(["GET /questions/:id/audit", "POST /questions/:id/clear", "POST /imports"]));
    expect(a.facts.datastores).toContainEqual(expect.objectContaining({ kind: "postgres", client: "knex", envVar: "DATABASE_URL" }));
    expect(a.facts.integrations).toContainEqual(expect.objectContaining({ baseUrlEnv: "PARLIAMENT_API_URL", hasTimeout: true }));
    expect(a.facts.auth.map((x) => x.kind)).toContain("jwt");
    expect(a.facts.readiness.gracefulShutdown.present).toBe(true);
  });

  it("level-5-rules-engine: Hapi routes, versioned rule sets, PostgreSQL audit and the procurement API", async () => {
    const a = await run("level-5-rules-engine");
    expect(a.level.value).toBe(5);
    expect(a.level.reasons.join("\n")).toMatch(/rules-engine.*json-rules-engine/);
    expect(a.facts.frameworks.map((f) => f.name)).toEqual(["hapi"]);
    expect(routes(a)).toEqual(expect.arrayContaining(["POST /assessments", "POST /assessments/{id}/submit", "GET /assessments/{id}/report.pdf"]));
    expect(a.facts.datastores).toContainEqual(expect.objectContaining({ kind: "postgres", envVar: "DATABASE_URL" }));
    expect(a.facts.integrations).toContainEqual(expect.objectContaining({ baseUrlEnv: "PROCUREMENT_API_URL", hasTimeout: true }));
    expect(a.facts.readiness.gracefulShutdown.present).toBe(false);
  });

  it("every finding carries file:line evidence inside the example", async () => {
    for (const name of ["level-1-forms-service", "level-2-data-dashboard", "level-3-enquiry-service", "level-4-pq-tracker", "level-5-rules-engine"]) {
      const f = (await run(name)).facts;
      for (const item of [...f.routes, ...f.datastores, ...f.integrations, ...f.auth, ...f.personalData, ...f.envVars]) {
        expect(evidenced(name, item.evidence), `${name}: ${JSON.stringify(item)}`).toBe(true);
      }
    }
  });
});
