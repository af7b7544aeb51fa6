import path from "node:path";
import { z } from "zod";
import { AI_CACHE_DIR } from "./cache.js";
import { DEFAULT_MODEL, aiSettingsSchema } from "../schemas.js";

export { DEFAULT_MODEL, aiSettingsSchema };
export const DEFAULT_BASE_URL = "https://api.anthropic.com";

export type AiSettings = z.infer<typeof aiSettingsSchema>;

export interface AiOptions extends Partial<AiSettings> {
  /** Print what would be sent and send nothing. */
  dryRun?: boolean;
  /** Default: ANTHROPIC_API_KEY. */
  apiKey?: string;
  /** Default: ANTHROPIC_BASE_URL, then https://api.anthropic.com. */
  baseURL?: string;
  /** Where answers are recorded. Default: <service>/.govops/ai. */
  cacheDir?: string;
  warn?: (message: string) => void;
  info?: (message: string) => void;
}

export interface ResolvedAiOptions extends AiSettings {
  dryRun: boolean;
  apiKey: string | undefined;
  baseURL: string;
  cacheDir: string;
  /** The folder the cache must stay inside: the service, or the cache folder itself when one was named. */
  cacheRoot: string;
  warn: (message: string) => void;
  info: (message: string) => void;
}

export function resolveAiOptions(root: string, options: AiOptions, env = process.env): ResolvedAiOptions {
  const settings = aiSettingsSchema.parse({
    model: options.model,
    maxTokens: options.maxTokens,
    timeoutMs: options.timeoutMs,
    maxRetries: options.maxRetries,
  });
  return {
    ...settings,
    dryRun: options.dryRun ?? false,
    apiKey: options.apiKey ?? (env.ANTHROPIC_API_KEY || undefined),
    baseURL: options.baseURL ?? (env.ANTHROPIC_BASE_URL || DEFAULT_BASE_URL),
    cacheDir: path.resolve(options.cacheDir ?? path.join(root, AI_CACHE_DIR)),
    cacheRoot: path.resolve(options.cacheDir ?? root),
    warn: options.warn ?? (() => {}),
    info: options.info ?? (() => {}),
  };
}
