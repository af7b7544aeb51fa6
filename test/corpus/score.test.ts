import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  evidenceInTests,
  expectationSchema,
  normaliseName,
  normalisePath,
  scoreService,
  totals,
  VOCABULARY,
  type Expectation,
} from "../../corpus/scoring.mjs";
import {
  authKinds,
  datastoreKinds,
  frameworkNames,
  integrationKinds,
  personalDataCategories,
} from "../../src/analyse/facts.js";
import type { Facts } from "../../src/analyse/facts.js";
import { ROOT } from "../helpers.js";

const at = (file: string, line = 1) => ({ file, line });
const signal = (present: boolean, detail?: string) => ({
  present,
  ...(detail ? { detail } : {}),
  evidence: [],
});

/** Facts of a made-up enquiry service; each test overrides what it scores. */
function facts(over: Partial<Facts> = {}): Facts {
  return {
    frameworks: [{ name: "express", evidence: at("src/app.ts") }],
    routes: [],
    datastores: [],
    integrations: [],
    auth: [],
    personalData: [],
    envVars: [],
    readiness: {
      healthEndpoints: [{ path: "/health/", evidence: at("src/health.ts") }],
      metrics: signal(false),
      logging: signal(true, "structured logging: pino"),
      gracefulShutdown: signal(true, "handles SIGTERM"),
      outboundTimeouts: signal(true),
    },
    deployFiles: [],
    ciFiles: [],
    signals: [],
    skipped: [],
    stats: { files: 1, sourceFiles: 1, lines: 1 },
    ...over,
  };
}

function expectation(over: Record<string, unknown> = {}): Expectation {
  return expectationSchema.parse({
    repo: "example/enquiries",
    commit: "0123456789abcdef0123456789abcdef01234567",
    frameworks: ["express"],
    routes: ["GET /enquiries", "GET /enquiries/:id", "POST /enquiries/:id/notes", "GET /health"],
    route_patterns: ["* /enquiries/**", "GET /health"],
    datastores: ["postgres", "opensearch"],
    integrations: [
      { name: "case-api", kind: "http", aliases: ["cases"], env: ["CASE_API_URL"] },
      { name: "GOV.UK Notify", kind: "notify", aliases: ["notify"] },
      { name: "address-lookup", kind: "http", env: ["ADDRESS_LOOKUP_HOST"] },
    ],
    auth: ["oidc"],
    personal_data: ["contact", "identity"],
    health: "/health",
    metrics: "none",
    logger: ["pino"],
    graceful_shutdown: true,
    outbound_timeouts: "some",
    level: 3,
    level_alternatives: [4],
    why: "Staff answer enquiries from the public.",
    optional: { auth: ["session"], integrations: ["feature-flags"] },
    ...over,
  });
}

