import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpRequestDuration: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration by route and status',
      labelNames: ['method', 'route', 'status'],
      registers: [registry],
    }),
    enquiriesSubmitted: new Counter({
      name: 'enquiries_submitted_total',
      help: 'Enquiries submitted by citizens',
      labelNames: ['department'],
      registers: [registry],
    }),
    notifyFailures: new Counter({
      name: 'notify_failures_total',
      help: 'GOV.UK Notify email sends that failed',
      labelNames: ['template'],
      registers: [registry],
    }),
    openEnquiriesBySla: new Gauge({
      name: 'open_enquiries_by_sla_status',
      help: 'Open enquiries by SLA status at the last SLA check',
      labelNames: ['sla_status'],
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
