import type { Facts } from "./facts.js";
import type { Level } from "../schemas.js";
import { routeShapeSignals } from "./route-shapes.js";

export interface Classification {
  value: Level;
  confidence: number;
  reasons: string[];
  scores: Record<string, number>;
  /** Confidence below UNSURE_BELOW: `value` is only the best guess, and the profile uses the shared core. */
  unsure?: boolean;
  /** Every signal counted, in words: what it is, where it was found and what it added to which level. */
  signals?: string[];
}

/**
 * Below this confidence the level is "unsure". Confidence is the winner's share against the runner-up times
 * its strength (score / 6, at most 1): a tie with 4 points each scores 0.33, a lone 4 points 0.67. A tie
 * between the top two is always unsure.
 * Examples and the corpus services with a clear archetype score 0.4 and above.
 */
export const UNSURE_BELOW = 0.35;

/** What each signal means, for the summary `analyse` prints. */
export const SIGNAL_WORDS: Record<string, string> = {
  "form-steps": "multi-step form pages (apply, check answers, declaration, confirmation)",
  "govuk-frontend": "GOV.UK Frontend components",
  "template-views": "server-rendered templates",
  "file-upload": "file uploads",
  "pdf-generation": "PDF generation",
  "data-views": "dashboard, statistics or chart pages",
  "csv-export": "CSV export",
  charts: "chart libraries",
  cache: "an in-process cache",
  "read-mostly": "mostly read-only routes",
  "data-routes":
    "a quarter or more of the routes show charts, tables, downloads, reports or workload figures",
  "several-upstream-apis": "several upstream APIs",
  "case-work": "case, enquiry or triage pages",
  "case-routes": "many routes work on cases, enquiries, task queues, assignment or notes",
  "record-updates": "many routes create or update a record by its id",
  "staff-sign-in": "staff sign-in (OIDC or JWT)",
  "relational-store": "a relational database",
  "citizen-notifications": "GOV.UK Notify messages",
  parliamentary: "Parliament words (PQs, Hansard, written questions)",
  "legacy-migration": "migration from a legacy system",
  "dual-running": "dual running beside an older system",
  migrations: "database migrations",
  deadlines: "deadlines or statutory time limits",
  "sla-tracking": "SLA or due-date tracking",
  scheduler: "scheduled jobs",
  "audit-trail": "an audit trail",
  "rules-engine": "a rules-engine library",
  "rule-sets-as-data": "rule sets or rate tables kept as data",
  "rule-registry": "a registry of many parser, matcher, validator or rule modules",
  "decision-branches": "a decision function with many branches",
  assessment: "assessment, rules or decision modules",
  "calculation-rules": "eligibility, entitlement or calculation modules",
  "back-office": "admin or caseworker pages",
  "role-guards": "role checks on routes",
};

export const LEVEL_NAMES = {
  1: "forms service",
  2: "data dashboard",
  3: "enquiry management",
  4: "Parliamentary Question tracker / modernised legacy",
  5: "rules engine",
} as const;

/** Weight of each signal for each archetype. Signals come from detectors; a few are derived from facts here. */
const WEIGHTS: Record<string, Partial<Record<Level, number>>> = {
  "form-steps": { 1: 3 },
  "govuk-frontend": { 1: 2 },
  "template-views": { 1: 1 },
  "file-upload": { 1: 2 },
  "pdf-generation": { 1: 1, 5: 1 },
  "data-views": { 2: 3 },
  "csv-export": { 2: 2 },
  charts: { 2: 2 },
  cache: { 2: 1 },
  "read-mostly": { 2: 2 },
  "data-routes": { 2: 4 },
  "several-upstream-apis": { 2: 1 },
  "case-work": { 3: 3 },
  "case-routes": { 3: 2 },
  "record-updates": { 3: 2 },
  "staff-sign-in": { 3: 2, 4: 1 },
  "relational-store": { 3: 1, 4: 1, 5: 1 },
  "citizen-notifications": { 1: 1, 3: 1 },
  // Level 4 rests on legacy signals: Parliament, migration from or dual running with an older system, deadlines.
  parliamentary: { 4: 5 },
  "legacy-migration": { 4: 2 },
  // Calling the older system (derived below from an integration named legacy) is the strongest sign short of Parliament.
  "dual-running": { 4: 3 },
  deadlines: { 3: 1, 4: 1 },
  // Generic case-management features: every back office has them, so they do not tip Level 3 into 4.
  migrations: { 3: 0.5 },
  scheduler: { 2: 0.5, 3: 0.5 },
  "audit-trail": { 3: 0.5, 5: 0.5 },
  "sla-tracking": { 3: 1 },
  "back-office": { 3: 2 },
  "role-guards": { 3: 1 },
  "rules-engine": { 5: 4 },
  "rule-sets-as-data": { 5: 3 },
  assessment: { 5: 3 },
  "calculation-rules": { 5: 3 },
  "rule-registry": { 5: 4 },
  "decision-branches": { 5: 2 },
};

