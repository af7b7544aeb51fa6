export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  statsApiUrl: string;
  statsApiKey: string;
  onsApiUrl: string;
  ingestIntervalMinutes: number;
  staleAfterHours: number;
  logLevel: string;
}

function required(name: string, value: string | undefined): string {
  if (!value) throw new Error(`Missing required environment variable ${name}`);
  return value;
}

export function loadConfig(): Config {
  return {
    port: Number(process.env.PORT ?? 8080),
    host: process.env.HOST ?? '0.0.0.0',
    databaseUrl: required('DATABASE_URL', process.env.DATABASE_URL),
    statsApiUrl: required('STATS_API_URL', process.env.STATS_API_URL),
    statsApiKey: required('STATS_API_KEY', process.env.STATS_API_KEY),
    onsApiUrl: required('ONS_API_URL', process.env.ONS_API_URL),
    ingestIntervalMinutes: Number(process.env.INGEST_INTERVAL_MINUTES ?? 60),
    staleAfterHours: Number(process.env.STALE_AFTER_HOURS ?? 26),
    logLevel: process.env.LOG_LEVEL ?? 'info',
  };
}
