import { pino } from 'pino';

export const logger = pino({
  level: process.env.LOG_LEVEL ?? 'info',
  base: { service: 'pq-tracker' },
  redact: ['req.headers.authorization', '*.email'],
});

export type Logger = typeof logger;
