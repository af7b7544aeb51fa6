import { randomUUID } from 'node:crypto';
import type { CreateEnquiry, EnquiryEvent, EnquiryRepository } from '../src/db/repository.js';
import type { Caseworker, DepartmentCode, Enquiry, Priority, SlaStatus } from '../src/domain/enquiry.js';

/** Same contract as PgEnquiryRepository, held in maps. Returns copies so callers cannot mutate state. */
export class InMemoryEnquiryRepository implements EnquiryRepository {
  readonly enquiries = new Map<string, Enquiry>();
  readonly caseworkers = new Map<string, Caseworker>();
  readonly events: EnquiryEvent[] = [];
  healthy = true;

  addCaseworker(input: Omit<Caseworker, 'id'>): Caseworker {
    const caseworker = { id: randomUUID(), ...input };
    this.caseworkers.set(caseworker.id, caseworker);
    return caseworker;
  }

  async ping(): Promise<void> {
    if (!this.healthy) throw new Error('connection refused');
  }

  async createEnquiry(input: CreateEnquiry): Promise<Enquiry> {
    const enquiry: Enquiry = { id: randomUUID(), status: 'received', priority: 'normal', slaStatus: 'on_track', ...input };
    this.enquiries.set(enquiry.id, enquiry);
    return { ...enquiry };
  }

  async findByReference(reference: string) {
    const found = [...this.enquiries.values()].find((e) => e.reference === reference);
    return found && { ...found };
  }

  async findForDepartment(id: string, departmentCode: DepartmentCode) {
    const found = this.enquiries.get(id);
    return found?.departmentCode === departmentCode ? { ...found } : undefined;
  }

  async listQueue(departmentCode: DepartmentCode) {
    return [...this.enquiries.values()]
      .filter((e) => e.departmentCode === departmentCode && e.status !== 'responded')
      .sort((a, b) => Number(b.priority === 'urgent') - Number(a.priority === 'urgent') || +a.dueAt - +b.dueAt)
      .map((e) => ({ ...e }));
  }

  async assign(id: string, departmentCode: DepartmentCode, caseworkerId: string) {
    return this.updateOpen(id, departmentCode, { assignedTo: caseworkerId, status: 'assigned' });
  }

  async triage(id: string, departmentCode: DepartmentCode, category: string, priority: Priority) {
    const current = this.enquiries.get(id);
    const status = current?.status === 'received' ? 'triaged' : current?.status;
    return this.updateOpen(id, departmentCode, { category, priority, status });
  }

  async respond(id: string, departmentCode: DepartmentCode, responseText: string, at: Date) {
    const current = this.enquiries.get(id);
    const slaStatus: SlaStatus = current && at <= current.dueAt ? 'met' : 'missed';
    return this.updateOpen(id, departmentCode, { responseText, respondedAt: at, status: 'responded', slaStatus });
  }

  async recordEvent(event: EnquiryEvent) {
    this.events.push(event);
  }

  async listOpen() {
    return [...this.enquiries.values()].filter((e) => e.status !== 'responded').map((e) => ({ ...e }));
  }

  async updateSlaStatus(id: string, slaStatus: SlaStatus) {
    const current = this.enquiries.get(id);
    if (current) current.slaStatus = slaStatus;
  }

  async findCaseworkerBySubject(oidcSubject: string) {
    return [...this.caseworkers.values()].find((c) => c.oidcSubject === oidcSubject);
  }

  async findCaseworkerById(id: string) {
    return this.caseworkers.get(id);
  }

  private updateOpen(id: string, departmentCode: DepartmentCode, changes: Partial<Enquiry>) {
    const current = this.enquiries.get(id);
    if (!current || current.departmentCode !== departmentCode || current.status === 'responded') return undefined;
    Object.assign(current, changes);
    return { ...current };
  }
}
