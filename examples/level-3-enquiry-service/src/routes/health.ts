import { Router } from 'express';
import type { Logger } from 'pino';
import type { EnquiryRepository } from '../db/repository.js';
import type { Metrics } from '../metrics.js';

export function healthRouter(repo: EnquiryRepository, metrics: Metrics, logger: Logger): Router {
  const router = Router();

  router.get('/health', async (_req, res) => {
    try {
      await repo.ping();
      res.json({ status: 'ok', checks: { database: 'ok' } });
    } catch (error) {
      logger.warn({ err: error }, 'health check failed: database');
      res.status(503).json({ status: 'unavailable', checks: { database: 'failed' } });
    }
  });

  router.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  return router;
}
