import type { Pool } from 'pg';
import type { Assessment } from './types.js';

export interface AssessmentRepository {
  insert(assessment: Assessment): Promise<void>;
  get(id: string): Promise<Assessment | undefined>;
  update(assessment: Assessment): Promise<void>;
  ping(): Promise<void>;
}

type Row = {
  id: string;
  procurement_reference: string;
  supplier: Assessment['supplier'];
  ruleset_version: string;
  status: Assessment['status'];
  submission: Assessment['submission'];
  result: Assessment['result'];
  assessor_email: string;
  created_at: Date;
  updated_at: Date;
  submitted_at: Date | null;
};

function toAssessment(r: Row): Assessment {
  return {
    id: r.id,
    procurementReference: r.procurement_reference,
    supplier: r.supplier,
    rulesetVersion: r.ruleset_version,
    status: r.status,
    submission: r.submission,
    result: r.result,
    assessorEmail: r.assessor_email,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    submittedAt: r.submitted_at ? r.submitted_at.toISOString() : null,
  };
}

export class PgAssessmentRepository implements AssessmentRepository {
  constructor(private readonly pool: Pool) {}

  async insert(a: Assessment): Promise<void> {
    await this.pool.query(
      `INSERT INTO assessments (id, procurement_reference, supplier, ruleset_version, status, submission, result, assessor_email, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [a.id, a.procurementReference, a.supplier, a.rulesetVersion, a.status, a.submission, a.result, a.assessorEmail, a.createdAt, a.updatedAt],
    );
  }

  async get(id: string): Promise<Assessment | undefined> {
    const { rows } = await this.pool.query<Row>('SELECT * FROM assessments WHERE id = $1', [id]);
    return rows[0] && toAssessment(rows[0]);
  }

  /** The pinned ruleset_version is never updated. */
  async update(a: Assessment): Promise<void> {
    await this.pool.query(
      'UPDATE assessments SET status = $2, submission = $3, result = $4, updated_at = $5, submitted_at = $6 WHERE id = $1',
      [a.id, a.status, a.submission, a.result, a.updatedAt, a.submittedAt],
    );
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }
}
