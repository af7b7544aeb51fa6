import { pino } from 'pino';

export const logger = pino({
  level: process.env.LOG_LEVEL ?? 'info',
  base: { service: 'enquiry-service' },
  // Belt and braces: personal data should never reach a log line, but if it does it is masked.
  redact: {
    paths: ['fullName', 'email', 'phoneNumber', 'postcode', 'address', 'message', '*.fullName', '*.email',
      '*.phoneNumber', '*.postcode', '*.address', '*.message', 'req.headers.cookie'],
    censor: '[redacted]',
  },
});
