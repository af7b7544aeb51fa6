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
    ...sameForm(p.start, p.end),
  });
  return [
    ...profile.changeFreezes.map(window("change freeze")),
    ...profile.peakPeriods.map(window("peak period")),
  ];
}

/** A window given as one calendar date and one annual date takes the calendar date's year for both. */
function sameForm(start: string, end: string): { start: string; end: string } {
  const year = (d: string) => (d.length === 10 ? Number(d.slice(0, 4)) : undefined);
  const [ys, ye] = [year(start), year(end)];
  if (ys !== undefined && ye === undefined) {
    const e = `${ys}-${end}`;
    return { start, end: e < start ? `${ys + 1}-${end}` : e };
  }
  if (ys === undefined && ye !== undefined) {
    const s = `${ye}-${start}`;
    return { start: s > end ? `${ye - 1}-${start}` : s, end };
  }
  return { start, end };
}
