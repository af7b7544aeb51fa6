import type { CiPlatform } from "./schemas.js";
import { access } from "node:fs/promises";
import path from "node:path";
import type { Analysis, AnalyseOptions } from "./analyse/index.js";
import { assertDirectory } from "./scan/inventory.js";
import { isInside } from "./scan/safe-read.js";
import { loadBaseline, sharedCoreBaseline } from "./profile/baseline.js";
import { findConfig, loadConfig } from "./profile/config-io.js";
import type { GovopsConfig } from "./profile/config.js";
import { mergeProfile, type AiProposals } from "./profile/merge.js";
import { DEFAULT_PROFILE_PATH, loadProfile, saveProfile } from "./profile/io.js";
import type { CiMode, Profile } from "./profile/schema.js";
import { generatePack } from "./packs/index.js";
import { repoTemplateDirs, type GenerateResult } from "./render/index.js";
import { checkByoQueries } from "./check/byo-queries.js";
import { checkPack, type CheckResult } from "./check/index.js";
import { enrichProfile, type AiOptions, type EnrichResult } from "./ai/index.js";

/** Analyses a repository. The parser loads on first use, so `check` and `generate` with a profile start fast. */
export async function analyse(dir: string, options?: AnalyseOptions): Promise<Analysis> {
  return (await import("./analyse/index.js")).analyse(dir, options);
}
export { loadProfile, saveProfile } from "./profile/io.js";
export { profileSchema } from "./profile/schema.js";
export type { Profile } from "./profile/schema.js";
export type { Facts } from "./analyse/facts.js";
export { mergeProfile, aiProposalsSchema, type AiProposals, type MergeInput } from "./profile/merge.js";
export { configSchema, type GovopsConfig } from "./profile/config.js";
export { GovopsError, ExitCode } from "./errors.js";

