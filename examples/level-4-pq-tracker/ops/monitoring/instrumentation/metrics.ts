// Generated once by govops as a starting point. Edit freely: govops will not overwrite it without --force.
// Prometheus instrumentation for pq-tracker (Koa with @koa/router): use `app.use(metricsMiddleware)`
// first, and call `startMetricsServer()` once at start-up. Needs prom-client (npm install prom-client).
import type { Context, Next } from "koa";
import { createServer, type Server, type ServerResponse } from "node:http";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

// The metrics contract of ops/monitoring/README.md: the alert rules read exactly these names and labels.
export const SERVICE = "pq-tracker";
// prom-client's defaults plus every journey's latency threshold (questions 1000 ms, imports 2000 ms), so each latency SLI
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

/** Wraps a call to a dependency (postgres, parliament-api, oidc-identity-provider) and counts its outcome. */
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

/** Labels each request with the route @koa/router matched (ctx._matchedRoute), e.g. /questions/:id. */
export async function metricsMiddleware(ctx: Context, next: Next): Promise<void> {
  const start = process.hrtime.bigint();
  let status = 500;
  try {
    await next();
    status = ctx.status;
  } catch (error) {
    status = (error as { status?: number }).status ?? 500;
    throw error;
  } finally {
    const matched = (ctx as { _matchedRoute?: string | RegExp })._matchedRoute;
    observeRequest(matched === undefined ? undefined : String(matched), ctx.method, status, secondsSince(start));
  }
}
