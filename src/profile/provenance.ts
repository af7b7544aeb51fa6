import type { Profile } from "./schema.js";

/** Model, request hash and answer hash of every AI answer the profile still carries items from. */
export function aiAnswersIn(
  profile: Profile,
): Array<{ model: string; requestHash: string; answerHash: string }> {
  const items = [
    ...profile.journeys,
    ...profile.dependencies,
    ...profile.failureModes,
    ...profile.peakPeriods,
    ...profile.changeFreezes,
  ];
  const seen = new Map<string, { model: string; requestHash: string; answerHash: string }>();
  for (const { provenance } of items) {
    const ai = provenance.ai;
    if (ai && !seen.has(ai.requestHash))
      seen.set(ai.requestHash, {
        model: ai.model,
        requestHash: ai.requestHash,
        answerHash: ai.answerHash ?? "",
      });
  }
  return [...seen.values()].sort((a, b) => a.requestHash.localeCompare(b.requestHash));
}

/** The manifest's `ai` field: only present when the profile holds AI items, so other manifests stay as they were. */
export function aiManifestEntry(profile: Profile): { ai?: ReturnType<typeof aiAnswersIn> } {
  const ai = aiAnswersIn(profile);
  return ai.length ? { ai } : {};
}
