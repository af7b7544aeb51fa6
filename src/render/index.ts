import { stat } from "node:fs/promises";
import { GovopsError } from "../errors.js";
import { acquireLock } from "../fs/lock.js";
import { realFolder, repoFolder } from "../fs/safe.js";
import { profileToYaml } from "../profile/io.js";
import type { Profile } from "../profile/schema.js";
import { aiManifestEntry } from "../profile/provenance.js";
import { VERSION } from "../version.js";
import { createEngine } from "./engine.js";
import { readManifest, sha256, type Manifest } from "./manifest.js";
import { planPack, renderPack, type PlanEntry, type RenderedFile } from "./plan.js";
import type { Pack, RenderOptions } from "./pack.js";
import { writePack } from "./write.js";

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

/** Renders the given packs in memory. */
export async function renderPacks(
  profile: Profile,
  packs: readonly Pack[],
  options: Pick<GenerateOptions, "templateDirs" | "ciPlatform">,
): Promise<RenderedFile[]> {
  const engine = await createEngine(options.templateDirs ?? []);
  return renderPack(profile, engine, packs, options);
}

/** What writing the rendered packs into `outDir` would do: the plan `generate` carries out and `check` reports. */
export async function planPacks(
  profile: Profile,
  packs: readonly Pack[],
  options: GenerateOptions,
): Promise<{ plan: PlanEntry[]; files: RenderedFile[]; previous?: Manifest }> {
  const files = await renderPacks(profile, packs, options);
  const previous = await readManifest(options.outDir);
  const plan = await planPack(options.outDir, files, previous, options.force);
  return { plan, files, previous };
}

/** Renders, plans and (unless a dry run) writes the packs, holding the output folder's lock from plan to manifest. */
export async function generatePacks(
  profile: Profile,
  packs: readonly Pack[],
  options: GenerateOptions,
): Promise<GenerateResult> {
  if (options.dryRun) {
    const { plan, files } = await planPacks(profile, packs, options);
    return { plan, files };
  }
  const outDir = await realFolder(options.outDir);
  const release = await acquireLock(outDir);
  try {
    const { plan, files, previous } = await planPacks(profile, packs, { ...options, outDir });
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
