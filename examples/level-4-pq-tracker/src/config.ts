export interface Config {
  port: number;
  databaseUrl: string;
  parliamentApiUrl: string;
  parliamentApiTimeoutMs: number;
  oidcIssuerUrl: string;
  oidcAudience: string;
  deadlineWarningSittingDays: number;
  schedulerIntervalMinutes: number;
  logLevel: string;
}

function required(name: string, value: string | undefined): string {
  if (!value) throw new Error(`Missing required environment variable ${name}`);
  return value;
}

export function loadConfig(): Config {
  return {
    port: Number(process.env.PORT ?? 3000),
    databaseUrl: required('DATABASE_URL', process.env.DATABASE_URL),
    parliamentApiUrl: process.env.PARLIAMENT_API_URL ?? 'https://questions-statements-api.parliament.uk',
    parliamentApiTimeoutMs: Number(process.env.PARLIAMENT_API_TIMEOUT_MS ?? 10_000),
    oidcIssuerUrl: required('OIDC_ISSUER_URL', process.env.OIDC_ISSUER_URL),
    oidcAudience: required('OIDC_AUDIENCE', process.env.OIDC_AUDIENCE),
    deadlineWarningSittingDays: Number(process.env.DEADLINE_WARNING_SITTING_DAYS ?? 2),
    schedulerIntervalMinutes: Number(process.env.SCHEDULER_INTERVAL_MINUTES ?? 15),
    logLevel: process.env.LOG_LEVEL ?? 'info',
  };
}
