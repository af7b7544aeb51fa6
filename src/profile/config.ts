import { z } from "zod";
import { aiConfigSchema, levelSchema } from "../schemas.js";
import { refinePeriod } from "./dates.js";
import { refineJourneySli } from "./journey-sli.js";
import { patchOf } from "./patch.js";
import {
  complianceControlSchema,
  contactSchema,
  deliveryChoicesSchema,
  dependencySchema,
  failureModeSchema,
  itemIdSchema,
  journeySchema,
  monitoringChoicesSchema,
  periodSchema,
  personalDataItemSchema,
  profileSchema,
  sloSchema,
} from "./schema.js";

export const CONFIG_FILES = ["govops.config.yaml", "govops.config.yml"] as const;

/** The 1h page row of the SRE Workbook table lets 2% of the budget burn; below this target it can never fire. */
export function minimumSlo(periodDays: number): number {
  return 1 - 1 / (0.02 * periodDays * 24);
}

const latencyPatch = patchOf(sloSchema.shape.latency);
export const sloPatchSchema = patchOf(sloSchema.omit({ latency: true }))
  .extend({ latency: latencyPatch.optional() })
  .strict()
  .superRefine((slo, ctx) => {
    const floor = minimumSlo(slo.periodDays ?? 28);
    const targets = [
      [["availability"], slo.availability],
      [["latency", "target"], slo.latency?.target],
    ] as const;
    for (const [path, target] of targets) {
      if (target !== undefined && target <= floor)
        ctx.addIssue({
          code: "custom",
          path: [...path],
          message: `${target} can never fire its 1h page alert over ${slo.periodDays ?? 28} days: use more than ${Math.ceil(floor * 10000) / 10000}`,
        });
    }
  });

const omitProvenance = { provenance: true } as const;
const withId = { id: itemIdSchema };

/** An item in the config: a patch of the item with that id, or a whole new item. */
const journeyPatch = patchOf(journeySchema.omit({ ...omitProvenance, slo: true }))
  .extend({ ...withId, slo: sloPatchSchema.optional() })
  .strict()
  .superRefine(refineJourneySli);
const itemPatch = <T extends Record<string, z.ZodType>>(schema: z.ZodObject<T>) =>
  patchOf(schema).extend(withId).strict();

/** A period patch that names both ends must run forwards; a patch of one end is checked once merged. */
const periodPatch = itemPatch(periodSchema.omit(omitProvenance)).superRefine((p, ctx) => {
  if (p.start !== undefined && p.end !== undefined)
    refinePeriod({ start: p.start, end: p.end, startTime: p.startTime, endTime: p.endTime }, ctx);
});

const service = profileSchema.shape.service.shape;
const idList = z.array(itemIdSchema).optional();

export const configSchema = z
  .object({
    service: patchOf(
      z.object({
        name: service.name,
        title: service.title,
        department: service.department,
        ownerTeam: service.ownerTeam,
        description: service.description,
        dataClassification: service.dataClassification,
        hosting: service.hosting,
        ciPlatform: service.ciPlatform,
        runbookBaseUrl: service.runbookBaseUrl,
        dashboardBaseUrl: service.dashboardBaseUrl,
        repositoryUrl: service.repositoryUrl,
        /** The service's public base URL, used by probes and runbook health checks. */
        baseUrl: z.string(),
        /** Kubernetes namespace per environment, e.g. `prod: my-service-prod`. */
        namespaces: z.record(z.string(), z.string()),
        /** The archetype level (1–5); overrides classification. */
        level: levelSchema,
      }),
    ).optional(),
    /** The escalation chain, first contact first. */
    contacts: z
      .object({ escalation: z.array(contactSchema) })
      .strict()
      .optional(),
    /** SLOs for journeys found by analysis: `slo` for the most critical, `secondarySlo` for the rest. */
    defaults: z
      .object({ slo: sloPatchSchema.optional(), secondarySlo: sloPatchSchema.optional() })
      .strict()
      .optional(),
    journeys: z.array(journeyPatch).optional(),
    dependencies: z.array(itemPatch(dependencySchema.omit(omitProvenance))).optional(),
    personalData: z
      .array(
        patchOf(personalDataItemSchema.omit(omitProvenance))
          .extend({ field: z.string().min(1) })
          .strict(),
      )
      .optional(),
    failureModes: z.array(itemPatch(failureModeSchema.omit(omitProvenance))).optional(),
    compliance: z.array(itemPatch(complianceControlSchema.omit(omitProvenance))).optional(),
    peakPeriods: z.array(periodPatch).optional(),
    /** Change freezes: a window across New Year is two MM-DD dates (12-20 to 01-05), or runs into the next year. */
    changeFreezes: z.array(periodPatch).optional(),
    /** Delivery choices: `ci: full | gates | none` (default `gates` when the repository has CI). */
    delivery: deliveryChoicesSchema.optional(),
    /** Monitoring choices: environment selectors and `PrometheusRule` resources. */
    monitoring: monitoringChoicesSchema.optional(),
    /** AI enrichment, off unless `enabled` is true here or `--ai` is given. Flags override these settings. */
    ai: aiConfigSchema.optional(),
    /** Ids of items from the baseline, analysis or AI that do not apply to this service. */
    omit: z
      .object({
        journeys: idList,
        dependencies: idList,
        failureModes: idList,
        compliance: idList,
        peakPeriods: idList,
        changeFreezes: idList,
      })
      .strict()
      .optional(),
  })
  .strict();

export type GovopsConfig = z.infer<typeof configSchema>;
export type SloPatch = z.infer<typeof sloPatchSchema>;