export interface AnalyseServiceOptions extends Pick<AnalyseOptions, "level" | "onProgress" | "maxFileBytes"> {
  /** Profile file. Default: <dir>/ops/profile.yaml. */
  profilePath?: string;
  /** Write the profile file. Default true. */
  write?: boolean;
  /** Called with the classification (all five scores and each signal in words), for the CLI summary. */
  onLevel?: (level: Analysis["level"]) => void;
  /** govops.config.yaml to merge. Default: <dir>/govops.config.yaml (or .yml) when present; false to ignore. */
  config?: string | false;
  /** AI proposals to merge below analysis and the user's config. */
  ai?: AiProposals;
  /**
   * Opt-in: ask a language model for proposals, or replay the answer recorded under .govops/ai/.
   * Default: on only when govops.config.yaml has `ai.enabled: true`; `false` turns it off regardless.
   */
  enrich?: AiOptions | false;
  /** Logging for AI enrichment switched on by the config rather than by `enrich`. */
  aiLog?: Pick<AiOptions, "warn" | "info">;
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Whether and how to ask for AI proposals: flags win over the config's `ai` section; off unless one opts in. */
function aiRequest(options: AnalyseServiceOptions, fromConfig: GovopsConfig["ai"]): AiOptions | undefined {
  if (options.enrich === false) return undefined;
  if (!options.enrich && !fromConfig?.enabled) return undefined;
  const settings = {
    model: fromConfig?.model,
    maxTokens: fromConfig?.maxTokens,
    timeoutMs: fromConfig?.timeoutMs,
    maxRetries: fromConfig?.maxRetries,
  };
  return { ...definedOnly(settings), ...(options.enrich ? definedOnly(options.enrich) : options.aiLog) };
}

export async function analyseService(
  dir: string,
  options: AnalyseServiceOptions = {},
): Promise<{ profile: Profile; profilePath: string; enrichment?: EnrichResult }> {
  const root = await assertDirectory(dir);
  const configFile = options.config === false ? undefined : await findConfig(root, options.config);
  const config = configFile ? await loadConfig(configFile) : undefined;
  const level = options.level ?? (config?.config.service?.level as AnalyseOptions["level"]);
  const result = await analyse(root, { ...options, level });
  options.onLevel?.(result.level);
  const baseline = result.level.unsure
    ? await sharedCoreBaseline(result.level.value)
    : await loadBaseline(result.level.value);
  const merged = mergeProfile({ analysis: result, baseline, config, ai: options.ai });
  const enrich = aiRequest(options, config?.config.ai);
  const enriched = enrich
    ? await enrichProfile(
        root,
        merged,
        (ai) => mergeProfile({ analysis: result, baseline, config, ai }),
        enrich,
      )
    : undefined;
  const profile = enriched?.profile ?? merged;
  const profilePath = path.resolve(options.profilePath ?? path.join(root, DEFAULT_PROFILE_PATH));
  if (options.write !== false) await saveProfile(profilePath, profile, root);
  return { profile, profilePath, ...(enriched ? { enrichment: enriched.ai } : {}) };
}

export interface GenerateServiceOptions {
  profilePath?: string;
  /** Output directory. Default: the service directory. */
  outDir?: string;
  templates?: string;
  dryRun?: boolean;
  force?: boolean;
  ciPlatform?: CiPlatform;
  /** CI mode, saved in the profile's `delivery.ci` so `check` renders the same. Default: the profile's. */
  ci?: CiMode;
  onProgress?: (message: string) => void;
  /** Things a person should know that do not stop the run, e.g. a validator that could not run. */
  onWarning?: (message: string) => void;
  /** govops.config.yaml to merge when there is no profile yet and the service is analysed first. */
  config?: string;
}

/** Renders the pack; analyses first when the service has no profile yet. */
/**
 * The profile a pack is rendered from: the one named, else the service's own, else (for a pack written
 * elsewhere with --out) the one beside that pack, so `--out` never writes into the service.
 */
async function resolveProfilePath(root: string, outDir: string, explicit?: string): Promise<string> {
  if (explicit) return path.resolve(explicit);
  const inService = path.join(root, DEFAULT_PROFILE_PATH);
  const exists = await access(inService).then(
    () => true,
    () => false,
  );
  return exists || outDir === root ? inService : path.join(outDir, DEFAULT_PROFILE_PATH);
}

/** The service or output folder a profile sits in, so a symlink out of it is refused; else the file's own folder. */
function folderHolding(file: string, folders: string[]): string {
  return folders.find((dir) => isInside(dir, file)) ?? path.dirname(file);
}

/** Renders the pack; analyses first when the service has no profile yet. */
export async function generate(
  dir: string,
  options: GenerateServiceOptions = {},
): Promise<GenerateResult & { profilePath: string; analysed: boolean; profile: Profile }> {
  const root = await assertDirectory(dir);
  const outDir = path.resolve(options.outDir ?? root);
  const profilePath = await resolveProfilePath(root, outDir, options.profilePath);
  const analysed = !(await access(profilePath).then(
    () => true,
    () => false,
  ));
  if (analysed) options.onProgress?.("no profile yet: analysing the repository first");
  const loaded = analysed
    ? (
        await analyseService(root, {
          profilePath,
          config: options.config,
          onProgress: options.onProgress,
          write: !options.dryRun,
        })
      ).profile
    : await loadProfile(profilePath, folderHolding(profilePath, [root, outDir]));
  const profile =
    options.ci && options.ci !== loaded.delivery?.ci
      ? { ...loaded, delivery: { ...loaded.delivery, ci: options.ci } }
      : loaded;
  if (profile !== loaded && !options.dryRun) await saveProfile(profilePath, profile, root);
  await checkByoQueries(profile, options.onWarning ?? (() => {}));
  const result = await generatePack(profile, {
    outDir,
    templateDirs: await repoTemplateDirs(root, options.templates ? [path.resolve(options.templates)] : []),
    dryRun: options.dryRun,
    force: options.force,
    ciPlatform: options.ciPlatform,
  });
  return { ...result, profilePath, analysed, profile };
}

export interface CheckServiceOptions {
  profilePath?: string;
  outDir?: string;
  templates?: string;
  ciPlatform?: CiPlatform;
  onProgress?: (message: string) => void;
}

export async function check(dir: string, options: CheckServiceOptions = {}): Promise<CheckResult> {
  const root = await assertDirectory(dir);
  const outDir = path.resolve(options.outDir ?? root);
  const profilePath = await resolveProfilePath(root, outDir, options.profilePath);
  return checkPack({
    profilePath,
    profileRoot: folderHolding(profilePath, [root, outDir]),
    outDir,
    templateDirs: await repoTemplateDirs(root, options.templates ? [path.resolve(options.templates)] : []),
    ciPlatform: options.ciPlatform,
    onProgress: options.onProgress,
  });
}
