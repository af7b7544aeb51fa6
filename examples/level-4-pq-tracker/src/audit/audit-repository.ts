import type { Knex } from 'knex';

export interface AuditEvent {
  questionId: number;
  action: string;
  fromStatus?: string | null;
  toStatus?: string | null;
  actor: string;
  detail?: Record<string, unknown>;
}

export interface StoredAuditEvent extends AuditEvent {
  id: number;
  occurredAt: string;
}

/** Append-only: there is deliberately no update or delete. */
export async function recordAuditEvent(db: Knex | Knex.Transaction, event: AuditEvent): Promise<void> {
  await db('audit_events').insert({
    question_id: event.questionId,
    action: event.action,
    from_status: event.fromStatus ?? null,
    to_status: event.toStatus ?? null,
    actor: event.actor,
    detail: event.detail ? JSON.stringify(event.detail) : null,
  });
}

export async function auditHistory(db: Knex, questionId: number): Promise<StoredAuditEvent[]> {
  const rows = await db('audit_events').where({ question_id: questionId }).orderBy('id');
  return rows.map((r) => ({
    id: Number(r.id),
    questionId: r.question_id,
    action: r.action,
    fromStatus: r.from_status,
    toStatus: r.to_status,
    actor: r.actor,
    detail: typeof r.detail === 'string' ? JSON.parse(r.detail) : (r.detail ?? undefined),
    occurredAt: new Date(r.occurred_at).toISOString(),
  }));
}
