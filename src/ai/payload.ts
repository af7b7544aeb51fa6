import { z } from "zod";
import { evidenceSchema, type Evidence } from "../analyse/facts.js";
import { GovopsError } from "../errors.js";
import type { Profile } from "../profile/schema.js";
import { findSensitive, redact } from "./redact.js";

const MAX_ROUTES = 80;
const MAX_EXCERPTS = 24;
/** The longest excerpt sent, counted after redaction. */
const EXCERPT_MAX = 160;
/** Analysis keeps at most this much of a snippet: one this long may end in the front of a secret. */
const SNIPPET_CAP = evidenceSchema.shape.snippet.unwrap().maxLength ?? EXCERPT_MAX;
/** How the scanner ends source text it cut short (src/scan/syntax.ts keeps 120 characters). */
const SCAN_CUT_MARK = "…";
/** Ids and the service name are slugs the profile builder cuts at this length. */
const SLUG_CAP = 63;

/**
 * Everything the model may see, and nothing else. Each field is named here on purpose:
 * a new fact reaches the model only when someone adds it to this schema.
 */
export const payloadSchema = z
  .object({
    service: z.object({ name: z.string(), level: z.number(), dataClassification: z.string() }).strict(),
    routes: z.array(z.object({ method: z.string(), path: z.string() }).strict()),
    journeys: z.array(
      z
        .object({ id: z.string(), name: z.string(), criticality: z.string(), routes: z.array(z.string()) })
        .strict(),
    ),
    dependencies: z.array(
      z.object({ id: z.string(), name: z.string(), type: z.string(), criticality: z.string() }).strict(),
    ),
    personalDataCategories: z.array(z.string()),
    signals: z.array(z.string()),
    failureModeIds: z.array(z.string()),
    peakPeriods: z.array(z.object({ id: z.string(), name: z.string() }).strict()),
    excerpts: z.array(z.object({ fact: z.string(), text: z.string().max(EXCERPT_MAX) }).strict()),
  })
  .strict();

export type Payload = z.infer<typeof payloadSchema>;

export interface BuiltPayload {
  payload: Payload;
  /** Which redaction rules fired, and how often; shown by --ai-dry-run. */
  redactions: Record<string, number>;
}

/** Builds the allow-listed, redacted request payload from a deterministic profile. */
export function buildPayload(profile: Profile): BuiltPayload {
  const redactions: Record<string, number> = {};
  const count = (id: string) => (redactions[id] = (redactions[id] ?? 0) + 1);
  // Always the whole text: redaction sees a secret in full before anything is shortened.
  const clean = (text: string) => {
    const result = redact(text);
    result.hits.forEach(count);
    return result.text;
  };
  const cleanId = (id: string) => clean(id.length >= SLUG_CAP ? dropCutTail(id, count) : id);
  const f = profile.facts;
  const payload = payloadSchema.parse({
    service: {
      name: cleanId(profile.service.name),
      level: profile.service.level.value,
      dataClassification: profile.data.classification,
    },
    routes: f.routes.slice(0, MAX_ROUTES).map((r) => ({ method: r.method, path: clean(r.path) })),
    journeys: profile.journeys.map((j) => ({
      id: cleanId(j.id),
      name: clean(j.name),
      criticality: j.criticality,
      routes: j.entryRoutes.slice(0, 12).map((r) => clean(`${r.method} ${r.path}`)),
    })),
    dependencies: profile.dependencies.map((d) => ({
      id: cleanId(d.id),
      name: clean(d.name),
      type: d.type,
      criticality: d.criticality,
    })),
    personalDataCategories: unique(f.personalData.map((p) => p.category)),
    signals: unique(f.signals.map((s) => s.name)),
    // Ids come from route segments too, so they pass redaction like any other text.
    failureModeIds: profile.failureModes.map((m) => cleanId(m.id)),
    peakPeriods: profile.peakPeriods.map((p) => ({ id: cleanId(p.id), name: clean(p.name) })),
    excerpts: excerpts(profile, clean, count),
  });
  // Defence in depth: if a pattern survived redaction, refuse to send rather than leak.
  const left = findSensitive(JSON.stringify(payload));
  if (left.length)
    throw new GovopsError(
      "AI_ERROR",
      `refusing to send: the AI payload still matches ${left.join(", ")} after redaction`,
      "Report this as a govops bug; run without --ai meanwhile.",
    );
  return { payload, redactions };
}

/**
 * Only snippets a detector chose as evidence, never file contents or file paths. A snippet cut short
 * by the scanner or as long as analysis keeps them may end in the front of a secret that no rule can
 * recognise from a few characters, so it is left out whole.
 */
function excerpts(
  profile: Profile,
  clean: (text: string) => string,
  count: (id: string) => void,
): Array<{ fact: string; text: string }> {
  const f = profile.facts;
  const sources: Array<[string, Evidence[]]> = [
    ["framework", f.frameworks.map((x) => x.evidence)],
    ["route", f.routes.map((x) => x.evidence)],
    ["datastore", f.datastores.map((x) => x.evidence)],
    ["integration", f.integrations.map((x) => x.evidence)],
    ["auth", f.auth.map((x) => x.evidence)],
    ["signal", f.signals.map((x) => x.evidence)],
  ];
  const seen = new Set<string>();
  const out: Array<{ fact: string; text: string }> = [];
  for (const [fact, evidence] of sources) {
    for (const e of evidence) {
      if (out.length === MAX_EXCERPTS || !e.snippet) continue;
      if (e.snippet.length >= SNIPPET_CAP || e.snippet.endsWith(SCAN_CUT_MARK)) {
        count("excerpt-cut-by-analysis");
        continue;
      }
      const whole = e.snippet.replace(/\s+/g, " ").trim();
      if (!whole || seen.has(whole)) continue;
      seen.add(whole);
      out.push({ fact, text: shorten(clean(whole)) });
    }
  }
  return out;
}

/** Cut after redaction, and never inside a redaction marker. */
function shorten(text: string): string {
  if (text.length <= EXCERPT_MAX) return text;
  const cut = text.slice(0, EXCERPT_MAX - 1);
  const open = cut.lastIndexOf("[REDACTED:");
  return `${open >= 0 && !cut.includes("]", open) ? cut.slice(0, open) : cut}…`;
}

/**
 * A slug at the builder's length limit may end in the front of a secret (a card number, a token)
 * too short for any rule to know: its last word goes, and any words with digits before it.
 */
function dropCutTail(id: string, count: (id: string) => void): string {
  const words = id.split("-");
  words.pop();
  while (words.length && /\d/.test(words.at(-1)!)) words.pop();
  count("id-cut-by-analysis");
  return words.join("-") || "[REDACTED:id]";
}

function unique(items: string[]): string[] {
  return [...new Set(items)].sort();
}
