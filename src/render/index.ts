import { stat } from "node:fs/promises";
import { GovopsError } from "../errors.js";
import { acquireLock } from "../fs/lock.js";
import { realFolder, repoFolder } from "../fs/safe.js";
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

/**
 * The template folders for a service: those the user named (which must exist), then the repository's own
 * `.govops/templates`, which must be a real folder inside it, never a link to one elsewhere.
 */
export async function repoTemplateDirs(serviceDir: string, extra: string[] = []): Promise<string[]> {
  for (const dir of extra) {
    const isDir = await stat(dir)
      .then((s) => s.isDirectory())
      .catch(() => false);
    if (!isDir)
      throw new GovopsError(
        "USAGE",
        `Template folder not found: ${dir}`,
        "Pass --templates a folder of .hbs files.",
      );
  }
  const local = await repoFolder(serviceDir, ".govops/templates");
  return [...extra, ...(local ? [local] : [])];
}

export async function renderProfile(
  profile: Profile,
  options: Pick<GenerateOptions, "templateDirs" | "ciPlatform">,
): Promise<RenderedFile[]> {
  const engine = await createEngine(options.templateDirs ?? []);
  return renderPack(profile, engine, builtIn, options);
}

/** Renders, plans and (unless a dry run) writes the pack, holding the output folder's lock from plan to manifest. */
export async function generatePack(profile: Profile, options: GenerateOptions): Promise<GenerateResult> {
  const files = await renderProfile(profile, options);
  if (options.dryRun) {
    const plan = await planPack(options.outDir, files, await readManifest(options.outDir), options.force);
    return { plan, files };
  }
  const outDir = await realFolder(options.outDir);
  const release = await acquireLock(outDir);
  try {
    const previous = await readManifest(outDir);
    const plan = await planPack(outDir, files, previous, options.force);
    const header = {
      generator: "govops" as const,
      version: VERSION,
      profileSha256: sha256(profileToYaml(profile)),
      ...aiManifestEntry(profile),
    };
    const manifest = await writePack(outDir, plan, files, header, previous);
    return { plan, files, manifest };
  } finally {
    await release();
  }
}
