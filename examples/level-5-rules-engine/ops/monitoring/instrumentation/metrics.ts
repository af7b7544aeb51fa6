// Generated once by govops as a starting point. Edit freely: govops will not overwrite it without --force.
// Prometheus instrumentation for crp-rules-engine (hapi): `await server.register(metricsPlugin)`, and call
// `startMetricsServer()` once at start-up. Needs prom-client (npm install prom-client).
import type { Plugin, Request } from "@hapi/hapi";
import { createServer, type Server, type ServerResponse } from "node:http";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

// The metrics contract of ops/monitoring/README.md: the alert rules read exactly these names and labels.
export const SERVICE = "crp-rules-engine";
// prom-client's defaults plus every journey's latency threshold (assessments 2000 ms, rulesets 3000 ms), so each latency SLI
// reads an exact bucket.
const BUCKETS = [0.005,0.01,0.025,0.05,0.1,0.25,0.5,1,2,2.5,3,5,10];

export const registry = new Registry();
registry.setDefaultLabels({ service: SERVICE });
collectDefaultMetrics({ register: registry });

const httpRequests = new Counter({
  name: "http_requests_total",
  help: "HTTP requests by route template, method and status code",
  labelNames: ["route", "method", "status_code"],
  registers: [registry],
});
const httpDuration = new Histogram({
  name: "http_request_duration_seconds",
  help: "HTTP request duration by route template and method",
  labelNames: ["route", "method"],
  buckets: BUCKETS,
  registers: [registry],
});

/** Records one request under its route template, never the raw path (paths can hold references or names). */
export function observeRequest(route: string | undefined, method: string, statusCode: number, seconds: number): void {
  const labels = { route: route || "unmatched", method: method.toUpperCase() };
  httpRequests.inc({ ...labels, status_code: String(statusCode) });
  httpDuration.observe(labels, seconds);
}

export function secondsSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

// Prometheus scrapes METRICS_PATH on port 9464: govops found no scrape port in a Helm chart or manifest, so the starter serves its own.
export const METRICS_PATH = "/metrics";

/** Writes the registry's metrics as a scrape response. */
export function serveMetrics(res: ServerResponse): void {
  registry.metrics().then(
    (body) => {
      res.setHeader("Content-Type", registry.contentType);
      res.end(body);
    },
    () => {
      res.statusCode = 500;
      res.end();
    },
  );
}

/** Serves METRICS_PATH on its own port, so the public router never exposes it. */
export function startMetricsServer(port = Number(process.env.METRICS_PORT ?? 9464)): Server {
  return createServer((req, res) => {
    if (req.url?.split("?")[0] !== METRICS_PATH) {
      res.statusCode = 404;
      res.end();
      return;
    }
    serveMetrics(res);
  }).listen(port);
}

const dependencyRequests = new Counter({
  name: "dependency_requests_total",
  help: "Calls to a dependency by outcome: success, error or timeout",
  labelNames: ["dependency", "outcome"],
  registers: [registry],
});

/** Wraps a call to a dependency (postgres, oidc-identity-provider, procurement-api) and counts its outcome. */
export async function observeDependency<T>(dependency: string, call: () => Promise<T>): Promise<T> {
  try {
    const result = await call();
    dependencyRequests.inc({ dependency, outcome: "success" });
    return result;
  } catch (error) {
    dependencyRequests.inc({ dependency, outcome: isTimeout(error) ? "timeout" : "error" });
    throw error;
  }
}

function isTimeout(error: unknown): boolean {
  const e = error as { name?: string; code?: string } | undefined;
  return e?.name === "TimeoutError" || e?.name === "AbortError" || /TIMEDOUT|TIMEOUT/.test(e?.code ?? "");
}

const rulesetVersion = new Gauge({
  name: "ruleset_version_info",
  help: "1 for the rule-set version this instance has loaded",
  labelNames: ["ruleset", "version"],
  registers: [registry],
});

export function setRulesetVersion(ruleset: string, version: string): void {
  rulesetVersion.reset();
  rulesetVersion.set({ ruleset, version }, 1);
}

const personalDataAccess = new Counter({
  name: "personal_data_records_accessed_total",
  help: "Records holding personal data read or exported, by operation and actor",
  labelNames: ["operation", "actor"],
  registers: [registry],
});

/** Count records, never who or which: labels must not hold personal data. */
export function countPersonalDataAccess(operation: "read" | "export", actor: "citizen" | "staff" | "system", records = 1): void {
  personalDataAccess.inc({ operation, actor }, records);
}

/** Labels each request with its route path as declared, e.g. /rulesets/{id}. */
export const metricsPlugin: Plugin<void> = {
  name: "govops-metrics",
  register(server) {
    server.events.on("response", (request: Request) => {
      const response = request.response as { statusCode?: number } | null;
      const seconds = (request.info.responded - request.info.received) / 1000;
      if (request.route.path === METRICS_PATH) return;
      const route = request.route.settings.isInternal ? undefined : request.route.path;
      observeRequest(route, request.method, response?.statusCode ?? 500, seconds);
    });
  },
};
