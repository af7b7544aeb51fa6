import { z } from "zod";
import { levelSchema } from "../schemas.js";

export const evidenceSchema = z
  .object({
    file: z.string().min(1),
    line: z.number().int().positive(),
    /** A short excerpt a detector selected, at most 160 characters. */
    snippet: z.string().max(160).optional(),
  })
  .strict();

const signalSchema = z
  .object({
    present: z.boolean(),
    detail: z.string().optional(),
    evidence: z.array(evidenceSchema),
  })
  .strict();

export const frameworkNames = ["express", "fastify", "hapi", "koa", "nestjs", "nextjs", "lambda"] as const;
export const httpMethods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ALL"] as const;
export const datastoreKinds = [
  "postgres",
  "mysql",
  "mongodb",
  "redis",
  "dynamodb",
  "s3",
  "sqlite",
  "memory",
  "azure-blob",
  "opensearch",
] as const;
export const integrationKinds = [
  "http",
  "notify",
  "pay",
  "oidc",
  "queue",
  "email",
  "virus-scan",
  "object-storage",
] as const;
export const authKinds = [
  "oidc",
  "passport",
  "jwt",
  "basic",
  "session",
  "none",
  "gateway",
  "custom",
] as const;
export const personalDataCategories = [
  "contact",
  "identity",
  "financial",
  "health",
  "special-category",
  "children",
  "location",
  "free-text",
  "criminal-offence",
  "family",
  "immigration",
] as const;

export const routeSchema = z
  .object({
    method: z.enum(httpMethods),
    path: z.string().min(1),
    framework: z.enum(frameworkNames),
    evidence: evidenceSchema,
  })
  .strict();

/** One workspace package of a monorepo, analysed on its own files. */
export const packageSummarySchema = z
  .object({
    /** The package's name as a slug (from its package.json, else its folder). */
    name: z.string().min(1),
    /** Its folder relative to the analysed root. */
    path: z.string(),
    /** A service serves routes or runs a framework; a library does neither. */
    role: z.enum(["service", "library"]),
    level: z.object({ value: levelSchema, confidence: z.number() }).strict(),
    frameworks: z.array(z.enum(frameworkNames)),
    routes: z.number().int(),
    datastores: z.array(z.enum(datastoreKinds)),
    integrations: z.array(z.string()),
    auth: z.array(z.enum(authKinds)),
    envVars: z.array(z.string()),
    evidence: evidenceSchema,
  })
  .strict();

const pathEvidence = z.object({ kind: z.string(), evidence: evidenceSchema }).strict();

/** How the repository already builds, tests, checks and deploys itself: what a generated pack must fit. */
export const repoConventionsSchema = z
  .object({
    node: z
      .object({
        /** The version the build uses, as setup-node takes it ("22.13.1", "24"). */
        version: z.string().optional(),
        /** Where it came from: ".nvmrc", "Dockerfile", "engines.node" … */
        source: z.string().optional(),
        /** Every place that names a Node version. */
        candidates: z.array(
          z.object({ source: z.string(), version: z.string(), evidence: evidenceSchema }).strict(),
        ),
        /** Set when the sources disagree: which were set aside, and why. */
        disagreement: z.string().optional(),
        /** engines.node as written, when present. */
        engines: z.string().optional(),
        /** `engine-strict=true` in .npmrc, or Yarn berry, which always enforces engines. */
        engineStrict: z.boolean(),
      })
      .strict(),
    packageManager: z
      .object({
        name: z.enum(["npm", "yarn", "pnpm"]),
        flavour: z.enum(["npm", "yarn-classic", "yarn-berry-pnp", "yarn-berry-node-modules", "pnpm"]),
        version: z.string().optional(),
        lockfile: z.string().optional(),
        workspaces: z.boolean(),
      })
      .strict(),
    /** Script names package.json has for each role: test, coverage, lint, typecheck, build, integration, audit. */
    scripts: z.record(z.string(), z.string()),
    testRunner: z.enum(["jest", "vitest", "mocha", "node-test", "ava", "jasmine", "other"]).optional(),
    /** Coverage tools package.json already has: jest, @vitest/coverage-v8, @vitest/coverage-istanbul, nyc, c8. */
    coverageTools: z.array(z.string()),
    /** CI systems already running, with their files. */
    ci: z.array(pathEvidence),
    /** Gates the existing CI already runs (tests, lint, codeql, secrets …), with the file that runs each. */
    ciGates: z.array(pathEvidence),
    /** Deploy platforms found: helm, kubernetes, kd, serverless, sam, cloudfoundry, terraform, appengine … */
    deploy: z.array(pathEvidence),
    /** An existing CI file deploys (helm upgrade, serverless deploy, cf push, docker push …). */
    deployPipeline: z.boolean(),
    /** Hygiene files already there: codeowners, renovate, dependabot, security-policy, gitleaks, audit-allowlist. */
    hygiene: z.array(pathEvidence),
  })
  .strict();

