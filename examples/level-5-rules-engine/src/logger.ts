import { pino } from 'pino';

export const logger = pino({
  level: process.env.LOG_LEVEL ?? 'info',
  base: { service: 'crp-rules-engine' },
  redact: ['req.headers.authorization', '*.contactEmail'],
});

export type Logger = typeof logger;
