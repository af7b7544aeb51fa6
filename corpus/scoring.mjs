// Scores an analysis against what a careful engineer wrote down for the same repository (corpus/README.md).
// Pure functions over plain objects: the CLI (score.mjs) feeds it analyses from dist/index.js.
import { z } from "zod";

// The analyser's words (src/analyse/facts.ts) plus the extra words corpus/README.md allows.
export const VOCABULARY = {
  frameworks: ["express", "fastify", "hapi", "koa", "nestjs", "nextjs", "lambda"],
  datastores: [
    ...["postgres", "mysql", "mongodb", "redis", "dynamodb", "s3", "sqlite", "memory"],
    ...["azure-blob", "opensearch", "mssql"],
  ],
  integrationKinds: ["http", "notify", "pay", "oidc", "queue", "email", "virus-scan", "object-storage"],
  auth: ["oidc", "passport", "jwt", "basic", "session", "none", "custom", "gateway"],
  personalData: [
    ...[
      "contact",
      "identity",
      "financial",
      "health",
      "special-category",
      "children",
      "location",
      "free-text",
    ],
    ...["criminal-offence", "family", "immigration"],
  ],
};

/** Other spellings of a kind that mean the same store. */
const KIND_ALIASES = { elasticsearch: "opensearch", blob: "azure-blob", "azure-storage": "azure-blob" };

const ROUTE = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|ALL) \/\S*$/;
const PATTERN = /^(\*|GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|ALL) \/\S*$/;
const listOf = (values) => z.array(z.enum(values));
const oneOrMany = z.union([z.string().min(1), z.array(z.string().min(1))]).transform((v) => [v].flat());

export const expectationSchema = z
  .object({
    repo: z.string().regex(/^[\w.-]+\/[\w.-]+$/),
    commit: z.string().regex(/^[0-9a-f]{40}$/),
    frameworks: listOf(VOCABULARY.frameworks),
    routes: z.array(z.string().regex(ROUTE, 'a route is "METHOD /path"')),
    route_patterns: z.array(z.string().regex(PATTERN, 'a pattern is "METHOD|* /path"')).optional(),
    datastores: listOf(VOCABULARY.datastores),
    integrations: z.array(
      z
        .object({
          name: z.string().min(1),
          kind: z.enum(VOCABULARY.integrationKinds),
          aliases: z.array(z.string().min(1)).default([]),
          env: z.array(z.string().min(1)).default([]),
        })
        .strict(),
    ),
    auth: listOf(VOCABULARY.auth),
    personal_data: listOf(VOCABULARY.personalData),
    health: z.union([z.string().min(1), z.array(z.string().min(1))]).transform((v) => [v].flat()),
    metrics: oneOrMany,
    logger: oneOrMany,
    graceful_shutdown: z.boolean(),
    outbound_timeouts: z.enum(["all", "some", "none", "no-outbound"]),
    level: z.union([z.number().int().min(1).max(5), z.literal("unsure")]),
    level_alternatives: z.array(z.number().int().min(1).max(5)).default([]),
    why: z.string().min(1),
    optional: z
      .object({
        routes: z.array(z.string().regex(ROUTE)),
        datastores: listOf(VOCABULARY.datastores),
        integrations: z.array(z.string().min(1)),
        auth: listOf(VOCABULARY.auth),
        personal_data: listOf(VOCABULARY.personalData),
      })
      .partial()
      .strict()
      .default({}),
    notes: z.string().optional(),
  })
  .strict();

/** Every parameter becomes `:param`, catch-alls `*`; no `//`, no trailing `/`. Case is kept. */
export function normalisePath(path) {
  const segments = path
    .replace(/\/{2,}/g, "/")
    .split("/")
    .map((seg) => {
      // `[...slug]`, `*slug`, `{*slug}` and path-to-regexp's `:slug*` and `:slug+` all take the rest of the path.
      if (
        /^\[\[?\.\.\.[^\]]+\]\]?$/.test(seg) ||
        /^\*\w*$/.test(seg) ||
        /^\{[^}]*\*\}$/.test(seg) ||
        /^:\w+[*+]$/.test(seg)
      )
        return "*";
      if (/^:\w/.test(seg) || /^\{[^}]+\}$/.test(seg) || /^\[[^\]]+\]$/.test(seg) || /^<[^>]+>$/.test(seg))
        return ":param";
      return seg;
    });
  const joined = segments.join("/");
  return joined.length > 1 && joined.endsWith("/") ? joined.slice(0, -1) : joined;
}

