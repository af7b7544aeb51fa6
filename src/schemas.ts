import { z } from "zod";

/** Small schemas every stage shares, so each is defined once (analysis, profile, config, CLI options). */

/** The CI platforms govops writes pipelines for. */
export const ciPlatformSchema = z.enum(["github", "gitlab"]);
export type CiPlatform = z.infer<typeof ciPlatformSchema>;

/** An archetype level: 1 forms, 2 dashboard, 3 enquiry management, 4 PQ tracker / legacy, 5 rules engine. */
export const levelSchema = z.number().int().min(1).max(5);
export type Level = 1 | 2 | 3 | 4 | 5;
