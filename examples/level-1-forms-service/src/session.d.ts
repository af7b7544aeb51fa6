import 'express-session';
import type { DhpApplication, Submission } from './application.js';

declare module 'express-session' {
  interface SessionData {
    application: DhpApplication;
    submission: Submission;
  }
}
