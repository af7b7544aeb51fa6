import path from "node:path";
import { classify } from "./classify.js";
import type { DetectorContext, Manifest, PackageInfo, TextFile } from "./context.js";
import type { FileIndex } from "../scan/source-index.js";
import { ev } from "./context.js";
import type { Detector } from "./detector.js";
import type { PackageSummary } from "./facts.js";
import { finish } from "./finish.js";
import { workspacePackages } from "./manifests.js";
import { runDetectors } from "./run-detectors.js";

/**
 * Each workspace package analysed on its own files, so a monorepo's services are named and told apart.
 * Evidence paths stay relative to the analysed root, like the top-level facts.
 */
export function analysePackages(
  ctx: DetectorContext,
  detectors: readonly Detector[],
  sanitise: (name: string) => string,
): PackageSummary[] | undefined {
  const members = workspacePackages(ctx.manifests);
  if (members.length === 0) return undefined;
  const root = ctx.manifests.find((m) => m.dir === "");
  const owner = ownerOf(members);
  const parts = new Map(
    members.map((m) => [
      m,
      { sources: [] as FileIndex[], textFiles: [] as TextFile[], paths: [] as string[] },
    ]),
  );
  for (const s of ctx.sources) parts.get(owner(s.rel)!)?.sources.push(s);
  for (const f of ctx.textFiles) parts.get(owner(f.rel)!)?.textFiles.push(f);
  for (const p of ctx.paths) parts.get(owner(p)!)?.paths.push(p);
  const summarising = detectors.filter((d) => !NOT_SUMMARISED.has(d.id));
  return members.map((member) => {
    const sub: DetectorContext = {
      root: ctx.root,
      ...parts.get(member)!,
      packages: declared(ctx, member, root),
      manifests: ctx.manifests.filter((m) => m === member || m === root),
    };
    const facts = finish(runDetectors(sub, summarising), sub.sources, sub.textFiles);
    const level = classify({ ...facts, skipped: [], stats: { files: 0, sourceFiles: 0, lines: 0 } });
    return {
      name: sanitise(member.name ?? path.posix.basename(member.dir)),
      path: member.dir,
      role: facts.frameworks.length > 0 || facts.routes.length > 0 ? "service" : "library",
      level: { value: level.value, confidence: level.confidence },
      frameworks: [...new Set(facts.frameworks.map((f) => f.name))],
      routes: facts.routes.length,
      datastores: [...new Set(facts.datastores.map((d) => d.kind))],
      integrations: facts.integrations.map((i) => i.name),
      auth: facts.auth.map((a) => a.kind),
      envVars: facts.envVars.map((e) => e.name),
      evidence: ev(member.file, 1),
    };
  });
}

/**
 * Detectors whose findings the package summary neither shows nor scores (personal data, readiness, deploy and CI
 * files, the repository, and signals no archetype weighs): skipped to keep a monorepo near one parse.
 */
export const NOT_SUMMARISED = new Set([
  "personal-data",
  "readiness",
  "deploy-ci",
  "auth-scope",
  "repository",
  "repo-conventions",
  "helm",
  "deploy-namespaces",
]);

/** The deepest workspace package a path belongs to, if any. */
function ownerOf(members: Manifest[]): (rel: string) => Manifest | undefined {
  const byDepth = members
    .map((m) => ({ m, prefix: `${m.dir}/` }))
    .sort((a, b) => b.prefix.length - a.prefix.length);
  return (rel) => byDepth.find((x) => rel.startsWith(x.prefix))?.m;
}

/** The package's own dependencies and the root's, which workspaces hoist. */
function declared(
  ctx: DetectorContext,
  member: Manifest,
  root: Manifest | undefined,
): Map<string, PackageInfo> {
  const packages = new Map<string, PackageInfo>();
  for (const m of [member, root]) {
    for (const name of m?.deps ?? []) {
      const info = ctx.packages.get(name);
      if (info && !packages.has(name)) packages.set(name, info);
    }
  }
  return packages;
}
