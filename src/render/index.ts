import path from "node:path";
import { stat } from "node:fs/promises";
import { profileToYaml } from "../profile/io.js";
import type { Profile } from "../profile/schema.js";
import { VERSION } from "../version.js";
import { createEngine } from "./engine.js";
import { readManifest, sha256, type Manifest } from "./manifest.js";
import { planPack, renderPack, type PlanEntry, type RenderedFile } from "./plan.js";
import type { RenderOptions } from "./target.js";
import { targets as builtIn } from "./targets/index.js";
import { writePack } from "./write.js";
import { aiManifestEntry } from "../ai/proposals.js";

export interface GenerateOptions extends RenderOptions {
  /** Where the pack is written. Default: the service directory. */
  outDir: string;
  /** Template folders that override the bundled ones, most specific first. */
  templateDirs?: string[];
  /** Print the plan, write nothing. */
  dryRun?: boolean;
  /** Overwrite files people edited. */
  force?: boolean;
}

export interface GenerateResult {
  plan: PlanEntry[];
  files: RenderedFile[];
  manifest?: Manifest;
}

/** The templates folder a repository may carry to adapt the pack: `.govops/templates`. */
export async function repoTemplateDirs(serviceDir: string, extra: string[] = []): Promise<string[]> {
  const local = path.join(serviceDir, ".govops", "templates");
  const exists = await stat(local)
    .then((s) => s.isDirectory())
    .catch(() => false);
  return [...extra, ...(exists ? [local] : [])];
}

export async function renderProfile(
  profile: Profile,
  options: Pick<GenerateOptions, "templateDirs" | "ciPlatform">,
): Promise<RenderedFile[]> {
  const engine = await createEngine(options.templateDirs ?? []);
  return renderPack(profile, engine, builtIn, options);
}

export async function generatePack(profile: Profile, options: GenerateOptions): Promise<GenerateResult> {
  const files = await renderProfile(profile, options);
  const previous = await readManifest(options.outDir);
  const plan = await planPack(options.outDir, files, previous, options.force);
  if (options.dryRun) return { plan, files };
  const header = {
    generator: "govops" as const,
    version: VERSION,
    profileSha256: sha256(profileToYaml(profile)),
    ...aiManifestEntry(profile),
  };
  const manifest = await writePack(options.outDir, plan, files, header, previous);
  return { plan, files, manifest };
}
