import { z } from "zod";

/** Small schemas every stage shares, so each is defined once (analysis, profile, config, CLI options). */

/** The CI platforms govops writes pipelines for. */
export const ciPlatformSchema = z.enum(["github", "gitlab"]);
export type CiPlatform = z.infer<typeof ciPlatformSchema>;

/** An archetype level: 1 forms, 2 dashboard, 3 enquiry management, 4 PQ tracker / legacy, 5 rules engine. */
export const levelSchema = z.number().int().min(1).max(5);
export type Level = 1 | 2 | 3 | 4 | 5;

/** Current, and not on the SDK's deprecation list (@anthropic-ai/sdk 1.10.0). */
export const DEFAULT_MODEL = "claude-sonnet-5-5";

/** Each AI setting's bounds, shared by the config's `ai` section, the CLI flags and the resolved settings. */
export const aiSetting = {
  /** Model id. */
  model: z.string().min(1),
  /** Token budget per run, input and output together, across every attempt. */
  maxTokens: z.number().int().min(1000).max(1_000_000),
  /** Time limit in milliseconds for the whole AI step: every request, retry and wait a server asks for. */
  timeoutMs: z.number().int().min(1).max(600_000),
  /** Retries after a 408, 409, 429, 5xx or lost connection, within the time limit. */
  maxRetries: z.number().int().min(0).max(10),
};

/** AI settings with their defaults (a 120 s limit leaves room for a long answer and one corrected one). */
export const aiSettingsSchema = z
  .object({
    model: aiSetting.model.default(DEFAULT_MODEL),
    maxTokens: aiSetting.maxTokens.default(40_000),
    timeoutMs: aiSetting.timeoutMs.default(120_000),
    maxRetries: aiSetting.maxRetries.default(2),
  })
  .strict();

/** The `ai` section of govops.config.yaml: off unless `enabled`; unset settings take the defaults above. */
export const aiConfigSchema = z.object(aiSetting).partial().extend({ enabled: z.boolean() }).strict();
