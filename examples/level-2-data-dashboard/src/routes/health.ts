import type { FastifyPluginAsync } from 'fastify';
import type { Dashboard } from '../dashboard.js';

export const healthRoutes: FastifyPluginAsync<{ dashboard: Dashboard }> = async (app, { dashboard }) => {
  // Liveness: the process serves requests. Stale data degrades the status but is not a restart reason.
  app.get('/health', async () => {
    const { freshness } = await dashboard.load();
    const degraded = freshness.some((f) => f.state !== 'current');
    return { status: degraded ? 'degraded' : 'ok', sources: Object.fromEntries(freshness.map((f) => [f.source, f.state])) };
  });

  app.get('/freshness', async () => {
    const { freshness } = await dashboard.load();
    return { sources: freshness };
  });
};
