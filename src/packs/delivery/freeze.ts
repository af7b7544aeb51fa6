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
    ...profile.changeFreezes.map(window("change freeze")),
    ...profile.peakPeriods.map(window("peak period")),
  ];
}

/** Both ends in one form: a calendar date and an annual date become two calendar dates. */
function startAndEnd(start: string, end: string): { start: string; end: string } {
  const span = normalisePeriod(start, end);
  return { start: span.start, end: span.end };
}
