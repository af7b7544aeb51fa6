import type { DepartmentCode } from '../domain/enquiry.js';

export interface SignedInCaseworker {
  id: string;
  email: string;
  displayName: string;
  departmentCode: DepartmentCode;
}

declare module 'express-session' {
  interface SessionData {
    caseworker?: SignedInCaseworker;
    idToken?: string;
    oidcLogin?: { state: string; nonce: string; codeVerifier: string };
  }
}
