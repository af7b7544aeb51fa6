import connectPgSimple from 'connect-pg-simple';
import session from 'express-session';
import { createApp } from './app.js';
import { fromEnv } from './auth/oidc.js';
import { loadConfig } from './config.js';
import { PgEnquiryRepository } from './db/pg-repository.js';
import { createPool } from './db/pool.js';
import { scheduleSlaCheck } from './jobs/sla-check.js';
import { logger } from './logger.js';
import { createMetrics } from './metrics.js';
import { NotifyCitizenNotifier, createNotifyClient } from './notify/citizen-notifier.js';

const config = loadConfig();
const pool = createPool();
pool.on('error', (error) => logger.error({ err: error }, 'idle database client error'));

const repo = new PgEnquiryRepository(pool);
const metrics = createMetrics();
const PgSessionStore = connectPgSimple(session);
const sessionStore = new PgSessionStore({
  pool,
  tableName: 'session',
  errorLog: (...args: unknown[]) => logger.error({ args }, 'session store error'),
});

const app = createApp({
  repo,
  notifier: new NotifyCitizenNotifier(createNotifyClient(), config.notify),
  oidc: fromEnv(),
  metrics,
  logger,
  sessionSecret: config.sessionSecret,
  sessionStore,
  secureCookies: config.nodeEnv === 'production',
});

const stopSlaCheck = scheduleSlaCheck(repo, metrics, logger, config.slaCheckIntervalMs);
const server = app.listen(config.port, config.host, () => logger.info({ port: config.port }, 'enquiry service listening'));

function shutdown(signal: string) {
  logger.info({ signal }, 'shutting down');
  stopSlaCheck();
  const forceExit = setTimeout(() => {
    logger.error('graceful shutdown timed out');
    process.exit(1);
  }, 10_000);
  forceExit.unref();
  server.close(async () => {
    sessionStore.close();
    await pool.end();
    logger.info('shutdown complete');
  });
  server.closeIdleConnections();
}

process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