describe("corpus scoring", () => {
  it("normalises every spelling of a parameter and trailing slashes alike", () => {
    const spellings = ["/a/:id/b", "/a/{id}/b/", "/a/[id]/b", "/a/<id>/b", "/a//:id?/b", "/a/:id(\\d+)/b"];
    expect(new Set(spellings.map(normalisePath))).toEqual(new Set(["/a/:param/b"]));
    expect(normalisePath("/docs/[[...slug]]")).toBe("/docs/*");
    // path-to-regexp's repeated parameters are catch-alls too: the analyser writes Next.js's [[...x]] that way.
    expect(normalisePath("/docs/:slug*")).toBe("/docs/*");
    expect(normalisePath("/docs/:slug+")).toBe("/docs/*");
    expect(normalisePath("/docs/:slug")).toBe("/docs/:param");
    expect(normalisePath("/")).toBe("/");
    expect(normaliseName("Case_API")).toBe("case");
    expect(normaliseName("api")).toBe("api");
  });

  it("scores key routes for recall and every route against the key routes and patterns for precision", () => {
    const routes: Facts["routes"] = [
      { method: "GET", path: "/enquiries", framework: "express", evidence: at("src/routes.ts") },
      { method: "GET", path: "/enquiries/{enquiryId}", framework: "express", evidence: at("src/routes.ts") },
      { method: "ALL", path: "/enquiries/:id/notes", framework: "express", evidence: at("src/routes.ts") },
      { method: "GET", path: "/enquiries/:id/history", framework: "express", evidence: at("src/routes.ts") },
      { method: "GET", path: "${base}/enquiries/x", framework: "express", evidence: at("src/routes.ts") },
      { method: "GET", path: "/__mock/reset", framework: "express", evidence: at("src/routes.ts") },
      { method: "HEAD", path: "/anything", framework: "express", evidence: at("src/routes.ts") },
      { method: "GET", path: "/enquiries/", framework: "express", evidence: at("src/routes.ts") },
    ];
    const score = scoreService(expectation(), { facts: facts({ routes }), level: { value: 3 } }).sets.routes;
    // Found 3 of 4 key routes (GET /health is missing); 4 of the 6 distinct scored routes are accepted.
    expect(score).toMatchObject({ found: 3, expected: 4, correct: 4, actual: 6 });
    expect(score.recall).toBeCloseTo(0.75);
    expect(score.precision).toBeCloseTo(4 / 6);
    expect(score.missed).toEqual(["GET /health"]);
    expect(score.unexpected).toEqual(["GET ${base}/enquiries/x", "GET /__mock/reset"]);
  });

  it("does not measure route precision without patterns", () => {
    const routes: Facts["routes"] = [
      { method: "GET", path: "/elsewhere", framework: "express", evidence: at("src/routes.ts") },
    ];
    const score = scoreService(expectation({ route_patterns: undefined }), {
      facts: facts({ routes }),
      level: { value: 3 },
    }).sets.routes;
    expect(score.precision).toBeNull();
    expect(score.recall).toBe(0);
  });

  it("matches integrations by normalised name, alias or env var, and keeps optional ones out", () => {
    const integrations: Facts["integrations"] = [
      { name: "case-api", kind: "http", hasTimeout: true, evidence: at("src/clients/case-api.ts") },
      { name: "cases", kind: "http", hasTimeout: false, evidence: at("src/clients/cases.ts") },
      { name: "lookup", kind: "http", baseUrlEnv: "ADDRESS_LOOKUP_HOST", evidence: at("src/lookup.ts") },
      { name: "payments-api", kind: "http", evidence: at("src/pay.ts") },
      { name: "feature_flags", kind: "http", evidence: at("src/flags.ts") },
    ];
    const score = scoreService(expectation(), { facts: facts({ integrations }), level: { value: 3 } });
    expect(score.sets.integrations).toMatchObject({
      correct: 3,
      actual: 4,
      found: 2,
      expected: 3,
      duplicates: 1,
    });
    expect(score.sets.integrations.missed).toEqual(["GOV.UK Notify"]);
    expect(score.sets.integrations.unexpected).toEqual(["payments-api"]);
    // One inspected client with a timeout, one without.
    expect(score.actual.timeouts).toBe("some");
    expect(score.checks.timeouts).toBe(true);
  });

  it("compares kinds as sets, with aliases and optional kinds", () => {
    const f = facts({
      datastores: [
        { kind: "postgres", client: "pg", evidence: at("src/db.ts") },
        { kind: "postgres", client: "knex", evidence: at("src/knex.ts") },
        { kind: "redis", client: "ioredis", evidence: at("src/cache.ts") },
        // A spelling the analyser might use for the same store.
        { kind: "elasticsearch" as never, client: "@elastic/elasticsearch", evidence: at("src/search.ts") },
      ],
      auth: [
        { kind: "session", evidence: at("src/app.ts") },
        { kind: "jwt", evidence: at("src/auth.ts") },
      ],
    });
    const score = scoreService(expectation(), { facts: f, level: { value: 3 } });
    // postgres (twice) and elasticsearch = opensearch are right, redis is not expected.
    expect(score.sets.datastores).toMatchObject({ correct: 2, actual: 3, found: 2, expected: 2 });
    expect(score.sets.datastores.unexpected).toEqual(["redis"]);
    expect(score.sets.auth).toMatchObject({ correct: 0, actual: 1, found: 0, expected: 1, exact: false });
    expect(score.checks.auth).toBe(false);
  });

  it("reads readiness: health paths, libraries, console logging and shutdown", () => {
    const base = { level: { value: 3 } };
    const right = scoreService(expectation(), { facts: facts(), ...base }).checks;
    expect(right).toMatchObject({ health: true, metrics: true, logger: true, shutdown: true });
    const consoleOnly = facts({
      readiness: {
        ...facts().readiness,
        logging: signal(false),
        metrics: signal(true, "metrics: prom-client"),
      },
    });
    const wrong = scoreService(expectation({ logger: "console" }), { facts: consoleOnly, ...base }).checks;
    expect(wrong).toMatchObject({ logger: true, metrics: false });
    const noHealth = scoreService(expectation({ health: [] }), { facts: facts(), ...base }).checks;
    expect(noHealth.health).toBe(false);
  });

  it("says right, unsure or wrong about the level", () => {
    const outcome = (value: number | "unsure", over = {}) =>
      scoreService(expectation(over), { facts: facts(), level: { value } }).level.outcome;
    expect(outcome(3)).toBe("right");
    expect(outcome(4)).toBe("right");
    expect(outcome(2)).toBe("wrong");
    expect(outcome("unsure")).toBe("unsure");
    expect(outcome("unsure", { level: "unsure" })).toBe("right");
    expect(outcome(3, { level: "unsure" })).toBe("wrong");
  });

  it("counts facts whose evidence is in tests, mocks or vendored files", () => {
    const f = facts({
      routes: [
        { method: "GET", path: "/a", framework: "express", evidence: at("src/a.ts") },
        { method: "GET", path: "/b", framework: "express", evidence: at("integration_tests/mockApis/b.ts") },
      ],
      envVars: [{ name: "X", evidence: at("src/app.spec.ts") }],
      datastores: [{ kind: "redis", client: "redis", evidence: at(".yarn/cache/redis/index.js") }],
      readiness: {
        ...facts().readiness,
        gracefulShutdown: { present: true, evidence: [at("cypress/plugins.js")] },
      },
    });
    const found = evidenceInTests(f);
    expect(found.count).toBe(4);
    expect(found.files).toContain("integration_tests/mockApis/b.ts");
  });

  it("micro-averages totals over services", () => {
    const routes = (paths: string[]): Facts["routes"] =>
      paths.map((p) => ({ method: "GET", path: p, framework: "express", evidence: at("src/r.ts") }));
    const one = scoreService(expectation(), {
      facts: facts({ routes: routes(["/enquiries"]) }),
      level: { value: 3 },
    });
    const two = scoreService(expectation(), {
      facts: facts({ routes: routes(["/enquiries", "/enquiries/:id", "/health", "/other"]) }),
      level: { value: 1 },
    });
    const total = totals([one, two]);
    // Recall: (1 + 3) of (4 + 4); precision: (1 + 3) of (1 + 4).
    expect(total.sets.routes.recall).toBeCloseTo(4 / 8);
    expect(total.sets.routes.precision).toBeCloseTo(4 / 5);
    expect(total.level).toEqual({ right: 1, unsure: 0, wrong: 1 });
  });

  it("rejects words outside the vocabulary and routes without a method", () => {
    expect(() => expectation({ datastores: ["cassandra"] })).toThrow();
    expect(() => expectation({ routes: ["/enquiries"] })).toThrow();
    expect(() => expectation({ colour: "blue" })).toThrow();
  });

  it("knows every kind the analyser can report", () => {
    expect(VOCABULARY.frameworks).toEqual(expect.arrayContaining([...frameworkNames]));
    expect(VOCABULARY.datastores).toEqual(expect.arrayContaining([...datastoreKinds]));
    expect(VOCABULARY.integrationKinds).toEqual(expect.arrayContaining([...integrationKinds]));
    expect(VOCABULARY.auth).toEqual(expect.arrayContaining([...authKinds]));
    expect(VOCABULARY.personalData).toEqual(expect.arrayContaining([...personalDataCategories]));
  });

  it("parses every committed expectation file", () => {
    const dir = path.join(ROOT, "corpus", "expectations");
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".yaml"))) {
      const parsed = expectationSchema.parse(parse(readFileSync(path.join(dir, file), "utf8")));
      expect(`${parsed.repo.replace("/", "+")}.yaml`).toBe(file);
    }
  });
});
