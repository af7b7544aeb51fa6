import type { FastifyBaseLogger } from 'fastify';
import type { Metrics } from './metrics.js';
import type { DashboardRepository, DatasetRecords } from './repository.js';
import type { Source, SourceId } from './sources/types.js';

export type Sources = { [S in SourceId]: Source<DatasetRecords[S]> };

export interface IngestDeps {
  repo: DashboardRepository;
  sources: Sources;
  metrics: Metrics;
  logger: FastifyBaseLogger;
  now?: () => Date;
}

/** Fetches one source; a failure keeps the last good dataset and is recorded so it shows as stale. */
export async function ingestSource<S extends SourceId>(id: S, deps: IngestDeps): Promise<void> {
  const { repo, sources, metrics, logger, now = () => new Date() } = deps;
  const startedAt = now().toISOString();
  try {
    const parsed = await sources[id].load();
    await repo.saveDataset(id, { ...parsed, ingestedAt: startedAt });
    await repo.recordAttempt(id, startedAt);
    const outcome = parsed.rejected > 0 ? 'partial' : 'success';
    metrics.ingestionRuns.inc({ source: id, outcome });
    metrics.rejectedRecords.set({ source: id }, parsed.rejected);
    logger.info({ source: id, records: parsed.records.length, rejected: parsed.rejected }, 'Ingested source');
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    await repo.recordAttempt(id, startedAt, message);
    metrics.ingestionRuns.inc({ source: id, outcome: 'failed' });
    logger.error({ source: id, err }, 'Ingestion failed; keeping last good data');
  }
}

export async function ingestAll(deps: IngestDeps): Promise<void> {
  await Promise.all((Object.keys(deps.sources) as SourceId[]).map((id) => ingestSource(id, deps)));
}
