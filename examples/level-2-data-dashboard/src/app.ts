import Fastify, { type FastifyServerOptions } from 'fastify';
import { AggregateCache } from './cache.js';
import { Dashboard } from './dashboard.js';
import { createMetrics, type Metrics } from './metrics.js';
import type { DashboardRepository } from './repository.js';
import { dashboardRoutes } from './routes/dashboard.js';
import { dataRoutes } from './routes/data.js';
import { healthRoutes } from './routes/health.js';
import { metricsRoutes } from './routes/metrics.js';

export interface AppOptions {
  repo: DashboardRepository;
  /** Hours after the last successful ingestion before a source is flagged stale. Default: 26. */
  staleAfterHours?: number;
  metrics?: Metrics;
  logger?: FastifyServerOptions['logger'];
  now?: () => Date;
}

export async function buildApp(options: AppOptions) {
  const app = Fastify({ logger: options.logger ?? false });
  const metrics = options.metrics ?? createMetrics();
  const dashboard = new Dashboard({
    repo: options.repo,
    cache: new AggregateCache(metrics),
    metrics,
    staleAfterHours: options.staleAfterHours ?? 26,
    now: options.now,
  });

  app.addHook('onResponse', async (request, reply) => {
    metrics.httpDuration.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unmatched', status_code: reply.statusCode },
      reply.elapsedTime / 1000,
    );
  });

  await app.register(metricsRoutes, { metrics });
  await app.register(healthRoutes, { dashboard });
  await app.register(dashboardRoutes, { prefix: '/dashboard', dashboard });
  await app.register(dataRoutes, { prefix: '/data', dashboard });
  app.get('/', async (_request, reply) => reply.redirect('/dashboard'));

  return app;
}