export const factsSchema = z
  .object({
    frameworks: z.array(z.object({ name: z.enum(frameworkNames), evidence: evidenceSchema }).strict()),
    routes: z.array(routeSchema),
    datastores: z.array(
      z
        .object({
          kind: z.enum(datastoreKinds),
          client: z.string(),
          envVar: z.string().optional(),
          evidence: evidenceSchema,
        })
        .strict(),
    ),
    integrations: z.array(
      z
        .object({
          name: z.string().min(1),
          kind: z.enum(integrationKinds),
          client: z.string().optional(),
          baseUrlEnv: z.string().optional(),
          hasTimeout: z.boolean().optional(),
          evidence: evidenceSchema,
        })
        .strict(),
    ),
    auth: z.array(
      z.object({ kind: z.enum(authKinds), detail: z.string().optional(), evidence: evidenceSchema }).strict(),
    ),
    personalData: z.array(
      z
        .object({ field: z.string(), category: z.enum(personalDataCategories), evidence: evidenceSchema })
        .strict(),
    ),
    envVars: z.array(z.object({ name: z.string(), evidence: evidenceSchema }).strict()),
    readiness: z
      .object({
        healthEndpoints: z.array(z.object({ path: z.string(), evidence: evidenceSchema }).strict()),
        metrics: signalSchema,
        logging: signalSchema,
        gracefulShutdown: signalSchema,
        outboundTimeouts: signalSchema,
        outboundRetries: signalSchema.optional(),
        rateLimiting: signalSchema.optional(),
        securityHeaders: signalSchema.optional(),
      })
      .strict(),
    deployFiles: z.array(z.object({ kind: z.string(), evidence: evidenceSchema }).strict()),
    ciFiles: z.array(z.object({ kind: z.string(), evidence: evidenceSchema }).strict()),
    signals: z.array(z.object({ name: z.string(), evidence: evidenceSchema }).strict()),
    skipped: z.array(z.object({ file: z.string(), reason: z.string() }).strict()),
    stats: z
      .object({ files: z.number().int(), sourceFiles: z.number().int(), lines: z.number().int() })
      .strict(),
    /** Workspace packages (monorepos): each analysed on its own; the lists above cover the whole tree. */
    packages: z.array(packageSummarySchema).optional(),
    /** The repository's own conventions (Node version, package manager, scripts, CI, deploy, hygiene). */
    repo: repoConventionsSchema.optional(),
  })
  .strict();

export type Evidence = z.infer<typeof evidenceSchema>;
export type Facts = z.infer<typeof factsSchema>;
export type Route = z.infer<typeof routeSchema>;
export type Signal = z.infer<typeof signalSchema>;
export type PackageSummary = z.infer<typeof packageSummarySchema>;
export type RepoConventions = z.infer<typeof repoConventionsSchema>;

/** What a detector may contribute: any list of facts, and readiness signals. */
export const findingsSchema = factsSchema
  .omit({ readiness: true, skipped: true, stats: true, packages: true })
  .partial()
  .extend({
    readiness: z
      .object({
        healthEndpoints: factsSchema.shape.readiness.shape.healthEndpoints,
        metrics: signalSchema,
        logging: signalSchema,
        gracefulShutdown: signalSchema,
        outboundTimeouts: signalSchema,
        outboundRetries: signalSchema,
        rateLimiting: signalSchema,
        securityHeaders: signalSchema,
      })
      .partial()
      .optional(),
  })
  .strict();
export type Findings = z.infer<typeof findingsSchema>;
