import type pg from 'pg';
import type { Caseworker, DepartmentCode, Enquiry, Priority, SlaStatus } from '../domain/enquiry.js';
import type { CreateEnquiry, EnquiryEvent, EnquiryRepository } from './repository.js';

const ENQUIRY_COLUMNS = `id, reference, department_code, full_name, email, phone_number, postcode, address,
  subject, message, status, category, priority, assigned_to, received_at, due_at, sla_status,
  response_text, responded_at`;

type Row = Record<string, any>;

function toEnquiry(row: Row): Enquiry {
  return {
    id: row.id,
    reference: row.reference,
    departmentCode: row.department_code,
    fullName: row.full_name,
    email: row.email,
    phoneNumber: row.phone_number ?? undefined,
    postcode: row.postcode,
    address: row.address ?? undefined,
    subject: row.subject,
    message: row.message,
    status: row.status,
    category: row.category ?? undefined,
    priority: row.priority,
    assignedTo: row.assigned_to ?? undefined,
    receivedAt: row.received_at,
    dueAt: row.due_at,
    slaStatus: row.sla_status,
    responseText: row.response_text ?? undefined,
    respondedAt: row.responded_at ?? undefined,
  };
}

function toCaseworker(row: Row): Caseworker {
  return {
    id: row.id,
    oidcSubject: row.oidc_subject,
    email: row.email,
    displayName: row.display_name,
    departmentCode: row.department_code,
  };
}

export class PgEnquiryRepository implements EnquiryRepository {
  constructor(private readonly pool: pg.Pool) {}

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async createEnquiry(input: CreateEnquiry): Promise<Enquiry> {
    const { rows } = await this.pool.query(
      `INSERT INTO enquiries (reference, department_code, full_name, email, phone_number, postcode, address,
         subject, message, received_at, due_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       RETURNING ${ENQUIRY_COLUMNS}`,
      [input.reference, input.departmentCode, input.fullName, input.email, input.phoneNumber ?? null,
        input.postcode, input.address ?? null, input.subject, input.message, input.receivedAt, input.dueAt],
    );
    return toEnquiry(rows[0]);
  }

  async findByReference(reference: string): Promise<Enquiry | undefined> {
    const { rows } = await this.pool.query(`SELECT ${ENQUIRY_COLUMNS} FROM enquiries WHERE reference = $1`, [reference]);
    return rows[0] ? toEnquiry(rows[0]) : undefined;
  }

  async findForDepartment(id: string, departmentCode: DepartmentCode): Promise<Enquiry | undefined> {
    const { rows } = await this.pool.query(
      `SELECT ${ENQUIRY_COLUMNS} FROM enquiries WHERE id = $1 AND department_code = $2`,
      [id, departmentCode],
    );
    return rows[0] ? toEnquiry(rows[0]) : undefined;
  }

  async listQueue(departmentCode: DepartmentCode): Promise<Enquiry[]> {
    const { rows } = await this.pool.query(
      `SELECT ${ENQUIRY_COLUMNS} FROM enquiries
       WHERE department_code = $1 AND status <> 'responded'
       ORDER BY priority = 'urgent' DESC, due_at ASC LIMIT 200`,
      [departmentCode],
    );
    return rows.map(toEnquiry);
  }

  async assign(id: string, departmentCode: DepartmentCode, caseworkerId: string): Promise<Enquiry | undefined> {
    return this.updateOne(
      `UPDATE enquiries SET assigned_to = $3, status = 'assigned', updated_at = now()
       WHERE id = $1 AND department_code = $2 AND status <> 'responded'`,
      [id, departmentCode, caseworkerId],
    );
  }

  async triage(id: string, departmentCode: DepartmentCode, category: string, priority: Priority): Promise<Enquiry | undefined> {
    return this.updateOne(
      `UPDATE enquiries SET category = $3, priority = $4,
         status = CASE WHEN status = 'received' THEN 'triaged' ELSE status END, updated_at = now()
       WHERE id = $1 AND department_code = $2 AND status <> 'responded'`,
      [id, departmentCode, category, priority],
    );
  }

  async respond(id: string, departmentCode: DepartmentCode, responseText: string, at: Date): Promise<Enquiry | undefined> {
    return this.updateOne(
      `UPDATE enquiries SET response_text = $3, responded_at = $4, status = 'responded',
         sla_status = CASE WHEN $4 <= due_at THEN 'met' ELSE 'missed' END, updated_at = now()
       WHERE id = $1 AND department_code = $2 AND status <> 'responded'`,
      [id, departmentCode, responseText, at],
    );
  }

  async recordEvent(event: EnquiryEvent): Promise<void> {
    await this.pool.query(
      'INSERT INTO enquiry_events (enquiry_id, caseworker_id, action, detail) VALUES ($1, $2, $3, $4)',
      [event.enquiryId, event.caseworkerId ?? null, event.action, JSON.stringify(event.detail ?? {})],
    );
  }

  async listOpen(): Promise<Enquiry[]> {
    const { rows } = await this.pool.query(`SELECT ${ENQUIRY_COLUMNS} FROM enquiries WHERE status <> 'responded'`);
    return rows.map(toEnquiry);
  }

  async updateSlaStatus(id: string, slaStatus: SlaStatus): Promise<void> {
    await this.pool.query('UPDATE enquiries SET sla_status = $2, updated_at = now() WHERE id = $1', [id, slaStatus]);
  }

  async findCaseworkerBySubject(oidcSubject: string): Promise<Caseworker | undefined> {
    const { rows } = await this.pool.query(
      'SELECT id, oidc_subject, email, display_name, department_code FROM caseworkers WHERE oidc_subject = $1',
      [oidcSubject],
    );
    return rows[0] ? toCaseworker(rows[0]) : undefined;
  }

  async findCaseworkerById(id: string): Promise<Caseworker | undefined> {
    const { rows } = await this.pool.query(
      'SELECT id, oidc_subject, email, display_name, department_code FROM caseworkers WHERE id = $1',
      [id],
    );
    return rows[0] ? toCaseworker(rows[0]) : undefined;
  }

  private async updateOne(sql: string, params: unknown[]): Promise<Enquiry | undefined> {
    const { rows } = await this.pool.query(`${sql} RETURNING ${ENQUIRY_COLUMNS}`, params);
    return rows[0] ? toEnquiry(rows[0]) : undefined;
  }
}
