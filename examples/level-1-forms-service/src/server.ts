import RedisStore from 'connect-redis';
import { Redis } from 'ioredis';
import { createApp } from './app.js';
import { HttpCaseApi } from './clients/case-api.js';
import { NotifyNotifier } from './clients/notify.js';
import { loadConfig } from './config.js';
import { logger } from './logger.js';

const config = loadConfig();

const redis = new Redis(process.env.REDIS_URL!, { maxRetriesPerRequest: 2, connectTimeout: 5_000 });
redis.on('error', (err) => logger.error({ err }, 'Redis error'));

const app = createApp({
  sessionStore: new RedisStore({ client: redis, prefix: 'dhp:sess:' }),
  sessionSecret: config.sessionSecret,
  caseApi: new HttpCaseApi(config.caseApiUrl, config.caseApiKey),
  notifier: new NotifyNotifier(config.notifyApiKey, config.notifyConfirmationTemplateId),
  logger,
});

const server = app.listen(config.port, () => logger.info({ port: config.port }, 'DHP forms service listening'));

// Let in-flight submissions finish before the platform kills the container.
process.on('SIGTERM', () => {
  logger.info('SIGTERM received, draining connections');
  server.close(async () => {
    await redis.quit();
    logger.info('Shut down cleanly');
    process.exit(0);
  });
  setTimeout(() => process.exit(1), 25_000).unref();
});
