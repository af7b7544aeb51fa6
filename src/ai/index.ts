import type { AiProposals } from "../profile/merge.js";
import type { Profile } from "../profile/schema.js";
import { proposeEnrichment, type EnrichResult } from "./enrich.js";
import { resolveAiOptions, type AiOptions } from "./options.js";

export { DEFAULT_MODEL, aiSettingsSchema, type AiOptions, type AiSettings } from "./options.js";
export { aiAnswersIn } from "./proposals.js";
export type { EnrichResult } from "./enrich.js";

/**
 * Opt-in AI enrichment of a deterministic profile. `merge` re-runs the profile merge with the
 * proposals as its AI layer, so precedence stays in one place (src/profile/merge.ts).
 */
export async function enrichProfile(
  root: string,
  base: Profile,
  merge: (proposals: AiProposals) => Profile,
  options: AiOptions,
): Promise<{ profile: Profile; ai: EnrichResult }> {
  const ai = await proposeEnrichment(base, resolveAiOptions(root, options));
  return { profile: ai.proposals ? merge(ai.proposals) : base, ai };
}
