import type { DetectorContext } from "./context.js";
import type { Detector } from "./detector.js";
import { findingsSchema, type Facts, type Findings } from "./facts.js";
import { GovopsError, formatZodIssues } from "../errors.js";

type ListKey = Exclude<keyof Findings, "readiness" | "repo">;

/** How two findings of one list are the same thing. The first seen wins, except where noted below. */
const KEYS: Record<ListKey, (item: never) => string> = {
  frameworks: (f: Facts["frameworks"][number]) => f.name,
  routes: (r: Facts["routes"][number]) => `${r.method} ${r.path}`,
  datastores: (d: Facts["datastores"][number]) => d.kind,
  integrations: (i: Facts["integrations"][number]) => i.name,
  auth: (a: Facts["auth"][number]) => a.kind,
  personalData: (p: Facts["personalData"][number]) => p.field.toLowerCase(),
  envVars: (e: Facts["envVars"][number]) => e.name,
  deployFiles: (d: Facts["deployFiles"][number]) => `${d.kind}|${d.evidence.file}`,
  ciFiles: (c: Facts["ciFiles"][number]) => c.evidence.file,
  // A deploy file names one namespace per environment: each is its own finding.
  signals: (s: Facts["signals"][number]) =>
    `${s.name}|${s.evidence.file}${s.name === "deploy-namespace" ? `|${s.evidence.snippet}` : ""}`,
};

export type Merged = Omit<Facts, "skipped" | "stats">;

export function emptyFindings(): Merged {
  const none = { present: false, evidence: [] };
  return {
    frameworks: [],
    routes: [],
    datastores: [],
    integrations: [],
    auth: [],
    personalData: [],
    envVars: [],
    readiness: {
      healthEndpoints: [],
      metrics: none,
      logging: none,
      gracefulShutdown: none,
      outboundTimeouts: none,
    },
    deployFiles: [],
    ciFiles: [],
    signals: [],
  };
}

/** Runs every enabled detector, validates what each returns, and merges the findings without duplicates. */
export function runDetectors(ctx: DetectorContext, detectors: readonly Detector[]): Merged {
  const merged = emptyFindings();
  const seen = new Map<string, Map<string, number>>();
  for (const detector of detectors) {
    if (!detector.isEnabled(ctx)) continue;
    const parsed = findingsSchema.safeParse(detector.detect(ctx));
    if (!parsed.success) {
      throw new GovopsError(
        "RENDER_ERROR",
        `Detector "${detector.id}" returned invalid findings: ${formatZodIssues(parsed.error).join("; ")}`,
        "This is a bug in govops; please report it.",
      );
    }
    const { readiness, repo, ...lists } = parsed.data;
    if (readiness) Object.assign(merged.readiness, readiness);
    if (repo) merged.repo = repo;
    for (const [key, items] of Object.entries(lists) as Array<[ListKey, unknown[]]>) {
      const index = seen.get(key) ?? seen.set(key, new Map()).get(key)!;
      const target = merged[key] as unknown[];
      for (const item of items) {
        const id = KEYS[key](item as never);
        const at = index.get(id);
        if (at === undefined) {
          index.set(id, target.length);
          target.push(item);
        } else if (
          key === "datastores" &&
          !(target[at] as Facts["datastores"][number]).envVar &&
          (item as Facts["datastores"][number]).envVar
        ) {
          target[at] = item;
        } else if (key === "integrations") {
          mergeIntegration(target[at] as Integration, item as Integration);
        }
      }
    }
  }
  return merged;
}

type Integration = Facts["integrations"][number];

/** A sign-in endpoint of an upstream (`CASE_API_TOKEN_URL`): its base URL (`CASE_API_URL`) locates it better. */
const TOKEN_ENV = /_(TOKEN|AUTH|OAUTH)_/;

/**
 * One integration called from many places, merged into the first seen, which stays the evidence: the
 * first base-URL env var wins (a base URL over a token endpoint), and it has a timeout only if every call
 * whose timeout is known has one.
 */
export function mergeIntegration(
  into: Integration,
  from: Pick<Integration, "baseUrlEnv" | "hasTimeout">,
): void {
  if (
    from.baseUrlEnv !== undefined &&
    (into.baseUrlEnv === undefined || (TOKEN_ENV.test(into.baseUrlEnv) && !TOKEN_ENV.test(from.baseUrlEnv)))
  )
    into.baseUrlEnv = from.baseUrlEnv;
  if (from.hasTimeout !== undefined) into.hasTimeout = (into.hasTimeout ?? true) && from.hasTimeout;
}
