import { levelSchema } from "../schemas.js";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { z } from "zod";
import { GovopsError, formatZodIssues } from "../errors.js";
import {
  complianceControlSchema,
  failureModeSchema,
  journeySchema,
  periodSchema,
  sloSchema,
} from "./schema.js";

const noProvenance = { provenance: true } as const;

/** Links a baseline failure mode to what analysis found, so its runbook names real journeys and dependencies. */
export const appliesToSchema = z
  .object({
    /** Dependencies whose type (postgres, oidc, notify …) or kind (datastore, identity …) is listed. */
    dependencies: z.array(z.string()).default([]),
    /** Which journeys: every one, the critical ones, those serving pages, or only those of the dependencies. */
    journeys: z
      .enum(["all", "critical", "pages", "staff", "citizen", "dependencies"])
      .default("dependencies"),
    /**
     * The failure mode is these dependencies being down (Level 3's "Caseworkers cannot sign in" is the identity
     * provider's outage): their dependency alerts link here, and they get no generic "X unavailable" of their own.
     */
    outage: z.boolean().optional(),
  })
  .strict();

/** An archetype baseline: what a Level N service needs that code cannot show. Items get baseline provenance on load. */
export const baselineSchema = z
  .object({
    level: levelSchema,
    name: z.string(),
    title: z.string(),
    description: z.string(),
    citizenContext: z.string(),
    defaults: z
      .object({
        slo: sloSchema,
        /** SLO for journeys that are not critical. */
        secondarySlo: sloSchema,
        dataClassification: z.enum(["OFFICIAL", "OFFICIAL-SENSITIVE"]),
      })
      .strict(),
    journeys: z.array(journeySchema.omit(noProvenance)).default([]),
    failureModes: z.array(
      failureModeSchema.omit(noProvenance).extend({ appliesTo: appliesToSchema.optional() }),
    ),
    compliance: z.array(complianceControlSchema.omit(noProvenance)),
    peakPeriods: z.array(periodSchema.omit(noProvenance)),
    changeFreezes: z.array(periodSchema.omit(noProvenance)),
  })
  .strict();

export type Baseline = z.infer<typeof baselineSchema>;

export const PROFILES_DIR = fileURLToPath(new URL("../../profiles/", import.meta.url));

export async function listBaselines(dir = PROFILES_DIR): Promise<string[]> {
  return (await readdir(dir)).filter((f) => /^level-[1-5]-[\w-]+\.ya?ml$/.test(f)).sort();
}

export async function loadBaseline(level: number, dir = PROFILES_DIR): Promise<Baseline> {
  const file = (await listBaselines(dir)).find((f) => f.startsWith(`level-${level}-`));
  if (!file)
    throw new GovopsError(
      "PROFILE_NOT_FOUND",
      `No baseline profile for level ${level} in ${dir}`,
      "Reinstall govops.",
    );
  return parseBaseline(path.join(dir, file));
}

export async function parseBaseline(file: string): Promise<Baseline> {
  const text = await readFile(file, "utf8");
  const parsed = baselineSchema.safeParse(parse(text));
  if (!parsed.success) {
    throw new GovopsError(
      "INVALID_PROFILE",
      `Invalid baseline ${file}: ${formatZodIssues(parsed.error).join("; ")}`,
    );
  }
  return parsed.data;
}

/**
 * The baseline for a service whose level analysis could not settle ("unsure"): only what every archetype
 * shares. Failure modes, compliance controls and journeys kept are those all five baselines list (by id);
 * no peaks or change freezes, which belong to one archetype's calendar. Defaults are the guessed level's.
 */
export async function sharedCoreBaseline(guess: number, dir = PROFILES_DIR): Promise<Baseline> {
  const all = await Promise.all([1, 2, 3, 4, 5].map((l) => loadBaseline(l, dir)));
  const own = all[guess - 1] ?? all[2]!;
  const inEvery = <T extends { id: string }>(pick: (b: Baseline) => T[]) =>
    pick(own).filter((item) => all.every((b) => pick(b).some((o) => o.id === item.id)));
  return {
    ...own,
    name: "shared-core",
    title: "Service of undecided archetype",
    description: "Level unsure: only what every archetype shares. Set service.level in govops.config.yaml.",
    journeys: inEvery((b) => b.journeys),
    failureModes: inEvery((b) => b.failureModes),
    compliance: inEvery((b) => b.compliance),
    peakPeriods: [],
    changeFreezes: [],
  };
}
