// Generated once by govops as a starting point. Edit freely: govops will not overwrite it without --force.
// Prometheus instrumentation for apply-for-discretionary-housing-payment (Express): use `app.use(metricsMiddleware)` before the
// routers, and call `startMetricsServer()` once at start-up. Needs prom-client (npm install prom-client).
import type { NextFunction, Request, Response } from "express";
import { createServer, type Server, type ServerResponse } from "node:http";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

// The metrics contract of ops/monitoring/README.md: the alert rules read exactly these names and labels.
export const SERVICE = "apply-for-discretionary-housing-payment";
// prom-client's defaults plus every journey's latency threshold (apply 1000 ms), so each latency SLI
// reads an exact bucket.
const BUCKETS = [0.005,0.01,0.025,0.05,0.1,0.25,0.5,1,2.5,5,10];

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

/** Wraps a call to a dependency (redis, govuk-notify, case-api) and counts its outcome. */
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

const queueAge = new Gauge({
  name: "queue_oldest_message_age_seconds",
  help: "Age of the oldest message waiting in a queue",
  labelNames: ["queue"],
  registers: [registry],
});

export function setQueueAge(queue: string, oldestEnqueuedAt: Date | undefined): void {
  queueAge.set({ queue }, oldestEnqueuedAt ? (Date.now() - oldestEnqueuedAt.getTime()) / 1000 : 0);
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

/** Times each request and labels it with the matched route template, e.g. /enquiries/:reference/status. */
export function metricsMiddleware(req: Request, res: Response, next: NextFunction): void {
  const start = process.hrtime.bigint();
  res.on("finish", () => {
    const route = req.route?.path ? `${req.baseUrl}${String(req.route.path)}` : undefined;
    observeRequest(route, req.method, res.statusCode, secondsSince(start));
  });
  next();
}
