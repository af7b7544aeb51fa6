import { z } from "zod";
import type { Analysis } from "../analyse/index.js";
import { GovopsError, formatZodIssues } from "../errors.js";
import type { Baseline } from "./baseline.js";
import { baselineFailureModes, baselineLayer } from "./baseline-layer.js";
import {
  dependenciesFromFacts,
  failureModesFromFacts,
  journeysFromRoutes,
  personalDataFromFacts,
} from "./build.js";
import type { GovopsConfig, SloPatch } from "./config.js";
import { mergeItems } from "./merge-items.js";
import { checkReferences } from "./references.js";
import { serviceFromLayers } from "./service-layer.js";
import {
  SCHEMA_VERSION,
  complianceControlSchema,
  dependencySchema,
  failureModeSchema,
  journeySchema,
  periodSchema,
  personalDataItemSchema,
  profileSchema,
  provenanceSchema,
  type ComplianceControl,
  type Dependency,
  type FailureMode,
  type Journey,
  type Period,
  type PersonalDataItem,
  type Profile,
} from "./schema.js";

export const aiProvenanceSchema = provenanceSchema.extend({ source: z.literal("ai") }).strict();
const aiItem = { provenance: aiProvenanceSchema };

/** What AI enrichment may propose. Every item carries provenance source "ai"; analysis and the user win over it. */
export const aiProposalsSchema = z
  .object({
    journeys: z.array(journeySchema.omit({ sli: true }).extend(aiItem)).optional(),
    dependencies: z.array(dependencySchema.extend(aiItem)).optional(),
    failureModes: z.array(failureModeSchema.extend(aiItem)).optional(),
    peakPeriods: z.array(periodSchema.extend(aiItem)).optional(),
    changeFreezes: z.array(periodSchema.extend(aiItem)).optional(),
  })
  .strict();
export type AiProposals = z.input<typeof aiProposalsSchema>;

export interface MergeInput {
  analysis: Analysis;
  baseline: Baseline;
  ai?: AiProposals;
  /** The user's govops.config.yaml, parsed, and its path for messages. */
  config?: { file: string; config: GovopsConfig };
}

const noProvenance = { provenance: true } as const;
const byId = (item: { id?: unknown }) => String(item.id);

