import path from "node:path";
import { classify } from "./classify.js";
import type { DetectorContext, Manifest, PackageInfo } from "./context.js";
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
  return members.map((member) => {
    const sub = subContext(ctx, member, root);
    const facts = finish(runDetectors(sub, detectors), sub.sources);
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

function subContext(ctx: DetectorContext, member: Manifest, root: Manifest | undefined): DetectorContext {
  const inside = (rel: string) => rel.startsWith(`${member.dir}/`);
  const packages = new Map<string, PackageInfo>();
  // Hoisted dependencies declared at the root count for every package.
  for (const m of [member, root]) {
    for (const name of m?.deps ?? []) {
      const info = ctx.packages.get(name);
      if (info && !packages.has(name)) packages.set(name, info);
    }
  }
  return {
    root: ctx.root,
    sources: ctx.sources.filter((s) => inside(s.rel)),
    textFiles: ctx.textFiles.filter((f) => inside(f.rel)),
    paths: ctx.paths.filter(inside),
    packages,
    manifests: ctx.manifests.filter((m) => m === member || m === root || inside(m.dir)),
  };
}
