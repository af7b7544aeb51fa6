export type Scope3Category = 'business_travel' | 'employee_commuting' | 'waste' | 'upstream_transport' | 'downstream_transport';

/** A supplier's Carbon Reduction Plan, as keyed from the tender response. */
export interface CrpSubmission {
  netZeroTargetYear: number;
  baselineYear: number;
  baselineEmissionsTco2e: number;
  scope1Tco2e: number;
  scope2Tco2e: number;
  scope3Categories: Scope3Category[];
  reportingStandard?: string;
  reportingPeriodEnd: string;
  reductionMeasures: string[];
  signedOffByDirector: boolean;
  signedOffBy: { fullName: string; jobTitle: string };
  publishedOnWebsite: boolean;
  planUrl?: string;
}

/** Supplier record held by the procurement system. */
export interface Supplier {
  id: string;
  name: string;
  companyNumber: string;
  contactName: string;
  contactEmail: string;
}

export interface RequirementResult {
  requirement: string;
  message: string;
  met: boolean;
}

export interface AssessmentResult {
  outcome: 'pass' | 'fail';
  assessedOn: string;
  requirements: RequirementResult[];
}

export type AssessmentStatus = 'in_progress' | 'submitted';

export interface Assessment {
  id: string;
  procurementReference: string;
  supplier: Supplier;
  rulesetVersion: string;
  status: AssessmentStatus;
  submission: CrpSubmission;
  result: AssessmentResult;
  assessorEmail: string;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
}

/** Signed-in commercial staff member. */
export interface StaffUser {
  sub: string;
  email: string;
  fullName: string;
}
