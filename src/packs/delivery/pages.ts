import type { Journey, Profile } from "../../profile/schema.js";

export interface PageJourney {
  id: string;
  name: string;
  /** Paths the accessibility and page-speed checks open: GET routes without parameters or file extensions. */
  paths: string[];
  /** GET routes left out because they need an identifier or a session; tested by hand. */
  skipped: string[];
}

const DASHBOARD_WORDS = /\/(dashboard|statistics|stats|charts?)(\/|$)/;

function isPagePath(path: string): boolean {
  return !path.includes(":") && !path.includes("*") && !/\.[a-z0-9]+$/i.test(path);
}

/**
 * Journeys whose pages citizens see. The profile's `servesPages` decides; a dashboard's server-rendered
 * views carry no template library for analysis to find, so dashboard routes count as pages too.
 */
export function pageJourneys(profile: Profile): PageJourney[] {
  const dataViews = profile.facts.signals.some((s) => s.name === "data-views");
  const isPageJourney = (j: Journey) =>
    j.servesPages || (dataViews && j.entryRoutes.some((r) => DASHBOARD_WORDS.test(r.path)));
  return profile.journeys.filter(isPageJourney).flatMap((j) => {
    const gets = [...new Set(j.entryRoutes.filter((r) => r.method === "GET").map((r) => r.path))];
    const paths = gets.filter(isPagePath);
    return paths.length
      ? [{ id: j.id, name: j.name, paths, skipped: gets.filter((p) => !isPagePath(p)) }]
      : [];
  });
}

/** Every page path once, in journey order. */
export function pagePaths(journeys: PageJourney[]): string[] {
  return [...new Set(journeys.flatMap((j) => j.paths))];
}
