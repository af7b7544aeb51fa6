import type { Profile } from "../../profile/schema.js";
import { latencyBuckets } from "./metrics.js";
import { monitoringAlerts } from "./alerts.js";

export const INSTRUMENTED = ["express", "fastify", "hapi", "koa", "nestjs"] as const;
export type Instrumented = (typeof INSTRUMENTED)[number];

/** The first detected framework govops can instrument; undefined means a framework-neutral module. */
export function frameworkOf(profile: Profile): Instrumented | undefined {
  return profile.facts.frameworks
    .map((f) => f.name)
    .find((n): n is Instrumented => (INSTRUMENTED as readonly string[]).includes(n));
}

/** The starter's own metrics port when the platform says nothing (the OpenTelemetry Prometheus exporter's). */
export const DEFAULT_METRICS_PORT = 9464;
export const METRICS_PATH = "/metrics";

export interface ScrapeEndpoint {
  port: number;
  path: string;
  /** True when the platform scrapes the app's own port: the starter serves /metrics on the app's server. */
  sameServer: boolean;
  /** Why this port: the annotation or chart value, with file:line; empty when nothing was found. */
  source: string;
}

/**
 * The port the platform scrapes: a `prometheus.io/port` annotation, else the chart's or manifest's
 * application, container, target or service port (the app's own), else the starter's own port.
 */
export function scrapeEndpoint(profile: Profile): ScrapeEndpoint {
  const signal = (name: string) => {
    const found = profile.facts.signals
      .filter((s) => s.name === name)
      .sort((a, b) => a.evidence.file.length - b.evidence.file.length)[0];
    const [port, ...key] = (found?.evidence.snippet ?? "").split(" ");
    return found && Number(port) > 0
      ? { port: Number(port), source: `${key.join(" ")} at ${found.evidence.file}:${found.evidence.line}` }
      : undefined;
  };
  const annotated = signal("metrics-port");
  const app = signal("service-port");
  if (annotated) return { ...annotated, path: METRICS_PATH, sameServer: annotated.port === app?.port };
  if (app) return { ...app, path: METRICS_PATH, sameServer: true };
  return { port: DEFAULT_METRICS_PORT, path: METRICS_PATH, sameServer: false, source: "" };
}

/** What the starter exports: HTTP metrics always, and helpers for the metrics the generated alerts read. */
export function instrumentationModel(profile: Profile) {
  const exprs = monitoringAlerts(profile).flatMap((a) => [
    a.rule.expr,
    ...(a.records ?? []).map((r) => r.expr),
  ]);
  const reads = (metric: string) => exprs.some((expr) => expr.includes(metric));
  const pooled = profile.dependencies.filter(
    (d) => d.kind === "datastore" && ["postgres", "mysql"].includes(d.type),
  );
  return {
    service: profile.service.name,
    scrape: scrapeEndpoint(profile),
    framework: frameworkOf(profile) ?? "node",
    buckets: latencyBuckets(profile),
    thresholds: profile.journeys.map((j) => `${j.id} ${j.slo.latency.thresholdMs} ms`).join(", "),
    dependencies: profile.dependencies.map((d) => d.id),
    pools: pooled.map((d) => d.id),
    needs: {
      dependencies: reads("dependency_requests_total"),
      pool: reads("db_pool_connections"),
      queue: reads("queue_oldest_message_age_seconds"),
      jobs: reads("job_runs_total") || reads("job_last_success_timestamp_seconds"),
      freshness: reads("data_last_updated_timestamp_seconds"),
      deadlines: reads("deadline_items"),
      ruleset: reads("ruleset_version_info"),
      access: reads("personal_data_records_accessed_total"),
      logs: reads("log_personal_data_matches_total"),
    },
  };
}
