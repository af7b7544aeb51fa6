// Generated once by govops as a starting point. Edit freely: govops will not overwrite it without --force.
// Prometheus instrumentation for local-housing-supply-dashboard (Fastify): call `registerMetrics(app)` before the routes,
// and `startMetricsServer()` once at start-up. Needs prom-client (npm install prom-client).
import type { FastifyInstance } from "fastify";
import { createServer, type Server, type ServerResponse } from "node:http";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

// The metrics contract of ops/monitoring/README.md: the alert rules read exactly these names and labels.
export const SERVICE = "local-housing-supply-dashboard";
// prom-client's defaults plus every journey's latency threshold (data 800 ms, dashboard 2000 ms, freshness 2000 ms), so each latency SLI
// reads an exact bucket.
const BUCKETS = [0.005,0.01,0.025,0.05,0.1,0.25,0.5,0.8,1,2,2.5,5,10];

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

/** Wraps a call to a dependency (postgres, ons-api, stats-api) and counts its outcome. */
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

const dataUpdated = new Gauge({
  name: "data_last_updated_timestamp_seconds",
  help: "Unix time the dataset was last refreshed from its source",
  labelNames: ["dataset"],
  registers: [registry],
});
const dataMaxAge = new Gauge({
  name: "data_max_age_seconds",
  help: "The oldest the dataset may be before users see stale figures",
  labelNames: ["dataset"],
  registers: [registry],
});

export function markDataUpdated(dataset: string, maxAgeSeconds: number, at = new Date()): void {
  dataMaxAge.set({ dataset }, maxAgeSeconds);
  dataUpdated.set({ dataset }, at.getTime() / 1000);
}

/** Labels each request with its route template (routeOptions.url), e.g. /data/:area. */
export function registerMetrics(app: FastifyInstance): void {
  app.addHook("onResponse", async (request, reply) => {
    if (request.routeOptions.url === METRICS_PATH) return;
    observeRequest(request.routeOptions.url, request.method, reply.statusCode, reply.elapsedTime / 1000);
  });
}
