import type { CompletionRecord, HouseholdRecord, SourceId } from './sources/types.js';

export interface StoredDataset<T> {
  records: T[];
  rejected: number;
  publishedAt: string;
  ingestedAt: string;
}

export interface SourceStatus {
  source: SourceId;
  lastAttemptAt?: string;
  lastSuccessAt?: string;
  lastError?: string;
}

export interface DatasetRecords {
  'housing-supply': CompletionRecord;
  households: HouseholdRecord;
}

/** Where ingested datasets and ingestion outcomes live; Postgres in production, memory in tests. */
export interface DashboardRepository {
  saveDataset<S extends SourceId>(source: S, dataset: StoredDataset<DatasetRecords[S]>): Promise<void>;
  getDataset<S extends SourceId>(source: S): Promise<StoredDataset<DatasetRecords[S]> | undefined>;
  recordAttempt(source: SourceId, at: string, error?: string): Promise<void>;
  statuses(): Promise<SourceStatus[]>;
}

export class InMemoryRepository implements DashboardRepository {
  private datasets = new Map<SourceId, StoredDataset<unknown>>();
  private status = new Map<SourceId, SourceStatus>();

  async saveDataset<S extends SourceId>(source: S, dataset: StoredDataset<DatasetRecords[S]>) {
    this.datasets.set(source, dataset);
  }

  async getDataset<S extends SourceId>(source: S) {
    return this.datasets.get(source) as StoredDataset<DatasetRecords[S]> | undefined;
  }

  async recordAttempt(source: SourceId, at: string, error?: string) {
    const previous = this.status.get(source) ?? { source };
    this.status.set(source, {
      ...previous,
      lastAttemptAt: at,
      lastError: error,
      lastSuccessAt: error ? previous.lastSuccessAt : at,
    });
  }

  async statuses() {
    return [...this.status.values()];
  }
}
