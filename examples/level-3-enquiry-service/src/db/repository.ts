import type { Caseworker, DepartmentCode, Enquiry, NewEnquiry, Priority, SlaStatus } from '../domain/enquiry.js';

export interface CreateEnquiry extends NewEnquiry {
  reference: string;
  receivedAt: Date;
  dueAt: Date;
}

export interface EnquiryEvent {
  enquiryId: string;
  caseworkerId?: string;
  action: 'assigned' | 'triaged' | 'responded';
  detail?: Record<string, unknown>;
}

/**
 * Every caseworker-facing read and write takes the caseworker's department, so one
 * department can never see or change another department's enquiries.
 */
export interface EnquiryRepository {
  ping(): Promise<void>;
  createEnquiry(input: CreateEnquiry): Promise<Enquiry>;
  findByReference(reference: string): Promise<Enquiry | undefined>;
  findForDepartment(id: string, departmentCode: DepartmentCode): Promise<Enquiry | undefined>;
  listQueue(departmentCode: DepartmentCode): Promise<Enquiry[]>;
  assign(id: string, departmentCode: DepartmentCode, caseworkerId: string): Promise<Enquiry | undefined>;
  triage(id: string, departmentCode: DepartmentCode, category: string, priority: Priority): Promise<Enquiry | undefined>;
  respond(id: string, departmentCode: DepartmentCode, responseText: string, at: Date): Promise<Enquiry | undefined>;
  recordEvent(event: EnquiryEvent): Promise<void>;
  listOpen(): Promise<Enquiry[]>;
  updateSlaStatus(id: string, slaStatus: SlaStatus): Promise<void>;
  findCaseworkerBySubject(oidcSubject: string): Promise<Caseworker | undefined>;
  findCaseworkerById(id: string): Promise<Caseworker | undefined>;
}
