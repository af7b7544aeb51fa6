import type { FastifyPluginAsync } from 'fastify';
import type { Dashboard } from '../dashboard.js';
import { localAuthoritiesPage, overviewPage } from '../views/dashboard-page.js';

export const dashboardRoutes: FastifyPluginAsync<{ dashboard: Dashboard }> = async (app, { dashboard }) => {
  app.get('/', async (_request, reply) => {
    reply.type('text/html; charset=utf-8').header('cache-control', 'public, max-age=300');
    return overviewPage(await dashboard.load());
  });

  app.get('/local-authorities', async (_request, reply) => {
    reply.type('text/html; charset=utf-8').header('cache-control', 'public, max-age=300');
    return localAuthoritiesPage(await dashboard.load());
  });
};
