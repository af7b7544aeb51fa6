import type { AssessmentRepository } from '../../src/assessments/assessment-repository.js';
import type { Assessment } from '../../src/assessments/types.js';
import type { AuditEvent, AuditRepository, StoredAuditEvent } from '../../src/audit/audit-repository.js';

const clone = <T>(value: T): T => structuredClone(value);

export class InMemoryAssessmentRepository implements AssessmentRepository {
  readonly rows = new Map<string, Assessment>();
  async insert(a: Assessment) {
    this.rows.set(a.id, clone(a));
  }
  async get(id: string) {
    const a = this.rows.get(id);
    return a && clone(a);
  }
  async update(a: Assessment) {
    const existing = this.rows.get(a.id);
    if (!existing) throw new Error('missing');
    this.rows.set(a.id, { ...clone(a), rulesetVersion: existing.rulesetVersion });
  }
  async ping() {}
}

/** Same contract as PgAuditRepository: append and read only. */
export class InMemoryAuditRepository implements AuditRepository {
  private readonly events: StoredAuditEvent[] = [];
  async append(event: AuditEvent) {
    const stored = Object.freeze({ ...clone(event), sequence: this.events.length + 1, occurredAt: new Date().toISOString() });
    this.events.push(stored);
    return clone(stored);
  }
  async listForAssessment(assessmentId: string) {
    return this.events.filter((e) => e.assessmentId === assessmentId).map(clone);
  }
}
