import path from "node:path";
import { z } from "zod";
import { AI_CACHE_DIR } from "./cache.js";

/** Current, and not on the SDK's deprecation list (@anthropic-ai/sdk 1.10.0). */
export const DEFAULT_MODEL = "claude-sonnet-5-5";
export const DEFAULT_BASE_URL = "https://api.anthropic.com";

/** AI settings as a user writes them (CLI flags or the `ai` section of a config). */
export const aiSettingsSchema = z
  .object({
    /** Model id. Default: claude-sonnet-5-5. */
    model: z.string().min(1).default(DEFAULT_MODEL),
    /** Token budget per run, input and output together, across every attempt. Default 40000. */
    maxTokens: z.number().int().min(1000).max(1_000_000).default(40_000),
    /**
     * Time limit in milliseconds for the whole AI step: every request, retry and wait a server asks
     * for. Default 120000, room for a long answer and one corrected one.
     */
    timeoutMs: z.number().int().min(1).max(600_000).default(120_000),
    /** Retries after a 408, 409, 429, 5xx or lost connection, within the time limit. Default 2. */
    maxRetries: z.number().int().min(0).max(10).default(2),
  })
  .strict();

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
    warn: options.warn ?? (() => {}),
    info: options.info ?? (() => {}),
  };
}
