import { pino } from 'pino';

// Citizen answers never go to the logs: redact anything that may carry them.
export const logger = pino({
  level: process.env.LOG_LEVEL ?? 'info',
  redact: ['req.headers.cookie', 'application', 'email', 'fullName', 'nationalInsuranceNumber'],
});

export type Logger = typeof logger;
