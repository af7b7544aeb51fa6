// Generated once by govops as a starting point. Edit freely: govops will not overwrite it without --force.
// Prometheus instrumentation for level-3-enquiry-service (Express): use `app.use(metricsMiddleware)` before the
// routers, and call `startMetricsServer()` once at start-up. Needs prom-client (npm install prom-client).
import type { NextFunction, Request, Response } from "express";
import { createServer, type Server, type ServerResponse } from "node:http";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

// The metrics contract of ops/monitoring/README.md: the alert rules read exactly these names and labels.
export const SERVICE = "level-3-enquiry-service";
// prom-client's defaults plus every journey's latency threshold (enquiries 1000 ms, caseworker 2000 ms), so each latency SLI
// reads an exact bucket.
const BUCKETS = [0.005,0.01,0.025,0.05,0.1,0.25,0.5,1,2,2.5,5,10];

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

/** Wraps a call to a dependency (postgres, govuk-notify, oidc-identity-provider) and counts its outcome. */
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

type PoolStats = { totalCount: number; idleCount: number; waitingCount: number };
const pools = new Map<string, PoolStats>();

const poolConnections = new Gauge({
  name: "db_pool_connections",
  help: "Database pool connections by state: in_use, idle or waiting",
  labelNames: ["dependency", "state"],
  registers: [registry],
  collect() {
    for (const [dependency, pool] of pools) {
      this.set({ dependency, state: "in_use" }, pool.totalCount - pool.idleCount);
      this.set({ dependency, state: "idle" }, pool.idleCount);
      this.set({ dependency, state: "waiting" }, pool.waitingCount);
    }
  },
});
const poolMax = new Gauge({
  name: "db_pool_max_connections",
  help: "The database pool's configured maximum",
  labelNames: ["dependency"],
  registers: [registry],
});

/** Reads a pg-style pool at every scrape (postgres); waiting > 0 for 5 minutes is exhaustion. */
export function watchPool(dependency: string, pool: PoolStats, max: number): void {
  pools.set(dependency, pool);
  poolMax.set({ dependency }, max);
}

const jobRuns = new Counter({
  name: "job_runs_total",
  help: "Scheduled job runs by outcome: success or failure",
  labelNames: ["job", "outcome"],
  registers: [registry],
});
const jobLastSuccess = new Gauge({
  name: "job_last_success_timestamp_seconds",
  help: "Unix time of the job's last successful run",
  labelNames: ["job"],
  registers: [registry],
});
const jobInterval = new Gauge({
  name: "job_expected_interval_seconds",
  help: "How often the job is scheduled to run",
  labelNames: ["job"],
  registers: [registry],
});

/** Runs a scheduled job and records its outcome; the overdue alert fires after two missed intervals. */
export async function runJob<T>(job: string, intervalSeconds: number, run: () => Promise<T>): Promise<T> {
  jobInterval.set({ job }, intervalSeconds);
  try {
    const result = await run();
    jobRuns.inc({ job, outcome: "success" });
    jobLastSuccess.set({ job }, Date.now() / 1000);
    return result;
  } catch (error) {
    jobRuns.inc({ job, outcome: "failure" });
    throw error;
  }
}

const deadlineItems = new Gauge({
  name: "deadline_items",
  help: "Open items by deadline state: at_risk or overdue",
  labelNames: ["state"],
  registers: [registry],
});

export function setDeadlineItems(atRisk: number, overdue: number): void {
  deadlineItems.set({ state: "at_risk" }, atRisk);
  deadlineItems.set({ state: "overdue" }, overdue);
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

const logMatches = new Counter({
  name: "log_personal_data_matches_total",
  help: "Log lines that matched a personal-data pattern before redaction",
  labelNames: ["pattern"],
  registers: [registry],
});

const PATTERNS: Record<string, RegExp> = {
  email: /[\w.+-]+@[\w-]+(\.[\w-]+)+/g,
  phone: /(\+44\s?7\d{3}|\b07\d{3})\s?\d{3}\s?\d{3}\b/g,
  postcode: /\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b/gi,
  nino: /\b[A-CEGHJ-PR-TW-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b/gi,
};

/** Redacts personal-data patterns from a log line and counts each kind found (e.g. in a pino formatter). */
export function redactPersonalData(line: string): string {
  let out = line;
  for (const [pattern, re] of Object.entries(PATTERNS)) {
    out = out.replace(re, () => {
      logMatches.inc({ pattern });
      return `[${pattern} redacted]`;
    });
  }
  return out;
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
