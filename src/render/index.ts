import path from "node:path";
import { stat } from "node:fs/promises";
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

/** The templates folder a repository may carry to adapt the pack: `.govops/templates`. */
export async function repoTemplateDirs(serviceDir: string, extra: string[] = []): Promise<string[]> {
  const local = path.join(serviceDir, ".govops", "templates");
  const exists = await stat(local)
    .then((s) => s.isDirectory())
    .catch(() => false);
  return [...extra, ...(exists ? [local] : [])];
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

export async function generatePacks(
  profile: Profile,
  packs: readonly Pack[],
  options: GenerateOptions,
): Promise<GenerateResult> {
  const { plan, files, previous } = await planPacks(profile, packs, options);
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