/** baseline ⊕ analysis ⊕ AI ⊕ config: the user wins, then analysis, then AI, then the baseline. Deterministic. */
export function mergeProfile(input: MergeInput): Profile {
  const { analysis, baseline } = input;
  const config = input.config?.config ?? {};
  const configFile = input.config?.file ?? "govops.config.yaml";
  const ai = parseAi(input.ai);
  const base = baselineLayer(baseline);
  const defaults = {
    ...baseline.defaults,
    slo: patchSlo(baseline.defaults.slo, config.defaults?.slo),
    secondarySlo: patchSlo(baseline.defaults.secondarySlo, config.defaults?.secondarySlo),
  };
  const common = { configFile };

  const found = journeysFromRoutes(analysis.facts, defaults);
  const journeys = mergeItems<Journey>({
    ...common,
    what: "journeys",
    key: byId,
    analysis: found.map(({ name: _n, description: _d, ...observed }) => observed as Journey),
    // Names made up from a route segment are defaults, not findings: AI or user wording beats them.
    baseline: [...base.journeys, ...found.map((j) => wordingOnly(j))],
    ai: ai.journeys ?? [],
    patches: config.journeys,
    omit: config.omit?.journeys,
    complete: journeySchema.omit(noProvenance),
    seed: { slo: defaults.secondarySlo, criticality: "high" },
    combine: (lower, patch) => ({
      ...lower,
      ...patch,
      slo: patchSlo(lower.slo, patch.slo as SloPatch | undefined),
    }),
  });
  const dependencies = mergeItems<Dependency>({
    ...common,
    what: "dependencies",
    key: byId,
    analysis: dependenciesFromFacts(analysis.facts, journeys),
    baseline: [],
    ai: ai.dependencies ?? [],
    patches: config.dependencies,
    omit: config.omit?.dependencies,
    complete: dependencySchema.omit(noProvenance),
  });
  const fromBaseline = baselineFailureModes(baseline, journeys, dependencies, config.omit?.failureModes);
  const failureModes = mergeItems<FailureMode>({
    ...common,
    what: "failureModes",
    key: byId,
    analysis: failureModesFromFacts(
      journeys,
      dependencies.filter((d) => !fromBaseline.covered.has(d.id)),
    ),
    baseline: fromBaseline.modes,
    ai: ai.failureModes ?? [],
    patches: config.failureModes,
    omit: config.omit?.failureModes,
    complete: failureModeSchema.omit(noProvenance),
  });
  const listed = (what: "compliance" | "peakPeriods" | "changeFreezes", complete: z.ZodType) =>
    mergeItems<Period | ComplianceControl>({
      ...common,
      what,
      key: byId,
      analysis: [],
      baseline: base[what],
      ai: what === "compliance" ? [] : (ai[what] ?? []),
      patches: config[what],
      omit: config.omit?.[what],
      complete,
    });
  const personalData = mergeItems<PersonalDataItem>({
    ...common,
    what: "personalData",
    key: (item) => String(item.field),
    analysis: personalDataFromFacts(analysis.facts),
    baseline: [],
    ai: [],
    patches: config.personalData,
    complete: personalDataItemSchema.omit(noProvenance),
  });
  const service = serviceFromLayers(analysis, baseline, config);
  const escalation = config.contacts?.escalation;
  const draft = {
    schemaVersion: SCHEMA_VERSION,
    service,
    facts: analysis.facts,
    journeys,
    dependencies,
    data: { classification: service.dataClassification, personalData },
    failureModes,
    compliance: listed("compliance", complianceControlSchema.omit(noProvenance)),
    peakPeriods: listed("peakPeriods", periodSchema.omit(noProvenance)),
    changeFreezes: listed("changeFreezes", periodSchema.omit(noProvenance)),
    contacts: {
      ownerTeam: service.ownerTeam,
      escalation: escalation ?? [],
      provenance: { source: escalation ? "user" : "baseline" },
    },
    ...(config.delivery ? { delivery: config.delivery } : {}),
    ...(config.monitoring ? { monitoring: config.monitoring } : {}),
  };
  checkReferences(draft, configFile);
  const result = profileSchema.safeParse(draft);
  if (!result.success)
    throw new GovopsError(
      "INVALID_PROFILE",
      `The merged profile is invalid: ${formatZodIssues(result.error).slice(0, 5).join("; ")}`,
      `Check ${configFile} and the AI proposals for the fields named.`,
    );
  return result.data;
}

/** The deterministic profile from analysis and the archetype baseline alone (no AI, no config). */
export function buildProfile(result: Analysis, baseline: Baseline): Profile {
  return mergeProfile({ analysis: result, baseline });
}

function patchSlo(slo: Journey["slo"], patch: SloPatch | undefined): Journey["slo"] {
  if (!patch) return slo;
  const { latency, ...rest } = patch;
  return {
    ...slo,
    ...definedOnly(rest),
    latency: { ...slo.latency, ...definedOnly(latency ?? {}) },
  } as Journey["slo"];
}

function wordingOnly(j: Journey): Journey {
  return {
    id: j.id,
    name: j.name,
    description: j.description,
    provenance: { source: "baseline" },
  } as Journey;
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function parseAi(ai: AiProposals | undefined): z.infer<typeof aiProposalsSchema> {
  if (!ai) return {};
  const result = aiProposalsSchema.safeParse(ai);
  if (result.success) return result.data;
  throw new GovopsError(
    "AI_ERROR",
    `AI proposals do not fit the profile schema: ${formatZodIssues(result.error).slice(0, 5).join("; ")}`,
    "Re-run without AI, or record the proposals again.",
  );
}
