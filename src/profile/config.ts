import { z } from "zod";
import { patchOf } from "./patch.js";
import {
  complianceControlSchema,
  contactSchema,
  dependencySchema,
  failureModeSchema,
  itemIdSchema,
  journeySchema,
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
  .strict();
const itemPatch = <T extends Record<string, z.ZodType>>(schema: z.ZodObject<T>) =>
  patchOf(schema).extend(withId).strict();

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
        /** The service's public base URL, used by probes and runbook health checks. */
        baseUrl: z.string(),
        /** Kubernetes namespace per environment, e.g. `prod: my-service-prod`. */
        namespaces: z.record(z.string(), z.string()),
        /** The archetype level (1–5); overrides classification. */
        level: z.number().int().min(1).max(5),
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
    peakPeriods: z.array(itemPatch(periodSchema.omit(omitProvenance))).optional(),
    changeFreezes: z.array(itemPatch(periodSchema.omit(omitProvenance))).optional(),
    /** AI enrichment, off unless `enabled` is true here or `--ai` is given. Flags override these settings. */
    ai: z
      .object({
        enabled: z.boolean(),
        /** Model id. Default: govops' current default model. */
        model: z.string().min(1).optional(),
        /** Token budget per run, input and output together. Default 40000. */
        maxTokens: z.number().int().min(1000).max(1_000_000).optional(),
        /** Per-request timeout in milliseconds. Default 60000. */
        timeoutMs: z.number().int().min(1).max(600_000).optional(),
        /** Retries after rate limits, server errors and timeouts. Default 2. */
        maxRetries: z.number().int().min(0).max(10).optional(),
      })
      .strict()
      .optional(),
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
