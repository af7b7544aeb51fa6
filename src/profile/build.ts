import type { Evidence, Facts } from "../analyse/facts.js";
import type { Baseline } from "./baseline.js";
import { staffSignInOnAllRoutes } from "./audience.js";
import type { Dependency, FailureMode, Journey, PersonalDataItem, Provenance } from "./schema.js";

/** The analysis layer: items instantiated from code facts, each with the evidence that found it. */
const analysis = (evidence: Evidence[]): Provenance => ({ source: "analysis", evidence });

const NOT_A_JOURNEY =
  /^\/(health\w*|ready\w*|live\w*|ping|metrics|status|auth|login|logout|oauth\w*|callback|assets|public|static|stylesheets|javascripts|images|fonts|favicon\.ico|robots\.txt)?$/;
const STAFF = /caseworker|admin|staff|internal|backoffice/;

export function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 63) || "item"
  );
}

export function titleCase(text: string): string {
  const words = text.replace(/[-_]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * Groups routes by their first path segment: each group is a citizen or staff journey. Citizen
 * journeys rank before staff ones, then by how many writes they take; the first is critical.
 */
export function journeysFromRoutes(facts: Facts, defaults: Baseline["defaults"]): Journey[] {
  const groups = new Map<string, Facts["routes"]>();
  for (const route of facts.routes) {
    const first = route.path.split("/")[1] ?? "";
    if (NOT_A_JOURNEY.test(`/${first}`) || first.startsWith(":")) continue;
    (groups.get(first) ?? groups.set(first, []).get(first)!).push(route);
  }
  const ranked = [...groups.entries()].sort(
    (a, b) =>
      Number(STAFF.test(a[0])) - Number(STAFF.test(b[0])) ||
      writes(b[1]) - writes(a[1]) ||
      b[1].length - a[1].length ||
      a[0].localeCompare(b[0]),
  );
  const pages = facts.signals.some((s) => s.name === "template-views" || s.name === "govuk-frontend");
  const staffOnly = staffSignInOnAllRoutes(facts) !== undefined;
  return ranked.map(([segment, routes], i) => {
    const critical = i === 0;
    return {
      id: slug(segment),
      name: titleCase(segment),
      description: `Routes under /${segment}`,
      entryRoutes: routes.map((r) => ({ method: r.method, path: r.path })),
      criticality: critical ? "critical" : "high",
      affected:
        staffOnly || STAFF.test(segment)
          ? "Staff who handle the service's work, and the citizens waiting on them"
          : "Citizens using the service",
      servesPages: pages && routes.some((r) => r.method === "GET"),
      slo: critical ? defaults.slo : defaults.secondarySlo,
      provenance: analysis(routes.slice(0, 3).map((r) => r.evidence)),
    } satisfies Journey;
  });
}

function writes(routes: Facts["routes"]): number {
  return routes.filter((r) => r.method !== "GET" && r.method !== "HEAD").length;
}

const DATASTORE_NAMES: Record<string, string> = {
  postgres: "PostgreSQL",
  mysql: "MySQL",
  mongodb: "MongoDB",
  redis: "Redis",
  dynamodb: "DynamoDB",
  s3: "Amazon S3",
  sqlite: "SQLite",
  memory: "In-memory store",
  "azure-blob": "Azure Blob Storage",
  opensearch: "OpenSearch",
};

/** Each datastore and integration found in the code becomes a dependency. */
export function dependenciesFromFacts(facts: Facts, journeys: Journey[]): Dependency[] {
  const all = journeys.map((j) => j.id);
  const deps: Dependency[] = facts.datastores.map((d) => ({
    id: slug(d.kind),
    name: DATASTORE_NAMES[d.kind] ?? d.kind,
    kind: "datastore",
    type: d.kind,
    criticality: d.kind === "memory" ? "medium" : "critical",
    fallback:
      d.kind === "redis"
        ? "None: sessions are lost; citizens restart their journey"
        : "None: requests that need it fail",
    ...(d.envVar ? { envVar: d.envVar } : {}),
    journeys: all,
    provenance: analysis([d.evidence]),
  }));
  for (const i of facts.integrations) {
    deps.push({
      id: slug(i.kind === "http" ? i.name : i.name.replace(/^GOV\.UK /, "govuk-")),
      name: i.name,
      kind: i.kind === "oidc" ? "identity" : i.kind === "queue" ? "queue" : "integration",
      type: i.kind,
      criticality: i.kind === "oidc" || i.kind === "http" || i.kind === "pay" ? "high" : "medium",
      ...(i.hasTimeout === false ? {} : i.kind === "http" ? { timeoutMs: 5000 } : {}),
      fallback:
        i.kind === "notify"
          ? "Queue messages and retry; the journey completes without the confirmation"
          : "None recorded: decide and record one",
      ...(i.baseUrlEnv ? { envVar: i.baseUrlEnv } : {}),
      journeys: i.kind === "oidc" ? all.filter((j) => STAFF.test(j)) : all,
      provenance: analysis([i.evidence]),
    });
  }
  return dedupeById(deps);
}

/** Each journey and each dependency gets its own failure mode, carrying the evidence that found it. */
export function failureModesFromFacts(journeys: Journey[], deps: Dependency[]): FailureMode[] {
  const fromJourneys: FailureMode[] = journeys.map((j) => ({
    id: slug(`${j.id}-slo-burn`),
    title: `${j.name} journey failing or slow`,
    trigger: `Errors or slow responses on ${j.entryRoutes.length} route(s) under the ${j.name} journey.`,
    detection: { signal: `SLO burn rate on the ${j.id} availability and latency SLIs`, alert: "slo-burn" },
    citizenImpact: `${j.affected} cannot complete "${j.name}" or wait too long for pages.`,
    severity: j.criticality === "critical" ? "P1" : "P2",
    affects: { journeys: [j.id], dependencies: [] },
    mitigation: [
      "Check the dashboard for which dependency is failing.",
      "Roll back the latest release if the burn started with it.",
    ],
    recovery: ["Confirm the error ratio is back under the SLO threshold for 30 minutes."],
    commsTemplate: j.criticality === "critical" ? "outage" : "degraded",
    provenance: j.provenance,
  }));
  const fromDeps: FailureMode[] = deps.map((d) => ({
    id: slug(`${d.id}-unavailable`),
    title: `${d.name} unavailable`,
    trigger: `${d.name} refuses connections, times out or returns errors.`,
    detection: { signal: `error rate and latency of calls to ${d.name}`, alert: "dependency" },
    citizenImpact:
      d.criticality === "critical"
        ? "Every journey that reads or writes data fails."
        : `Parts of the service that rely on ${d.name} fail or degrade. Fallback: ${d.fallback}.`,
    severity: d.criticality === "critical" ? "P1" : d.criticality === "high" ? "P2" : "P3",
    affects: { journeys: d.journeys, dependencies: [d.id] },
    mitigation: [
      `Check ${d.name}'s health and status page.`,
      "Fail over or scale where the platform allows.",
    ],
    recovery: [`Confirm calls to ${d.name} succeed and replay any work queued while it was down.`],
    commsTemplate: d.criticality === "critical" ? "outage" : "degraded",
    provenance: d.provenance,
  }));
  return dedupeById([...fromJourneys, ...fromDeps]);
}

export function personalDataFromFacts(facts: Facts): PersonalDataItem[] {
  return facts.personalData.map((p) => ({
    field: p.field,
    category: p.category,
    specialCategory: p.category === "health" || p.category === "special-category",
    lawfulBasis:
      "TO DO: record the lawful basis (UK GDPR Article 6, and Article 9 for special category data)",
    retention: "TO DO: record how long this is kept and why",
    provenance: analysis([p.evidence]),
  }));
}

export function dedupeById<T extends { id: string }>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => !seen.has(item.id) && seen.add(item.id));
}
