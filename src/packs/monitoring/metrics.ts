import type { Profile } from "../../profile/schema.js";

export interface MetricSpec {
  name: string;
  type: "counter" | "histogram" | "gauge";
  help: string;
  labels: string[];
}

/**
 * The metrics contract: every rule, test, dashboard panel and the generated instrumentation use these
 * names and labels, so what the service exports is what the alerts read.
 */
export const METRICS = {
  requests: {
    name: "http_requests_total",
    type: "counter",
    help: "HTTP requests by route template, method and status code",
    labels: ["service", "route", "method", "status_code"],
  },
  duration: {
    name: "http_request_duration_seconds",
    type: "histogram",
    help: "HTTP request duration by route template and method",
    labels: ["service", "route", "method"],
  },
  dependencyRequests: {
    name: "dependency_requests_total",
    type: "counter",
    help: "Calls to a dependency by outcome: success, error or timeout",
    labels: ["service", "dependency", "outcome"],
  },
  poolConnections: {
    name: "db_pool_connections",
    type: "gauge",
    help: "Database pool connections by state: in_use, idle or waiting (requests queued for a connection)",
    labels: ["service", "dependency", "state"],
  },
  poolMax: {
    name: "db_pool_max_connections",
    type: "gauge",
    help: "The database pool's configured maximum",
    labels: ["service", "dependency"],
  },
  queueAge: {
    name: "queue_oldest_message_age_seconds",
    type: "gauge",
    help: "Age of the oldest message waiting in a queue",
    labels: ["service", "queue"],
  },
  jobRuns: {
    name: "job_runs_total",
    type: "counter",
    help: "Scheduled job runs by outcome: success or failure",
    labels: ["service", "job", "outcome"],
  },
  jobLastSuccess: {
    name: "job_last_success_timestamp_seconds",
    type: "gauge",
    help: "Unix time of the job's last successful run",
    labels: ["service", "job"],
  },
  jobInterval: {
    name: "job_expected_interval_seconds",
    type: "gauge",
    help: "How often the job is scheduled to run",
    labels: ["service", "job"],
  },
  dataUpdated: {
    name: "data_last_updated_timestamp_seconds",
    type: "gauge",
    help: "Unix time the dataset was last refreshed from its source",
    labels: ["service", "dataset"],
  },
  dataMaxAge: {
    name: "data_max_age_seconds",
    type: "gauge",
    help: "The oldest the dataset may be before users see stale figures",
    labels: ["service", "dataset"],
  },
  deadlines: {
    name: "deadline_items",
    type: "gauge",
    help: "Open items by deadline state: at_risk or overdue",
    labels: ["service", "state"],
  },
  ruleset: {
    name: "ruleset_version_info",
    type: "gauge",
    help: "1 for the rule-set version this instance has loaded",
    labels: ["service", "ruleset", "version"],
  },
  personalDataAccess: {
    name: "personal_data_records_accessed_total",
    type: "counter",
    help: "Records holding personal data read or exported, by operation (read, export) and actor (citizen, staff, system)",
    labels: ["service", "operation", "actor"],
  },
  personalDataInLogs: {
    name: "log_personal_data_matches_total",
    type: "counter",
    help: "Log lines that matched a personal-data pattern (email, phone, postcode, nino) before redaction",
    labels: ["service", "pattern"],
  },
  processStart: {
    name: "process_start_time_seconds",
    type: "gauge",
    help: "Exported by prom-client's default metrics; its absence means Prometheus cannot see the service",
    labels: ["service"],
  },
  probeSuccess: {
    name: "probe_success",
    type: "gauge",
    help: "Set by the blackbox exporter for each synthetic probe",
    labels: ["service", "journey", "instance"],
  },
} as const satisfies Record<string, MetricSpec>;

export type MetricKey = keyof typeof METRICS;

/** prom-client's default buckets, plus every journey's latency threshold so the SLI reads an exact bucket. */
export const DEFAULT_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export function latencyBuckets(profile: Profile): number[] {
  const thresholds = profile.journeys.map((j) => leSeconds(j.slo.latency.thresholdMs));
  return [...new Set([...DEFAULT_BUCKETS, ...thresholds])].sort((a, b) => a - b);
}

export function leSeconds(thresholdMs: number): number {
  return thresholdMs / 1000;
}

/** The `le` label as prom-client writes it (JavaScript's number formatting). */
export function leLabel(thresholdMs: number): string {
  return String(leSeconds(thresholdMs));
}
