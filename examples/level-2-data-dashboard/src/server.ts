import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { ingestAll } from './ingest.js';
import { createMetrics } from './metrics.js';
import { PgRepository } from './pg-repository.js';
import { schedule } from './scheduler.js';
import { householdsSource } from './sources/ons-api.js';
import { housingSupplySource } from './sources/stats-api.js';

const config = loadConfig();
const repo = await PgRepository.connect();
const metrics = createMetrics();
const app = await buildApp({
  repo,
  metrics,
  staleAfterHours: config.staleAfterHours,
  logger: { level: config.logLevel },
});

const sources = {
  'housing-supply': housingSupplySource(process.env.STATS_API_URL!, config.statsApiKey),
  households: householdsSource(process.env.ONS_API_URL!),
};

schedule('ingest', config.ingestIntervalMinutes * 60_000, () => ingestAll({ repo, sources, metrics, logger: app.log }), app.log);

await app.listen({ port: config.port, host: config.host });
