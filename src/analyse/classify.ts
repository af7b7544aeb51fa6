import type { Facts } from "./facts.js";

export interface Classification {
  value: 1 | 2 | 3 | 4 | 5;
  confidence: number;
  reasons: string[];
  scores: Record<string, number>;
}

export const LEVEL_NAMES = {
  1: "forms service",
  2: "data dashboard",
  3: "enquiry management",
  4: "Parliamentary Question tracker / modernised legacy",
  5: "rules engine",
} as const;

type Level = keyof typeof LEVEL_NAMES;

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
  "several-upstream-apis": { 2: 1 },
  "case-work": { 3: 3 },
  "staff-sign-in": { 3: 2, 4: 1 },
  "relational-store": { 3: 1, 4: 1, 5: 1 },
  "citizen-notifications": { 1: 1, 3: 1 },
  parliamentary: { 4: 5 },
  "legacy-migration": { 4: 2 },
  migrations: { 4: 1, 3: 0.5 },
  deadlines: { 3: 1, 4: 1 },
  scheduler: { 2: 1, 4: 1 },
  "audit-trail": { 4: 1, 5: 1 },
  "rules-engine": { 5: 4 },
  "rule-sets-as-data": { 5: 3 },
  assessment: { 5: 3 },
};

export function derivedSignals(facts: Facts): Facts["signals"] {
  const out: Facts["signals"] = [];
  const gets = facts.routes.filter((r) => r.method === "GET").length;
  if (facts.routes.length >= 4 && gets / facts.routes.length >= 0.8) {
    out.push({ name: "read-mostly", evidence: facts.routes[0]!.evidence });
  }
  const http = facts.integrations.filter((i) => i.kind === "http");
  if (http.length >= 2) out.push({ name: "several-upstream-apis", evidence: http[1]!.evidence });
  const oidc = facts.auth.find((a) => a.kind === "oidc" || a.kind === "jwt");
  if (oidc) out.push({ name: "staff-sign-in", evidence: oidc.evidence });
  const sql = facts.datastores.find((d) => d.kind === "postgres" || d.kind === "mysql");
  if (sql) out.push({ name: "relational-store", evidence: sql.evidence });
  const notify = facts.integrations.find((i) => i.kind === "notify");
  if (notify) out.push({ name: "citizen-notifications", evidence: notify.evidence });
  return out;
}

/** Scores the five archetypes from signals; the highest wins, confidence is its share against the runner-up. */
export function classify(facts: Facts): Classification {
  const scores: Record<Level, number> = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
  const reasons = new Map<Level, string[]>();
  const seen = new Set<string>();
  for (const signal of [...facts.signals, ...derivedSignals(facts)]) {
    if (seen.has(signal.name)) continue;
    seen.add(signal.name);
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
    };
  }
  const share = scores[top] / (scores[top] + scores[second]);
  const strength = Math.min(1, scores[top] / 6);
  return {
    value: top,
    confidence: Math.round(share * strength * 100) / 100,
    reasons: reasons.get(top) ?? [],
    scores: Object.fromEntries(Object.entries(scores)),
  };
}
