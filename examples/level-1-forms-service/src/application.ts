/** Answers a citizen gives on the Discretionary Housing Payment form, kept in the session. */
export interface PersonalDetails {
  fullName: string;
  dateOfBirth: string; // ISO yyyy-mm-dd
  nationalInsuranceNumber: string;
  email: string;
  phoneNumber?: string;
}

export interface Address {
  addressLine1: string;
  addressLine2?: string;
  town: string;
  postcode: string;
}

export interface Household {
  benefit: 'universal-credit' | 'housing-benefit';
  adults: number;
  children: number;
  monthlyRent: number;
  reason: string;
}

export interface EvidenceFile {
  documentId: string;
  filename: string;
  sizeBytes: number;
}

export interface DhpApplication {
  personalDetails?: PersonalDetails;
  address?: Address;
  household?: Household;
  evidence: EvidenceFile[];
}

export interface Submission {
  reference: string;
  submittedAt: string;
  fullName: string;
  email: string;
  monthlyRent: number;
  evidenceCount: number;
}

export function isComplete(app: DhpApplication): app is Required<DhpApplication> {
  return Boolean(app.personalDetails && app.address && app.household && app.evidence.length > 0);
}

export function firstIncompleteStep(app: DhpApplication): string | undefined {
  if (!app.personalDetails) return 'personal-details';
  if (!app.address) return 'address';
  if (!app.household) return 'household';
  if (app.evidence.length === 0) return 'evidence';
  return undefined;
}
