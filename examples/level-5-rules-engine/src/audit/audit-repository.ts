import type { Pool } from 'pg';

export interface AuditEvent {
  assessmentId: string;
  action: string;
  actor: string;
  rulesetVersion: string;
  detail: Record<string, unknown>;
}

export interface StoredAuditEvent extends AuditEvent {
  sequence: number;
  occurredAt: string;
}

/** Append-only audit trail: events can be added and read, never changed or removed. */
export interface AuditRepository {
  append(event: AuditEvent): Promise<StoredAuditEvent>;
  listForAssessment(assessmentId: string): Promise<StoredAuditEvent[]>;
}

type Row = { sequence: string; assessment_id: string; action: string; actor: string; ruleset_version: string; detail: Record<string, unknown>; occurred_at: Date };

function toEvent(row: Row): StoredAuditEvent {
  return {
    sequence: Number(row.sequence),
    assessmentId: row.assessment_id,
    action: row.action,
    actor: row.actor,
    rulesetVersion: row.ruleset_version,
    detail: row.detail,
    occurredAt: row.occurred_at.toISOString(),
  };
}

export class PgAuditRepository implements AuditRepository {
  constructor(private readonly pool: Pick<Pool, 'query'>) {}

  async append(event: AuditEvent): Promise<StoredAuditEvent> {
    const { rows } = await this.pool.query<Row>(
      `INSERT INTO audit_events (assessment_id, action, actor, ruleset_version, detail)
       VALUES ($1, $2, $3, $4, $5) RETURNING *`,
      [event.assessmentId, event.action, event.actor, event.rulesetVersion, JSON.stringify(event.detail)],
    );
    return toEvent(rows[0]);
  }

  async listForAssessment(assessmentId: string): Promise<StoredAuditEvent[]> {
    const { rows } = await this.pool.query<Row>('SELECT * FROM audit_events WHERE assessment_id = $1 ORDER BY sequence', [assessmentId]);
    return rows.map(toEvent);
  }
}
