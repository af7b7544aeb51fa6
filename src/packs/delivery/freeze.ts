import { normalisePeriod } from "../../profile/dates.js";
import type { Period, Profile } from "../../profile/schema.js";

export interface FreezeWindow {
  id: string;
  name: string;
  kind: "change freeze" | "peak period";
  /** YYYY-MM-DD or MM-DD (every year), inclusive. */
  start: string;
  end: string;
}

/** Windows the team set (govops.config.yaml or init): only these block a deploy. */
const teamSet = (p: Period) => p.provenance.source === "user";

/**
 * Archetype calendar windows the team has not adopted: suggestions, never a gate. A team adopts one by
 * naming its id under `changeFreezes` or `peakPeriods` in govops.config.yaml.
 */
export function suggestedWindows(profile: Profile): Period[] {
  return [...profile.changeFreezes, ...profile.peakPeriods].filter((p) => !teamSet(p));
}

/** One line per window, `kind|start|end|name`, as the freeze gate script reads them. */
export function freezeWindows(profile: Profile): FreezeWindow[] {
  const window = (kind: FreezeWindow["kind"]) => (p: Period) => ({
    id: p.id,
    // The gate splits lines on "|": keep names to one safe line.
    name: p.name
      .replace(/[|\r\n]+/g, " ")
      .replace(/\s+/g, " ")
      .trim(),
    kind,
    ...startAndEnd(p.start, p.end),
  });
  return [
    ...profile.changeFreezes.filter(teamSet).map(window("change freeze")),
    ...profile.peakPeriods.filter(teamSet).map(window("peak period")),
  ];
}

/** Both ends in one form: a calendar date and an annual date become two calendar dates. */
function startAndEnd(start: string, end: string): { start: string; end: string } {
  const span = normalisePeriod(start, end);
  return { start: span.start, end: span.end };
}
