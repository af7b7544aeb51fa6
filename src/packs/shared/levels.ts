import type { Profile } from "../../profile/schema.js";
import { code, findEnv } from "./format.js";
import { migrationTool, type MigrationTool } from "./migrations.js";

/** Which failure modes a level step applies to. */
export type When = "service-down" | "breach" | "release" | "always";

export interface LevelStep {
  when: When;
  text: (profile: Profile) => string;
}

export interface LevelPlaybook {
  archetype: string;
  /** Recovery that depends on the state the service keeps, added to matching runbooks. */
  recovery: LevelStep[];
  /** What citizens can do instead while the service is down, in plain English. */
  instead: string[];
  /** Peak-period levers: what to switch off first. */
  switchOff: string[];
}

function restoreMigration(tool: MigrationTool): string {
  const undo = tool.rollback
    ? `roll back the last batch (${code(tool.rollback)}) only if its down migration was tested, otherwise restore`
    : "restore";
  return `Restore from a failed migration: check which migrations ran (${code(tool.status)}); ${undo} the snapshot taken before the deploy.`;
}

const env = (p: Profile, re: RegExp, fallback: string) => code(findEnv(p.facts.envVars, re) ?? fallback);

/** What each archetype keeps, and so how it recovers, what citizens do instead and what to switch off. */
export const LEVELS: Record<number, LevelPlaybook> = {
  1: {
    archetype: "Forms",
    recovery: [
      {
        when: "service-down",
        text: () =>
          "Replay submissions that were queued or failed during the incident, oldest first, and confirm each reached the case system exactly once (match on the submission reference).",
      },
      {
        when: "service-down",
        text: () =>
          "Reconcile confirmations already sent through GOV.UK Notify against submissions stored: resend only where a stored submission has no delivered confirmation, never to everyone.",
      },
      {
        when: "service-down",
        text: () =>
          "Citizens whose session expired lost the answers they had not submitted: say so in the resolved update and how long they have to apply again.",
      },
    ],
    instead: [
      "Apply later: applications already submitted are safe.",
      "If a deadline falls during the incident, it will be extended.",
    ],
    switchOff: [
      "non-essential pages such as feedback and surveys",
      "PDF receipts: send the reference by email instead",
      "evidence uploads, if policy lets citizens send evidence after applying",
    ],
  },
  2: {
    archetype: "Data dashboard",
    recovery: [
      {
        when: "service-down",
        text: (p) =>
          `Re-run ingestion for the missed window (the schedule is set by ${env(p, /INGEST|SCHEDULE/, "the ingestion schedule")}), then compare row counts with the source release before showing the figures.`,
      },
      {
        when: "service-down",
        text: (p) =>
          `Check freshness: figures older than ${env(p, /STALE/, "the freshness limit")} must be labelled with the date they were last updated.`,
      },
      {
        when: "always",
        text: () =>
          "Never publish partial or unverified figures: withdraw or annotate them and announce the correction (Code of Practice for Statistics).",
      },
    ],
    instead: ["Use the last published statistical release, which stays available to download."],
    switchOff: [
      "ad hoc queries and large downloads: serve cached figures only",
      "scheduled re-ingestion during the peak, if the data is already current",
    ],
  },
  3: {
    archetype: "Enquiry and case management",
    recovery: [
      {
        when: "breach",
        text: () =>
          "Run the tenancy check for the incident window: from the audit log, every enquiry each caseworker opened must belong to their own department. List exceptions by record id only.",
      },
      {
        when: "service-down",
        text: () =>
          "Reconcile acknowledgements sent through GOV.UK Notify against enquiries stored, and invite citizens whose enquiry was not stored to send it again.",
      },
      {
        when: "service-down",
        text: () =>
          "Re-prioritise the backlog by response deadline; tell citizens whose deadline passed when to expect an answer.",
      },
    ],
    instead: [
      "Contact the department by phone or post.",
      "If you got a confirmation email with a reference, do not send your enquiry again.",
    ],
    switchOff: ["caseworker reports and exports", "non-urgent bulk notifications"],
  },
  4: {
    archetype: "Parliamentary question tracker",
    recovery: [
      { when: "release", text: (p) => restoreMigration(migrationTool(p)) },
      {
        when: "service-down",
        text: (p) =>
          `Check legacy data: count questions per status in the database and in the legacy export (${env(p, /LEGACY/, "the legacy export")}); no question may be lost or appear twice.`,
      },
      {
        when: "service-down",
        text: () =>
          "Check every question due during the incident against Parliament's record; named day questions due today go to the parliamentary branch first.",
      },
    ],
    instead: [
      "Track questions due today from the last export, and agree answers with the parliamentary branch by email.",
    ],
    switchOff: [
      "legacy imports and bulk re-syncs with Parliament",
      "reports and dashboards for senior staff",
    ],
  },
  5: {
    archetype: "Rules engine",
    recovery: [
      {
        when: "release",
        text: () =>
          "Pin the last good rule-set version and find the decisions made with the faulty one (each decision records its rule-set version).",
      },
      {
        when: "service-down",
        text: () =>
          "Re-assess the affected cases with the pinned rule-set version, compare outcomes, and correct every decision whose outcome changed; keep both decisions in the audit trail.",
      },
      {
        when: "service-down",
        text: () =>
          "Tell each citizen whose outcome changed what it means for them, and how to ask for a review.",
      },
    ],
    instead: [
      "Wait for your decision: nobody loses out because a decision is delayed.",
      "Ask for a caseworker to assess you if your case is urgent.",
    ],
    switchOff: ["batch re-assessments", "what-if and preview calculations"],
  },
};
