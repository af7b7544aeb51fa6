export const DEPARTMENTS = {
  dwp: 'Department for Work and Pensions',
  dfe: 'Department for Education',
  dhsc: 'Department of Health and Social Care',
} as const;

export type DepartmentCode = keyof typeof DEPARTMENTS;
export type EnquiryStatus = 'received' | 'triaged' | 'assigned' | 'responded';
export type SlaStatus = 'on_track' | 'at_risk' | 'breached' | 'met' | 'missed';
export type Priority = 'normal' | 'urgent';

/** Personal data supplied by the citizen. Never logged, never shown on the status page. */
export interface CitizenDetails {
  fullName: string;
  email: string;
  phoneNumber?: string;
  postcode: string;
  address?: string;
}

export interface NewEnquiry extends CitizenDetails {
  departmentCode: DepartmentCode;
  subject: string;
  /** Free text from the citizen: may contain special category data. */
  message: string;
}

export interface Enquiry extends NewEnquiry {
  id: string;
  reference: string;
  status: EnquiryStatus;
  category?: string;
  priority: Priority;
  assignedTo?: string;
  receivedAt: Date;
  dueAt: Date;
  slaStatus: SlaStatus;
  responseText?: string;
  respondedAt?: Date;
}

export interface Caseworker {
  id: string;
  oidcSubject: string;
  email: string;
  displayName: string;
  departmentCode: DepartmentCode;
}

export const CITIZEN_STATUS_LABELS: Record<EnquiryStatus, string> = {
  received: 'Received',
  triaged: 'Being reviewed',
  assigned: 'Being reviewed',
  responded: 'Responded',
};
