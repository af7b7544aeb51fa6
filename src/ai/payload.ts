import { z } from "zod";
import type { Evidence } from "../analyse/facts.js";
import { GovopsError } from "../errors.js";
import type { Profile } from "../profile/schema.js";
import { findSensitive, redact } from "./redact.js";

const MAX_ROUTES = 80;
const MAX_EXCERPTS = 24;

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
    excerpts: z.array(z.object({ fact: z.string(), text: z.string().max(160) }).strict()),
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
  const clean = (text: string) => {
    const result = redact(text);
    for (const hit of result.hits) redactions[hit] = (redactions[hit] ?? 0) + 1;
    return result.text;
  };
  const f = profile.facts;
  const payload = payloadSchema.parse({
    service: {
      name: clean(profile.service.name),
      level: profile.service.level.value,
      dataClassification: profile.data.classification,
    },
    routes: f.routes.slice(0, MAX_ROUTES).map((r) => ({ method: r.method, path: clean(r.path) })),
    journeys: profile.journeys.map((j) => ({
      id: clean(j.id),
      name: clean(j.name),
      criticality: j.criticality,
      routes: j.entryRoutes.slice(0, 12).map((r) => clean(`${r.method} ${r.path}`)),
    })),
    dependencies: profile.dependencies.map((d) => ({
      id: clean(d.id),
      name: clean(d.name),
      type: d.type,
      criticality: d.criticality,
    })),
    personalDataCategories: unique(f.personalData.map((p) => p.category)),
    signals: unique(f.signals.map((s) => s.name)),
    // Ids come from route segments too, so they pass redaction like any other text.
    failureModeIds: profile.failureModes.map((m) => clean(m.id)),
    peakPeriods: profile.peakPeriods.map((p) => ({ id: clean(p.id), name: clean(p.name) })),
    excerpts: excerpts(profile).map((e) => ({ fact: e.fact, text: clean(e.text).slice(0, 160) })),
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

/** Only snippets a detector chose as evidence, never file contents or file paths. */
function excerpts(profile: Profile): Array<{ fact: string; text: string }> {
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
      const text = e.snippet?.replace(/\s+/g, " ").trim().slice(0, 160);
      if (!text || seen.has(text)) continue;
      seen.add(text);
      out.push({ fact, text });
    }
  }
  return out.slice(0, MAX_EXCERPTS);
}

function unique(items: string[]): string[] {
  return [...new Set(items)].sort();
}
