import { z } from "zod";
import { commsTemplates } from "../profile/schema.js";

/**
 * AI text is only ever text: it reaches runbooks and the profile as prose, so anything that could
 * act as a link, an image, markup, a template expression or a shell command is refused outright.
 */
const UNSAFE = [
  /[a-z][a-z0-9+.-]*:\/\//i,
  /\b(?:javascript|vbscript|mailto):|\bdata:[a-z-]+\/[a-z]/i,
  /\bwww\./i,
  /\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|net|org|uk|io|sh|dev|app|co|xyz|ru|cn|info|biz|me|ly|gl|to)\b/i,
  /[`$<>{}\\|]/,
  /&&|!\[|\]\(/,
];

/**
 * Every answer field is one line of prose, so no control character has a place in it: not C0 (tab
 * and newline included), DEL or C1 (U+0085 among them), not the line and paragraph separators that
 * JavaScript and YAML treat as line ends, and not the invisible format characters that reorder or
 * hide text (bidirectional overrides, zero-width characters, the byte-order mark).
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/;

export function unsafeReason(text: string): string | undefined {
  if (CONTROL.test(text)) return "must be one line of plain text: no control or line-separator characters";
  // "GOV.UK" on its own is the brand citizens know, not a host name.
  const prose = text.replace(/(?<![\w.])GOV\.UK(?![\w.])/g, "GOV-UK");
  const hit = UNSAFE.find((re) => re.test(prose));
  return hit ? "must be plain text: no links, markup, template expressions or shell syntax" : undefined;
}

// Checked before trimming too, so a separator at either end is refused rather than quietly cut.
const text = (max: number) =>
  z
    .string()
    .refine((value) => !CONTROL.test(value), {
      message: "must be one line of plain text: no control or line-separator characters",
    })
    .trim()
    .min(1)
    .max(max)
    .superRefine((value, ctx) => {
      const reason = unsafeReason(value);
      if (reason) ctx.addIssue({ code: "custom", message: reason });
    });

const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "lower-case letters, digits and hyphens, at most 63");
const dateLike = z.string().regex(/^(\d{4}-)?\d{2}-\d{2}$/, "YYYY-MM-DD, or MM-DD for every year");

export const journeyWordingSchema = z
  .object({
    /** An existing journey id: the model words journeys, it does not invent them. */
    id,
    name: text(80),
    description: text(300),
  })
  .strict();

export const proposedFailureModeSchema = z
  .object({
    id,
    title: text(120),
    trigger: text(300),
    signal: text(200),
    citizenImpact: text(300),
    severity: z.enum(["P1", "P2", "P3", "P4"]),
    journeys: z.array(id).max(20).default([]),
    dependencies: z.array(id).max(20).default([]),
    mitigation: z.array(text(240)).min(1).max(6),
    recovery: z.array(text(240)).min(1).max(6),
    commsTemplate: z.enum(commsTemplates),
  })
  .strict();

export const proposedPeriodSchema = z
  .object({
    id,
    name: text(80),
    start: dateLike,
    end: dateLike,
    description: text(300),
    trafficMultiplier: z.number().min(1).max(100).optional(),
  })
  .strict();

/** What the model must answer: strict, so an extra key (a "deploy step", a URL field) fails validation. */
export const answerSchema = z
  .object({
    journeys: z.array(journeyWordingSchema).max(20).default([]),
    failureModes: z.array(proposedFailureModeSchema).max(12).default([]),
    peakPeriods: z.array(proposedPeriodSchema).max(8).default([]),
  })
  .strict();

export type Answer = z.infer<typeof answerSchema>;

/** Known ids the answer may refer to; references to anything else make the answer invalid. */
export interface KnownIds {
  journeys: Set<string>;
  dependencies: Set<string>;
}

export function parseAnswer(
  raw: string,
  known: KnownIds,
): { ok: true; answer: Answer } | { ok: false; error: string } {
  const json = extractJson(raw);
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    // The parser's message quotes the reply; the error goes back to the model, so keep it generic.
    return { ok: false, error: "not JSON: reply with a single JSON object" };
  }
  const result = answerSchema
    .superRefine((answer, ctx) => {
      const check = (ids: string[], set: Set<string>, path: (string | number)[]) =>
        ids.forEach((value, i) => {
          if (!set.has(value))
            ctx.addIssue({ code: "custom", path: [...path, i], message: `unknown id ${value}` });
        });
      answer.journeys.forEach((j, i) => check([j.id], known.journeys, ["journeys", i, "id"]));
      answer.failureModes.forEach((f, i) => {
        check(f.journeys, known.journeys, ["failureModes", i, "journeys"]);
        check(f.dependencies, known.dependencies, ["failureModes", i, "dependencies"]);
      });
    })
    .safeParse(data);
  if (!result.success) {
    const issues = result.error.issues.map(
      (issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`,
    );
    return { ok: false, error: issues.slice(0, 8).join("; ") };
  }
  return { ok: true, answer: result.data };
}

/** Models sometimes wrap JSON in a fenced block despite being told not to. */
function extractJson(raw: string): string {
  const fenced = /^\s*```(?:json)?\s*\n([\s\S]*?)\n```\s*$/.exec(raw);
  return (fenced ? fenced[1]! : raw).trim();
}
