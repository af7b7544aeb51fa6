import type { FailureMode, Profile } from "../../profile/schema.js";
import { dashboardModel } from "../monitoring/dashboard.js";
import { relatedDependencies } from "./diagnosis.js";
import { prose } from "../shared/format.js";

/** Titles of the dashboard panels that show a failure mode: its journeys' burn rates, and dependency health. */
export function panelsFor(profile: Profile, fm: FailureMode, dashboard: boolean): string[] {
  if (!dashboard) return [];
  const titles = dashboardModel(profile)
    .panels.filter((p) => (p as { type?: string }).type !== "row")
    .map((p) => (p as { title?: string }).title ?? "");
  const journeys = profile.journeys.filter((j) => fm.affects.journeys.includes(j.id));
  const deps = fm.id.endsWith("-slo-burn") ? [] : relatedDependencies(profile, fm);
  return titles
    .filter(
      (t) =>
        journeys.some((j) => t.startsWith(`${j.name}:`) && t.endsWith("burn rate")) ||
        (deps.length > 0 && /^Dependency calls/.test(t)) ||
        (deps.some((d) => d.kind === "datastore") && /pool/i.test(t)),
    )
    .map(prose);
}
