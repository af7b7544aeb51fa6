import { Pool } from 'pg';
import type { DashboardRepository, DatasetRecords, SourceStatus, StoredDataset } from './repository.js';
import type { SourceId } from './sources/types.js';

const schema = `
  CREATE TABLE IF NOT EXISTS datasets (
    source text PRIMARY KEY,
    records jsonb NOT NULL,
    rejected integer NOT NULL,
    published_at date NOT NULL,
    ingested_at timestamptz NOT NULL
  );
  CREATE TABLE IF NOT EXISTS source_status (
    source text PRIMARY KEY,
    last_attempt_at timestamptz,
    last_success_at timestamptz,
    last_error text
  );`;

/** Keeps the last good dataset and ingestion outcomes across restarts and instances. */
export class PgRepository implements DashboardRepository {
  constructor(private readonly pool: Pool) {}

  static async connect(): Promise<PgRepository> {
    const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 5, connectionTimeoutMillis: 5_000 });
    await pool.query(schema);
    return new PgRepository(pool);
  }

  async saveDataset<S extends SourceId>(source: S, d: StoredDataset<DatasetRecords[S]>) {
    await this.pool.query(
      `INSERT INTO datasets (source, records, rejected, published_at, ingested_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (source) DO UPDATE SET records = $2, rejected = $3, published_at = $4, ingested_at = $5`,
      [source, JSON.stringify(d.records), d.rejected, d.publishedAt, d.ingestedAt],
    );
  }

  async getDataset<S extends SourceId>(source: S) {
    const { rows } = await this.pool.query(
      `SELECT records, rejected, to_char(published_at, 'YYYY-MM-DD') AS published_at, ingested_at FROM datasets WHERE source = $1`,
      [source],
    );
    if (!rows[0]) return undefined;
    const r = rows[0];
    return { records: r.records, rejected: r.rejected, publishedAt: r.published_at, ingestedAt: r.ingested_at.toISOString() };
  }

  async recordAttempt(source: SourceId, at: string, error?: string) {
    await this.pool.query(
      `INSERT INTO source_status (source, last_attempt_at, last_success_at, last_error) VALUES ($1, $2, CASE WHEN $3::text IS NULL THEN $2::timestamptz END, $3)
       ON CONFLICT (source) DO UPDATE SET last_attempt_at = $2, last_error = $3,
         last_success_at = CASE WHEN $3::text IS NULL THEN $2::timestamptz ELSE source_status.last_success_at END`,
      [source, at, error ?? null],
    );
  }

  async statuses(): Promise<SourceStatus[]> {
    const { rows } = await this.pool.query('SELECT * FROM source_status');
    return rows.map((r) => ({
      source: r.source,
      lastAttemptAt: r.last_attempt_at?.toISOString(),
      lastSuccessAt: r.last_success_at?.toISOString(),
      lastError: r.last_error ?? undefined,
    }));
  }

  close() {
    return this.pool.end();
  }
}
