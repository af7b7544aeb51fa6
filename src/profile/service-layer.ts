import type { CiPlatform } from "../schemas.js";
import type { Analysis } from "../analyse/index.js";
import type { Facts } from "../analyse/facts.js";
import type { Baseline } from "./baseline.js";
import { titleCase } from "./build.js";
import type { GovopsConfig } from "./config.js";
import type { Profile, Provenance } from "./schema.js";

type Source = Provenance["source"];
type Candidates<V> = Array<[Source, V | undefined]>;

const SENSITIVE = new Set(["identity", "financial", "health", "special-category", "children"]);

/** The service block: each field from the highest layer that knows it, recorded in fieldSources. */
export function serviceFromLayers(
  analysis: Analysis,
  baseline: Baseline,
  config: GovopsConfig,
): Profile["service"] {
  const user = config.service ?? {};
  const fieldSources: Record<string, Source> = {};
  const pick = <V>(field: string, candidates: Candidates<V>): V => {
    const [source, value] = candidates.find(([, v]) => v !== undefined)!;
    fieldSources[field] = source;
    return value as V;
  };
  const { facts } = analysis;
  const sensitive = facts.personalData.some((p) => SENSITIVE.has(p.category));
  const name = pick("name", [
    ["user", user.name],
    ["analysis", analysis.serviceName],
  ]);
  return {
    name,
    title: pick("title", [
      ["user", user.title],
      [fieldSources.name!, titleCase(name)],
    ]),
    department: pick("department", [
      ["user", user.department],
      ["baseline", ""],
    ]),
    ownerTeam: pick("ownerTeam", [
      ["user", user.ownerTeam],
      ["baseline", ""],
    ]),
    description: pick("description", [
      ["user", user.description],
      ["baseline", baseline.description],
    ]),
    dataClassification: pick("dataClassification", [
      ["user", user.dataClassification],
      ["analysis", sensitive ? ("OFFICIAL-SENSITIVE" as const) : undefined],
      ["baseline", baseline.defaults.dataClassification],
    ]),
    hosting: pick("hosting", [
      ["user", user.hosting],
      ["analysis", hostingFrom(facts)],
      ["baseline", "unknown"],
    ]),
    ciPlatform: pick("ciPlatform", [
      ["user", user.ciPlatform],
      ["analysis", ciPlatformFrom(facts)],
      ["baseline", "github" as const],
    ]),
    runbookBaseUrl: pick("runbookBaseUrl", [
      ["user", user.runbookBaseUrl],
      ["baseline", ""],
    ]),
    ...repositoryOf(user.repositoryUrl, facts, fieldSources),
    dashboardBaseUrl: pick("dashboardBaseUrl", [
      ["user", user.dashboardBaseUrl],
      ["baseline", ""],
    ]),
    ...(user.baseUrl ? { baseUrl: user.baseUrl } : {}),
    ...(user.namespaces ? { namespaces: user.namespaces } : {}),
    level: {
      value: analysis.level.value,
      confidence: analysis.level.confidence,
      reasons: analysis.level.reasons,
      ...(analysis.level.unsure && !analysis.level.overridden ? { unsure: true } : {}),
      provenance: { source: analysis.level.overridden ? "user" : "analysis" },
    },
    fieldSources,
  };
}

/** The config's repositoryUrl, else the one analysis read (package.json `repository` or the git remote). */
function repositoryOf(user: string | undefined, facts: Facts, sources: Record<string, Source>) {
  const found = facts.signals.find((s) => s.name === "repository")?.evidence.snippet;
  const url = user ?? found;
  if (url === undefined) return {};
  sources.repositoryUrl = user === undefined ? "analysis" : "user";
  return { repositoryUrl: url };
}

function hostingFrom(facts: Facts): string | undefined {
  const kinds = new Set(facts.deployFiles.map((d) => d.kind));
  if (kinds.has("kubernetes") || kinds.has("helm")) return "kubernetes";
  if (kinds.has("cloudfoundry")) return "cloud-foundry";
  if (kinds.has("serverless") || kinds.has("sam")) return "aws-lambda";
  if (kinds.has("app-engine")) return "app-engine";
  return undefined;
}

function ciPlatformFrom(facts: Facts): CiPlatform | undefined {
  const kinds = new Set(facts.ciFiles.map((c) => c.kind));
  if (kinds.has("gitlab-ci") && !kinds.has("github-actions")) return "gitlab";
  return kinds.has("github-actions") ? "github" : undefined;
}