/** Whether a signal counts towards any archetype (most deploy and repository signals do not). */
export function isWeighed(signal: string): boolean {
  return Object.hasOwn(WEIGHTS, signal);
}

const PAGE_FILE = /(^|\/)pages\/(?!api\/).+\.[jt]sx?$|(^|\/)app\/(.+\/)?page\.[jt]sx?$/;

export function derivedSignals(facts: Facts): Facts["signals"] {
  const out: Facts["signals"] = [];
  // A page of file-based routing (Next.js `pages/`, App Router `page.tsx`) is served by GET whatever it does, and
  // its form posts are handled in the page: only routes declared with a method say whether a service writes.
  const declared = facts.routes.filter((r) => !PAGE_FILE.test(r.evidence.file));
  const gets = declared.filter((r) => r.method === "GET").length;
  const shapes = routeShapeSignals(facts.routes);
  // A queue of cases read by GET is still case work: read-mostly means no case workflow.
  const caseWork = shapes.some((s) => s.name === "case-routes");
  if (declared.length >= 4 && gets / declared.length >= 0.8 && !caseWork) {
    out.push({ name: "read-mostly", evidence: declared.find((r) => r.method === "GET")!.evidence });
  }
  const http = facts.integrations.filter((i) => i.kind === "http");
  if (http.length >= 2) out.push({ name: "several-upstream-apis", evidence: http[1]!.evidence });
  const oidc = facts.auth.find((a) => a.kind === "oidc" || a.kind === "jwt");
  if (oidc) out.push({ name: "staff-sign-in", evidence: oidc.evidence });
  const sql = facts.datastores.find((d) => d.kind === "postgres" || d.kind === "mysql");
  if (sql) out.push({ name: "relational-store", evidence: sql.evidence });
  // Calling the legacy system the service replaces means running beside it.
  const legacy = facts.integrations.find((i) =>
    /(^|[^a-z])legacy([^a-z]|$)/i.test(`${i.name} ${i.evidence.file}`),
  );
  if (legacy) out.push({ name: "dual-running", evidence: legacy.evidence });
  const notify = facts.integrations.find((i) => i.kind === "notify");
  if (notify) out.push({ name: "citizen-notifications", evidence: notify.evidence });
  return [...out, ...shapes];
}

/** Scores the five archetypes from signals; the highest wins, confidence is its share against the runner-up. */
export function classify(facts: Facts): Classification {
  const scores: Record<Level, number> = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
  const reasons = new Map<Level, string[]>();
  const seen = new Set<string>();
  const words: string[] = [];
  for (const signal of [...facts.signals, ...derivedSignals(facts)]) {
    if (seen.has(signal.name) || !isWeighed(signal.name)) continue;
    seen.add(signal.name);
    const adds = Object.entries(WEIGHTS[signal.name]!)
      .map(([l, w]) => `+${w} to Level ${l}`)
      .join(", ");
    words.push(
      `${SIGNAL_WORDS[signal.name] ?? signal.name} (${signal.name}) at ${signal.evidence.file}:${signal.evidence.line}: ${adds}`,
    );
    for (const [level, weight] of Object.entries(WEIGHTS[signal.name] ?? {})) {
      const l = Number(level) as Level;
      scores[l] += weight;
      const where = `${signal.evidence.file}:${signal.evidence.line}`;
      const what = signal.evidence.snippet ? ` "${signal.evidence.snippet}"` : "";
      (reasons.get(l) ?? reasons.set(l, []).get(l)!).push(`${signal.name} (+${weight})${what} at ${where}`);
    }
  }
  const ranked = (Object.keys(scores).map(Number) as Level[]).sort((a, b) => scores[b] - scores[a] || a - b);
  const [top, second] = [ranked[0]!, ranked[1]!];
  if (scores[top] === 0) {
    return {
      value: 1,
      confidence: 0,
      reasons: ["no archetype signals found; defaulting to Level 1 (forms service)"],
      scores,
      unsure: true,
      signals: words,
    };
  }
  const share = scores[top] / (scores[top] + scores[second]);
  const strength = Math.min(1, scores[top] / 6);
  const confidence = Math.round(share * strength * 100) / 100;
  return {
    value: top,
    confidence,
    reasons: reasons.get(top) ?? [],
    scores: Object.fromEntries(Object.entries(scores)),
    ...(confidence < UNSURE_BELOW || scores[top] === scores[second] ? { unsure: true } : {}),
    signals: words,
  };
}
