import { ciPlatformSchema, levelSchema } from "../schemas.js";
import { z } from "zod";
import { evidenceSchema, factsSchema, httpMethods, personalDataCategories } from "../analyse/facts.js";
import { dateLikeSchema, refinePeriod } from "./dates.js";
import { journeySliSchema, refineJourneySli } from "./journey-sli.js";

export const SCHEMA_VERSION = 1;

export const provenanceSources = ["baseline", "analysis", "ai", "user"] as const;

export const provenanceSchema = z
  .object({
    source: z.enum(provenanceSources),
    evidence: z.array(evidenceSchema).optional(),
    /** For AI items: which model proposed it, when, and the hash of the request that asked. */
    ai: z
      .object({
        model: z.string(),
        requestHash: z.string(),
        at: z.string(),
        /** sha256 of the recorded answer, so the manifest can name exactly what was replayed. */
        answerHash: z.string().optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "lower-case letters, digits and hyphens, at most 63");
/** Item ids: stable, lower-case, usable in file names and alert labels. */
export const itemIdSchema = id;
const severity = z.enum(["P1", "P2", "P3", "P4"]);
const criticality = z.enum(["critical", "high", "medium", "low"]);
/** A calendar date (YYYY-MM-DD) or an annual one (MM-DD). */
const dateLike = dateLikeSchema;
/** A UK local time (Europe/London), HH:MM. */
const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "HH:MM, 24-hour UK time");

export const sloSchema = z
  .object({
    /** Availability target as a ratio, e.g. 0.995. */
    availability: z.number().gt(0).lt(1),
    latency: z
      .object({
        /** Requests slower than this count against the SLO. */
        thresholdMs: z.number().int().positive().max(600_000),
        /** Share of requests that must be faster than the threshold, e.g. 0.95. */
        target: z.number().gt(0).lt(1),
      })
      .strict(),
    /** Rolling period in days; GDS recommends 28. */
    periodDays: z.number().int().min(1).max(90).default(28),
    /**
     * Requests a second below which burn-rate pages stay quiet (a low-traffic rule pages on total failure
     * instead). Unset: the rate at which one bad request in 5 minutes would cross the fastest page threshold.
     */
    minRequestRate: z.number().positive().optional(),
  })
  .strict();

export const journeySchema = z
  .object({
    id,
    name: z.string().min(1),
    description: z.string().default(""),
    entryRoutes: z.array(z.object({ method: z.enum(httpMethods), path: z.string().min(1) }).strict()),
    criticality,
    /** Who is affected when the journey fails, in plain words. */
    affected: z.string().min(1),
    /** Whether the journey serves HTML pages (accessibility testing applies). */
    servesPages: z.boolean().default(false),
    slo: sloSchema,
    peakTraffic: z
      .object({ requestsPerSecond: z.number().positive().max(10_000_000), description: z.string() })
      .strict()
      .optional(),
    /** The journey's own SLI queries (Sloth style), used instead of the preset. Default: the preset's. */
    sli: journeySliSchema.optional(),
    provenance: provenanceSchema,
  })
  .strict();

export const dependencySchema = z
  .object({
    id,
    name: z.string().min(1),
    kind: z.enum(["datastore", "integration", "identity", "queue", "platform"]),
    /** The technology: postgres, redis, notify, http, oidc … */
    type: z.string().min(1),
    criticality,
    timeoutMs: z.number().int().positive().max(3_600_000).optional(),
    fallback: z.string(),
    envVar: z.string().optional(),
    journeys: z.array(id).default([]),
    provenance: provenanceSchema,
  })
  .strict();

export const personalDataItemSchema = z
  .object({
    field: z.string().min(1),
    category: z.enum(personalDataCategories),
    specialCategory: z.boolean(),
    lawfulBasis: z.string(),
    retention: z.string(),
    provenance: provenanceSchema,
  })
  .strict();

export const commsTemplates = [
  "outage",
  "degraded",
  "data-error",
  "delay",
  "security",
  "data-breach",
  "none",
] as const;

export const failureModeSchema = z
  .object({
    id,
    title: z.string().min(1),
    trigger: z.string().min(1),
    detection: z.object({ signal: z.string().min(1), alert: z.string().optional() }).strict(),
    citizenImpact: z.string().min(1),
    severity,
    affects: z
      .object({ journeys: z.array(id).default([]), dependencies: z.array(id).default([]) })
      .strict()
      .default({ journeys: [], dependencies: [] }),
    mitigation: z.array(z.string()).min(1),
    recovery: z.array(z.string()).min(1),
    commsTemplate: z.enum(commsTemplates),
    provenance: provenanceSchema,
  })
  .strict();

export const complianceControlSchema = z
  .object({
    id,
    framework: z.enum(["service-standard", "tcop", "wcag-2.2-aa", "uk-gdpr", "ncsc-caf"]),
    control: z.string().min(1),
    title: z.string().min(1),
    coveredBy: z.array(z.string()),
    gap: z.string().optional(),
    provenance: provenanceSchema,
  })
  .strict();

export const periodSchema = z
  .object({
    id,
    name: z.string().min(1),
    start: dateLike,
    end: dateLike,
    description: z.string().default(""),
    /** Expected traffic as a multiple of normal, at most 1000. */
    trafficMultiplier: z
      .number()
      .positive()
      .max(1000, "at most 1000 times normal traffic: plan bigger peaks as a separate load test")
      .optional(),
    /** Time the period starts on its start date (UK time); whole day when absent. */
    startTime: timeOfDay.optional(),
    /** Time the period ends on its end date (UK time); whole day when absent. */
    endTime: timeOfDay.optional(),
    provenance: provenanceSchema,
  })
  .strict();

/** How much CI govops writes: `full` pipelines, only the `gates` the existing CI lacks, or `none`. */
export const ciModes = ["full", "gates", "none"] as const;
export type CiMode = (typeof ciModes)[number];

/** Delivery choices the team made (govops.config.yaml `delivery`, `generate --ci`). */
export const deliveryChoicesSchema = z
  .object({
    /** Default: `gates` when the repository has CI, `full` when it has none. */
    ci: z.enum(ciModes).optional(),
  })
  .strict();

const promLabelName = z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, "a Prometheus label name");

export const weekdays = [
  "monday",
  "tuesday",
  "wednesday",
  "thursday",
  "friday",
  "saturday",
  "sunday",
] as const;
/** UK office hours when `monitoring.businessHours` does not say (Europe/London). */
export const OFFICE_HOURS = { start: "09:00", end: "17:00", days: weekdays.slice(0, 5) };
export type Weekday = (typeof weekdays)[number];

export const monitoringChoicesSchema = z
  .object({
    /**
     * Label matchers every rule adds to its selectors, so one environment's traffic is not added to another's
     * (e.g. `namespace: my-service-prod`). Default: production's namespace from `service.namespaces` or the
     * Helm values files; none when neither names it.
     */
    selectors: z.record(promLabelName, z.string().min(1)).optional(),
    /**
     * Where SLIs come from: \`ingress-nginx\` (nginx_ingress_controller_requests by namespace and ingress),
     * \`otel-http\` (http_server_request_duration_seconds), \`prom-client\` (express-prom-bundle's
     * http_request_duration_seconds) or \`govops\` (the starter instrumentation). Default: detected.
     */
    sli: z.enum(["govops", "ingress-nginx", "otel-http", "prom-client"]).optional(),
    /** The ingress the ingress-nginx preset reads. Default: the ingress found, else the Helm chart's name. */
    ingress: z.string().min(1).optional(),
    /** `PrometheusRule` resources beside the rules files. Default: written when the service runs on Kubernetes. */
    prometheusRule: z
      .object({
        enabled: z.boolean().optional(),
        /** Labels the team's Prometheus selects rules by. Default: `role: alert-rules`. */
        labels: z
          .record(
            z.string().regex(/^([a-z0-9.-]+\/)?[A-Za-z0-9]([-\w.]*[A-Za-z0-9])?$/, "a Kubernetes label key"),
            z.string(),
          )
          .optional(),
        /** Default: production's namespace, else none. */
        namespace: z.string().optional(),
      })
      .strict()
      .optional(),
    /**
     * Alertmanager holds alerts below P1 until office hours (P2 to P4 when only staff use the service, P3 and
     * P4 otherwise); P1 notifies at any hour.
     */
    businessHours: z
      .object({
        /** Default: on when only staff use the service. */
        enabled: z.boolean().optional(),
        /** UK time (Europe/London), HH:MM. Default 09:00. */
        start: timeOfDay.optional(),
        /** UK time, HH:MM, after start. Default 17:00. */
        end: timeOfDay.optional(),
        /** Default: monday to friday. */
        days: z.array(z.enum(weekdays)).min(1).optional(),
      })
      .strict()
      .refine((b) => (b.start ?? OFFICE_HOURS.start) < (b.end ?? OFFICE_HOURS.end), {
        message: "start must be before end (HH:MM, UK time, within one day)",
        path: ["end"],
      })
      .optional(),
    /** The mail relay Alertmanager's email receivers send through; the password stays out of this file. */
    email: z
      .object({
        smarthost: z.string().regex(/^[A-Za-z0-9.-]+:\d{1,5}$/, "host:port, e.g. smtp.example.gov.uk:587"),
        from: z.string().regex(/^[^\s@]+@[^\s@]+$/, "an email address"),
      })
      .strict()
      .optional(),
  })
  .strict();

export const contactSchema = z
  .object({ role: z.string().min(1), name: z.string(), contact: z.string() })
  .strict();

export const profileSchema = z
  .object({
    schemaVersion: z.literal(SCHEMA_VERSION),
    service: z
      .object({
        name: id,
        title: z.string().min(1),
        department: z.string(),
        ownerTeam: z.string(),
        description: z.string(),
        dataClassification: z.enum(["OFFICIAL", "OFFICIAL-SENSITIVE"]),
        hosting: z.string().default("unknown"),
        ciPlatform: ciPlatformSchema.default("github"),
        /** Where runbooks and dashboards are published, used for links in alerts. */
        runbookBaseUrl: z.string().default(""),
        dashboardBaseUrl: z.string().default(""),
        /**
         * The service's GitHub or GitLab repository (as package.json's `repository` names it): alerts link to
         * runbooks on its default branch when runbookBaseUrl is unset.
         */
        repositoryUrl: z.string().optional(),
        /** The service's public base URL, probed by synthetic checks. Unset: probes use a marked placeholder. */
        baseUrl: z.string().optional(),
        /** Kubernetes namespace per environment (e.g. `prod: my-service-prod`), for runbook commands. */
        namespaces: z.record(z.string(), z.string()).optional(),
        level: z
          .object({
            value: levelSchema,
            confidence: z.number().min(0).max(1),
            reasons: z.array(z.string()),
            /** Analysis could not settle the archetype: the profile holds only what every archetype shares. */
            unsure: z.boolean().optional(),
            provenance: provenanceSchema,
          })
          .strict(),
        /** Which layer set each service field (baseline, analysis, ai or user). */
        fieldSources: z.record(z.string(), z.enum(provenanceSources)).optional(),
      })
      .strict(),
    facts: factsSchema,
    journeys: z.array(journeySchema.superRefine(refineJourneySli)),
    dependencies: z.array(dependencySchema),
    data: z
      .object({
        classification: z.enum(["OFFICIAL", "OFFICIAL-SENSITIVE"]),
        personalData: z.array(personalDataItemSchema),
      })
      .strict(),
    failureModes: z.array(failureModeSchema),
    compliance: z.array(complianceControlSchema),
    peakPeriods: z.array(periodSchema.superRefine(refinePeriod)),
    changeFreezes: z.array(periodSchema.superRefine(refinePeriod)),
    contacts: z
      .object({ ownerTeam: z.string(), escalation: z.array(contactSchema), provenance: provenanceSchema })
      .strict(),
    delivery: deliveryChoicesSchema.optional(),
    monitoring: monitoringChoicesSchema.optional(),
  })
  .strict();

export type Provenance = z.infer<typeof provenanceSchema>;
export type Profile = z.infer<typeof profileSchema>;
export type ProfileInput = z.input<typeof profileSchema>;
export type Journey = z.infer<typeof journeySchema>;
export type Dependency = z.infer<typeof dependencySchema>;
export type FailureMode = z.infer<typeof failureModeSchema>;
export type ComplianceControl = z.infer<typeof complianceControlSchema>;
export type Period = z.infer<typeof periodSchema>;
export type PersonalDataItem = z.infer<typeof personalDataItemSchema>;
export type Contact = z.infer<typeof contactSchema>;
