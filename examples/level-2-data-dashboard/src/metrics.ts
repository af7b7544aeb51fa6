import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export type Metrics = ReturnType<typeof createMetrics>;

/** One registry per app instance, so tests and multiple apps never share counters. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    ingestionRuns: new Counter({
      name: 'dashboard_ingestion_runs_total',
      help: 'Ingestion runs by source and outcome (success, partial, failed)',
      labelNames: ['source', 'outcome'] as const,
      registers: [registry],
    }),
    rejectedRecords: new Gauge({
      name: 'dashboard_rejected_records',
      help: 'Records dropped by validation in the current dataset of each source',
      labelNames: ['source'] as const,
      registers: [registry],
    }),
    sourceAge: new Gauge({
      name: 'dashboard_source_age_hours',
      help: 'Hours since the last successful ingestion of each source',
      labelNames: ['source'] as const,
      registers: [registry],
    }),
    sourceStale: new Gauge({
      name: 'dashboard_source_stale',
      help: '1 when a source is stale or missing, 0 otherwise',
      labelNames: ['source'] as const,
      registers: [registry],
    }),
    aggregateCache: new Counter({
      name: 'dashboard_aggregate_cache_total',
      help: 'Aggregate cache lookups by result (hit, miss)',
      labelNames: ['result'] as const,
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration by route and status code',
      labelNames: ['method', 'route', 'status_code'] as const,
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
  };
}
