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
