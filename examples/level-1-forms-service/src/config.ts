export interface Config {
  port: number;
  sessionSecret: string;
  redisUrl: string;
  caseApiUrl: string;
  caseApiKey: string;
  notifyApiKey: string;
  notifyConfirmationTemplateId: string;
  logLevel: string;
}

function required(name: string, value: string | undefined): string {
  if (!value) throw new Error(`Missing required environment variable ${name}`);
  return value;
}

export function loadConfig(): Config {
  return {
    port: Number(process.env.PORT ?? 3000),
    sessionSecret: required('SESSION_SECRET', process.env.SESSION_SECRET),
    redisUrl: required('REDIS_URL', process.env.REDIS_URL),
    caseApiUrl: required('CASE_API_URL', process.env.CASE_API_URL),
    caseApiKey: required('CASE_API_KEY', process.env.CASE_API_KEY),
    notifyApiKey: required('NOTIFY_API_KEY', process.env.NOTIFY_API_KEY),
    notifyConfirmationTemplateId: required(
      'NOTIFY_CONFIRMATION_TEMPLATE_ID',
      process.env.NOTIFY_CONFIRMATION_TEMPLATE_ID,
    ),
    logLevel: process.env.LOG_LEVEL ?? 'info',
  };
}
