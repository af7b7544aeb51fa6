import { isMap, isSeq, type Document } from "yaml";
import { GovopsError } from "../errors.js";
import { slug } from "./build.js";
import { dateProblem, periodProblem } from "./dates.js";
import type { GovopsConfig } from "./config.js";
import type { Contact } from "./schema.js";
import { loadBaseline } from "./baseline.js";

type Service = NonNullable<GovopsConfig["service"]>;
type PeriodEntry = NonNullable<GovopsConfig["peakPeriods"]>[number];

/** What `govops init` asks for; anything left undefined is left as the config file has it. */
export interface InitAnswers {
  service?: Partial<
    Pick<
      Service,
      "name" | "department" | "ownerTeam" | "hosting" | "ciPlatform" | "dataClassification" | "level"
    >
  >;
  escalation?: Contact[];
  slo?: { availability?: number; latencyMs?: number; latencyTarget?: number };
  peakPeriods?: PeriodEntry[];
  changeFreezes?: PeriodEntry[];
}

/** Sets the answers in the config document; comments and fields nobody answered stay as they were. */
export function applyAnswers(doc: Document, answers: InitAnswers): void {
  for (const [key, value] of Object.entries(answers.service ?? {}))
    if (value !== undefined) doc.setIn(["service", key], value);
  if (answers.escalation?.length) doc.setIn(["contacts", "escalation"], answers.escalation);
  const { availability, latencyMs, latencyTarget } = answers.slo ?? {};
  if (availability !== undefined) doc.setIn(["defaults", "slo", "availability"], availability);
  if (latencyMs !== undefined) doc.setIn(["defaults", "slo", "latency", "thresholdMs"], latencyMs);
  if (latencyTarget !== undefined) doc.setIn(["defaults", "slo", "latency", "target"], latencyTarget);
  for (const list of ["peakPeriods", "changeFreezes"] as const)
    for (const period of answers[list] ?? []) upsertById(doc, list, period);
}

function upsertById(doc: Document, list: string, item: { id: string }): void {
  const seq = doc.get(list, true);
  if (!isSeq(seq)) {
    doc.set(list, doc.createNode([item]));
    return;
  }
  const index = seq.items.findIndex((node) => isMap(node) && node.get("id") === item.id);
  if (index >= 0) doc.setIn([list, index], item);
  else seq.add(doc.createNode(item));
}

/** "role:name:contact"; the contact may itself hold colons (a URL, a phone "tel:"). */
export function parseContact(text: string): Contact {
  const [role, name, ...rest] = text.split(":");
  if (!role?.trim() || name === undefined || rest.length === 0)
    throw usage(
      `--contact "${text}"`,
      'use "ROLE:NAME:CONTACT", e.g. "Service owner:Sam Patel:sam.patel@example.gov.uk"',
    );
  return { role: role.trim(), name: name.trim(), contact: rest.join(":").trim() };
}

const PERIOD_EXAMPLE = 'use "START..END NAME", e.g. "01-27..01-31 Self assessment deadline"';

/** "START..END NAME", dates YYYY-MM-DD or MM-DD (every year); MM-DD dates may run across New Year. */
export function parsePeriod(text: string, flag: string): PeriodEntry {
  const match = /^\s*(\S+)\.\.(\S+)\s+(.+?)\s*$/.exec(text);
  if (!match) throw usage(`${flag} "${text}"`, PERIOD_EXAMPLE);
  const [, start, end, name] = match as unknown as [string, string, string, string];
  const problem = dateProblem(start) ?? dateProblem(end) ?? periodProblem({ start, end })?.message;
  if (problem) throw usage(`${flag} "${text}": ${problem}`, PERIOD_EXAMPLE);
  return { id: slug(name), name, start, end };
}

/** A fiscal event (Budget, Spring Statement): no deploys from 15:00 the day before until 10:00 the day after. */
export function fiscalEventFreeze(date: string): PeriodEntry {
  const problem = date.length === 10 ? dateProblem(date) : `"${date}" is not a date`;
  if (problem) throw usage(`--fiscal-event "${date}": ${problem}`, "use the date of the event, YYYY-MM-DD");
  const shift = (days: number) =>
    new Date(Date.parse(`${date}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  return {
    id: `fiscal-event-${date}`,
    name: `Fiscal event on ${date}`,
    start: shift(-1),
    startTime: "15:00",
    end: shift(1),
    endTime: "10:00",
    description:
      "No deploys from mid-afternoon the day before a Budget or fiscal event until mid-morning the day after.",
  };
}

/** "99.5", "99.5%" or "0.995" as a ratio. */
export function parseRatio(text: string, flag: string): number {
  const n = Number(text.trim().replace(/%$/, ""));
  if (!Number.isFinite(n) || n <= 0 || n >= 100)
    throw usage(`${flag} "${text}"`, "use a percentage such as 99.5");
  return n > 1 ? Math.round(n * 1000) / 100000 : n;
}

function usage(what: string, suggestion: string): GovopsError {
  return new GovopsError("USAGE", `Invalid ${what}`, suggestion);
}

/** What init keeps when a prompt is left empty, in words: the level's baseline, or each level's before analysis. */
export interface KeptDefaults {
  availability: string;
  thresholdMs: string;
  target: string;
  dataClassification?: "OFFICIAL" | "OFFICIAL-SENSITIVE";
}

export async function keptDefaults(level?: number): Promise<KeptDefaults> {
  const levels = level ? [level] : [1, 2, 3, 4, 5];
  const slos = await Promise.all(levels.map(async (l) => ({ l, d: (await loadBaseline(l)).defaults })));
  type Defaults = (typeof slos)[number]["d"];
  const say = (value: (d: Defaults) => number, format: (n: number) => string) => {
    const values = slos.map(({ l, d }) => ({ l, v: format(value(d)) }));
    if (level) return `the level ${level} baseline's ${values[0]!.v}`;
    if (values.every((x) => x.v === values[0]!.v)) return `the baseline's ${values[0]!.v} at every level`;
    return `the baseline's for the level analysis finds: ${values.map((x) => `${x.v} at level ${x.l}`).join(", ")}`;
  };
  const percent = (r: number) => `${Math.round(r * 100000) / 1000}%`;
  return {
    availability: say((d) => d.slo.availability, percent),
    thresholdMs: say(
      (d) => d.slo.latency.thresholdMs,
      (ms) => `${ms} ms`,
    ),
    target: say((d) => d.slo.latency.target, percent),
    dataClassification: level ? slos[0]!.d.dataClassification : undefined,
  };
}
