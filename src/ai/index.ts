import type { AiProposals } from "../profile/merge.js";
import type { Profile } from "../profile/schema.js";
import { proposeEnrichment, type EnrichResult } from "./enrich.js";
import { resolveAiOptions, type AiOptions } from "./options.js";

export { DEFAULT_MODEL, aiSettingsSchema, type AiOptions, type AiSettings } from "./options.js";
export { aiAnswersIn } from "../profile/provenance.js";
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
  return { profile: ai.proposals ? markAiWording(merge(ai.proposals), ai.proposals) : base, ai };
}

/**
 * Provenance is per item, and a journey's item provenance stays with analysis when the AI only
 * words it. Note the answer on such journeys, so the profile and the manifest say AI text is there.
 */
function markAiWording(profile: Profile, proposals: AiProposals): Profile {
  const journeys = profile.journeys.map((journey) => {
    const proposed = proposals.journeys?.find((p) => p.id === journey.id);
    const worded =
      proposed && (journey.name === proposed.name || journey.description === proposed.description);
    if (!worded || journey.provenance.ai) return journey;
    return { ...journey, provenance: { ...journey.provenance, ai: proposed.provenance.ai } };
  });
  return { ...profile, journeys };
}
