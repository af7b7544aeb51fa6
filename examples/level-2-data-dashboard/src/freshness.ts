import type { SourceStatus, StoredDataset } from './repository.js';
import type { SourceId } from './sources/types.js';

export type FreshnessState = 'current' | 'stale' | 'partial' | 'missing';

export interface SourceFreshness {
  source: SourceId;
  title: string;
  state: FreshnessState;
  lastSuccessAt?: string;
  lastAttemptAt?: string;
  lastError?: string;
  ageHours?: number;
  publishedAt?: string;
  rejectedRecords: number;
}

/**
 * A source is stale when its last successful ingestion is older than the threshold, even if
 * later attempts are still failing; partial when its current dataset dropped invalid records.
 */
export function assessFreshness(
  source: SourceId,
  title: string,
  status: SourceStatus | undefined,
  dataset: Pick<StoredDataset<unknown>, 'rejected' | 'publishedAt'> | undefined,
  now: Date,
  staleAfterHours: number,
): SourceFreshness {
  const base = { source, title, lastAttemptAt: status?.lastAttemptAt, lastError: status?.lastError, rejectedRecords: dataset?.rejected ?? 0 };
  if (!dataset || !status?.lastSuccessAt) return { ...base, state: 'missing' };
  const ageHours = (now.getTime() - Date.parse(status.lastSuccessAt)) / 3_600_000;
  const state: FreshnessState = ageHours > staleAfterHours ? 'stale' : dataset.rejected > 0 ? 'partial' : 'current';
  return { ...base, state, lastSuccessAt: status.lastSuccessAt, ageHours: Math.round(ageHours * 10) / 10, publishedAt: dataset.publishedAt };
}

export function describeFreshness(f: SourceFreshness): string | undefined {
  switch (f.state) {
    case 'missing':
      return `${f.title} are not available yet. Figures that depend on them are not shown.`;
    case 'stale':
      return `${f.title} may be out of date: last updated successfully ${Math.floor(f.ageHours! / 24) >= 1 ? `${Math.floor(f.ageHours! / 24)} days` : `${Math.floor(f.ageHours!)} hours`} ago.`;
    case 'partial':
      return `${f.title} are incomplete: ${f.rejectedRecords} records failed validation and are left out.`;
    default:
      return undefined;
  }
}