/** A path the analyser could not resolve to a literal. */
export function isUnresolved(path) {
  return !path.startsWith("/") || /\$\{|`|\+/.test(path);
}

function splitRoute(text) {
  const at = text.indexOf(" ");
  return { method: text.slice(0, at), path: normalisePath(text.slice(at + 1)) };
}

function pathMatches(pattern, path) {
  const want = pattern.split("/");
  const got = path.split("/");
  for (let i = 0; i < want.length; i++) {
    if (want[i] === "**" && i === want.length - 1) return true;
    if (i >= got.length) return false;
    if (want[i] !== "*" && want[i] !== got[i]) return false;
  }
  return want.length === got.length;
}

const sameRoute = (expected, actual) =>
  expected.path === actual.path && (expected.method === actual.method || actual.method === "ALL");

function ratio(numerator, denominator) {
  return denominator === 0 ? null : numerator / denominator;
}

/** Precision and recall with the counts behind them, so totals can be micro-averaged. */
function counts(correct, actual, found, expected, extra = {}) {
  return {
    precision: ratio(correct, actual),
    recall: ratio(found, expected),
    correct,
    actual,
    found,
    expected,
    ...extra,
  };
}

export function scoreRoutes(expectation, routes) {
  const optional = (expectation.optional.routes ?? []).map(splitRoute);
  const keys = expectation.routes.map(splitRoute).filter((e) => !optional.some((o) => sameRoute(o, e)));
  const patterns = expectation.route_patterns?.map(splitRoute);
  const seen = new Set();
  const actual = [];
  for (const r of routes) {
    if (r.method === "HEAD" || r.method === "OPTIONS") continue;
    const route = { method: r.method, path: normalisePath(r.path), raw: r.path };
    const key = `${route.method} ${route.path}`;
    if (seen.has(key) || optional.some((o) => sameRoute(o, route))) continue;
    seen.add(key);
    actual.push(route);
  }
  const missed = keys.filter((k) => !actual.some((a) => sameRoute(k, a)));
  const accepted = (a) =>
    keys.some((k) => sameRoute(k, a)) ||
    (!isUnresolved(a.raw) &&
      patterns.some((p) => (p.method === "*" || p.method === a.method) && pathMatches(p.path, a.path)));
  const unexpected = patterns ? actual.filter((a) => !accepted(a)) : [];
  const result = counts(
    actual.length - unexpected.length,
    actual.length,
    keys.length - missed.length,
    keys.length,
    {
      missed: missed.map((m) => `${m.method} ${m.path}`),
      unexpected: unexpected.map((u) => `${u.method} ${u.raw}`),
    },
  );
  // Without patterns nothing says which non-key routes are real: precision is not measured.
  return patterns ? result : { ...result, precision: null, correct: 0, actual: 0 };
}

const canonicalKind = (kind) => KIND_ALIASES[kind] ?? kind;

export function scoreSet(expected, optional, actualKinds) {
  const drop = new Set((optional ?? []).map(canonicalKind));
  const want = new Set(expected.map(canonicalKind).filter((k) => !drop.has(k)));
  const got = new Set(actualKinds.map(canonicalKind).filter((k) => !drop.has(k)));
  const hits = [...got].filter((k) => want.has(k));
  return counts(hits.length, got.size, hits.length, want.size, {
    missed: [...want].filter((k) => !got.has(k)),
    unexpected: [...got].filter((k) => !want.has(k)),
    exact: hits.length === want.size && hits.length === got.size,
  });
}

/** Lowercase letters and digits only, less a trailing api/service/client/url unless nothing would be left. */
export function normaliseName(name) {
  const plain = name.toLowerCase().replace(/[^a-z0-9]/g, "");
  const bare = plain.replace(/(api|service|client|url)$/, "");
  return bare || plain;
}

export function scoreIntegrations(expectation, integrations) {
  const names = (e) => new Set([e.name, ...e.aliases].map(normaliseName));
  const expected = expectation.integrations.map((e) => ({
    ...e,
    names: names(e),
    envs: new Set(e.env.map((v) => v.toUpperCase())),
  }));
  const optional = new Set((expectation.optional.integrations ?? []).map(normaliseName));
  const matched = new Set();
  const unexpected = [];
  let correct = 0;
  let considered = 0;
  for (const actual of integrations) {
    const name = normaliseName(actual.name);
    const env = actual.baseUrlEnv?.toUpperCase();
    const index = expected.findIndex((e) => e.names.has(name) || (env !== undefined && e.envs.has(env)));
    if (index === -1 && optional.has(name)) continue;
    considered++;
    if (index === -1) unexpected.push(actual.name);
    else {
      correct++;
      matched.add(index);
    }
  }
  return counts(correct, considered, matched.size, expected.length, {
    missed: expected.filter((_, i) => !matched.has(i)).map((e) => e.name),
    unexpected,
    duplicates: correct - matched.size,
  });
}

function namesLibrary(signal, libraries, absentWords) {
  const detail = (signal?.detail ?? "").toLowerCase();
  if (!signal?.present) return libraries.some((l) => absentWords.includes(l));
  return libraries.some(
    (l) => detail.includes(l.toLowerCase()) || (l === "console" && detail.includes("console")),
  );
}

export function timeoutsOf(integrations) {
  const inspected = integrations.filter((i) => i.hasTimeout !== undefined);
  if (inspected.length === 0) return "no-outbound";
  const withTimeout = inspected.filter((i) => i.hasTimeout).length;
  if (withTimeout === inspected.length) return "all";
  return withTimeout === 0 ? "none" : "some";
}

/** `right`, `unsure` (the analyser said unsure where a level was expected) or `wrong`. */
export function scoreLevel(expectation, level) {
  const actual = level?.unsure === true || level?.value === "unsure" ? "unsure" : level?.value;
  if (actual === "unsure") return { outcome: expectation.level === "unsure" ? "right" : "unsure", actual };
  const right = actual === expectation.level || expectation.level_alternatives.includes(actual);
  return { outcome: right ? "right" : "wrong", actual };
}

const NON_PRODUCTION =
  /(^|\/)(tests?|__tests__|cypress|integration_tests|wiremock)\/|\.(test|spec)\.|mock|(^|\/)\.yarn\/|(^|\/)\.pnp\./i;

/** Facts whose evidence sits in a test, mock or vendored file: each fact counted once. */
export function evidenceInTests(facts) {
  const lists = [
    ...["frameworks", "routes", "datastores", "integrations", "auth", "personalData", "envVars"],
    ...["signals", "deployFiles", "ciFiles"],
  ].map((key) => (facts[key] ?? []).map((f) => [f.evidence]));
  const readiness = Object.values(facts.readiness ?? {}).flatMap((value) =>
    Array.isArray(value) ? value.map((h) => [h.evidence]) : [value?.evidence ?? []],
  );
  const files = [];
  for (const evidence of [...lists.flat(), ...readiness]) {
    const hit = evidence.find((e) => e && NON_PRODUCTION.test(e.file));
    if (hit) files.push(hit.file);
  }
  return { count: files.length, files: [...new Set(files)].slice(0, 5) };
}

/** Scores one analysis ({ facts, level }) against one parsed expectation. */
export function scoreService(expectation, analysis) {
  const { facts } = analysis;
  const readiness = facts.readiness;
  const optional = expectation.optional;
  const health = new Set(readiness.healthEndpoints.map((h) => normalisePath(h.path)));
  const wantedHealth = expectation.health.map(normalisePath);
  const auth = scoreSet(
    expectation.auth,
    optional.auth,
    facts.auth.map((a) => a.kind),
  );
  const timeouts = timeoutsOf(facts.integrations);
  return {
    repo: expectation.repo,
    sets: {
      routes: scoreRoutes(expectation, facts.routes),
      frameworks: scoreSet(
        expectation.frameworks,
        [],
        facts.frameworks.map((f) => f.name),
      ),
      datastores: scoreSet(
        expectation.datastores,
        optional.datastores,
        facts.datastores.map((d) => d.kind),
      ),
      integrations: scoreIntegrations(expectation, facts.integrations),
      auth,
      personalData: scoreSet(
        expectation.personal_data,
        optional.personal_data,
        facts.personalData.map((p) => p.category),
      ),
    },
    level: { ...scoreLevel(expectation, analysis.level), expected: expectation.level },
    checks: {
      auth: auth.exact,
      health: wantedHealth.length === 0 ? health.size === 0 : wantedHealth.some((p) => health.has(p)),
      metrics: namesLibrary(readiness.metrics, expectation.metrics, ["none"]),
      logger: namesLibrary(readiness.logging, expectation.logger, ["none", "console"]),
      shutdown: readiness.gracefulShutdown.present === expectation.graceful_shutdown,
      timeouts: timeouts === expectation.outbound_timeouts,
    },
    actual: {
      health: [...health],
      metrics: readiness.metrics.detail ?? "none",
      logger: readiness.logging.detail ?? "none",
      shutdown: readiness.gracefulShutdown.present,
      timeouts,
    },
    testEvidence: evidenceInTests(facts),
  };
}

/** Micro-averaged totals: counts summed over services before dividing. */
export function totals(scores) {
  const sets = {};
  for (const field of ["routes", "frameworks", "datastores", "integrations", "auth", "personalData"]) {
    const sum = (key) => scores.reduce((n, s) => n + s.sets[field][key], 0);
    sets[field] = counts(sum("correct"), sum("actual"), sum("found"), sum("expected"));
  }
  const level = { right: 0, unsure: 0, wrong: 0 };
  for (const s of scores) level[s.level.outcome]++;
  const checks = {};
  for (const key of ["auth", "health", "metrics", "logger", "shutdown", "timeouts"])
    checks[key] = scores.filter((s) => s.checks[key]).length;
  const testEvidence = scores.reduce((n, s) => n + s.testEvidence.count, 0);
  return { services: scores.length, sets, level, checks, testEvidence };
}
