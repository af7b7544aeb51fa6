import pg from 'pg';
import { createApp } from './app.js';
import { createTokenVerifier } from './auth.js';
import { loadConfig } from './config.js';
import { createDb } from './db.js';
import { startScheduler } from './deadlines/scheduler.js';
import { logger } from './logger.js';
import { ParliamentClient } from './parliament/client.js';

// Keep DATE columns as 'YYYY-MM-DD' strings instead of local-midnight Date objects.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

const config = loadConfig();
const db = createDb();
const parliament = new ParliamentClient({ baseUrl: config.parliamentApiUrl, timeoutMs: config.parliamentApiTimeoutMs });
const verifyToken = createTokenVerifier({ issuer: config.oidcIssuerUrl, audience: config.oidcAudience });

const app = createApp({ db, parliament, verifyToken, warningSittingDays: config.deadlineWarningSittingDays });
const server = app.listen(config.port, () => logger.info({ port: config.port }, 'pq-tracker listening'));
const stopScheduler = startScheduler({
  db,
  client: parliament,
  logger,
  intervalMinutes: config.schedulerIntervalMinutes,
  warningSittingDays: config.deadlineWarningSittingDays,
});

async function shutdown(signal: string) {
  logger.info({ signal }, 'shutting down');
  const forced = setTimeout(() => process.exit(1), 25_000);
  forced.unref();
  server.close();
  await stopScheduler();
  await db.destroy();
  logger.info('shutdown complete');
}

process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));
