import path from "node:path";
import type { Profile } from "../../profile/schema.js";
import { IMAGES, NPM_TOOLS, pinnedActions } from "./actions.js";
import { freezeWindows } from "./freeze.js";
import { loadModel } from "./load-model.js";
import { pageJourneys, pagePaths } from "./pages.js";

/** Line coverage a build must reach, by archetype level: stricter where decisions affect more people. */
const COVERAGE: Record<number, number> = { 1: 70, 2: 70, 3: 80, 4: 80, 5: 90 };

const IAC_KINDS = new Set(["kubernetes", "terraform", "helm"]);

/** Tables whose rows a migration may legitimately delete or rewrite: sessions and the migrators' own. */
const VOLATILE_TABLES = ["session", "sessions", "knex_migrations", "knex_migrations_lock", "pgmigrations"];

function signalDir(profile: Profile, name: string): string | undefined {
  const s = profile.facts.signals.find((x) => x.name === name);
  return s ? path.posix.dirname(s.evidence.file) : undefined;
}

/** Which gates apply to this service, and the facts each gate needs. Shared by GitHub and GitLab. */
export function deliveryModel(profile: Profile) {
  const { facts } = profile;
  const level = profile.service.level.value;
  const has = (name: string) => facts.signals.some((s) => s.name === name);
  const dockerfile = facts.deployFiles.find((d) => d.kind === "dockerfile")?.evidence.file;
  const iacFiles = [
    ...new Set(
      facts.deployFiles
        .filter((d) => IAC_KINDS.has(d.kind))
        .map((d) => d.evidence.file.replace(/[\r\n]+/g, " ")),
    ),
  ];
  const pages = pageJourneys(profile);
  const dashboard = has("data-views") || level === 2;
  const healthPath = facts.readiness.healthEndpoints[0]?.path ?? "/health";
  const freshnessRoute = facts.routes.find((r) => r.method === "GET" && /fresh/i.test(r.path))?.path;
  const migrationsDir = signalDir(profile, "migrations");
  const ruleSetsDir = signalDir(profile, "rule-sets-as-data");
  const load = loadModel(profile);
  return {
    service: profile.service.name,
    title: profile.service.title,
    level,
    actions: pinnedActions(),
    images: IMAGES,
    tools: NPM_TOOLS,
    coverageThreshold: COVERAGE[level] ?? 80,
    healthPath,
    container: dockerfile ? { dockerfile, context: path.posix.dirname(dockerfile) } : undefined,
    iac: iacFiles.length ? { files: iacFiles } : undefined,
    accessibility: pages.length ? { journeys: pages, paths: pagePaths(pages) } : undefined,
    /** Page weight and speed budgets: services whose pages are the product, dashboards above all. */
    lighthouse: pages.length ? { paths: pagePaths(pages).slice(0, 5), dashboard } : undefined,
    personalDataFields: [...new Set(profile.data.personalData.map((p) => p.field))].sort(),
    monitoring: profile.journeys.length > 0,
    migrations: migrationsDir ? { dir: migrationsDir, volatileCsv: VOLATILE_TABLES.join(",") } : undefined,
    ruleSets: ruleSetsDir ? { dir: ruleSetsDir } : undefined,
    freshness: dashboard ? { path: freshnessRoute ?? healthPath } : undefined,
    load: load.journeys.length ? load : undefined,
    strategy: level >= 3 ? ("canary" as const) : ("blue-green" as const),
    freezeWindows: freezeWindows(profile),
    envVars: [...new Set(facts.envVars.map((e) => e.name))].sort(),
  };
}

export type DeliveryModel = ReturnType<typeof deliveryModel>;
