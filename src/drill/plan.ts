import { GovopsError } from "../errors.js";
import type { Dependency, Journey, Profile } from "../profile/schema.js";
import { proxyable, tcpProxy } from "./proxy.js";
import { stubFor, type Stub } from "./stubs.js";

export type Failure = { kind: "down" | "errors" } | { kind: "burn"; rate: number };

export interface DrillTarget {
  journey: Journey;
  /** The dependency the drill fails; undefined for a burn, which the ingress injects. */
  dependency: Dependency | undefined;
  /** Dependencies with an env var the drill can stand in for, failed or not. */
  stubbed: Dependency[];
}

/** What stands in for a dependency: a stub, or a proxy to the datastore whose URL the user gave. */
export function standIn(
  dependency: Dependency,
  given: Record<string, string | undefined> = {},
): (() => Promise<Stub>) | undefined {
  const url = dependency.envVar ? given[dependency.envVar] : undefined;
  if (dependency.kind === "datastore" && proxyable(url)) return () => tcpProxy(url!);
  return stubFor(dependency);
}

const RANK = { critical: 0, high: 1, medium: 2, low: 3 } as const;

/**
 * Which journey and dependency a drill exercises. Default: the most critical journey, and among its dependencies
 * with an env var the drill can point at a stub, or at a proxy to a datastore whose URL is `given` (the service's
 * environment), datastores first (every request reads them), then by criticality.
 */
export function drillTarget(
  profile: Profile,
  failure: Failure,
  journeyId?: string,
  dependencyId?: string,
  given: Record<string, string | undefined> = {},
): DrillTarget {
  const journeys = [...profile.journeys].sort((a, b) => RANK[a.criticality] - RANK[b.criticality]);
  const journey = journeyId ? profile.journeys.find((j) => j.id === journeyId) : journeys[0];
  if (!journey)
    throw new GovopsError(
      "USAGE",
      journeyId ? `No journey "${journeyId}" in the profile` : "The profile has no journeys to drill",
      `Journeys: ${profile.journeys.map((j) => j.id).join(", ") || "none"}`,
    );
  const stubbed = profile.dependencies.filter((d) => d.envVar && standIn(d, given));
  if (failure.kind === "burn") return { journey, dependency: undefined, stubbed };
  const own = stubbed
    .filter((d) => d.journeys.includes(journey.id))
    .sort(
      (a, b) =>
        Number(b.kind === "datastore") - Number(a.kind === "datastore") ||
        RANK[a.criticality] - RANK[b.criticality],
    );
  const dependency = dependencyId ? profile.dependencies.find((d) => d.id === dependencyId) : own[0];
  if (!dependency)
    throw new GovopsError(
      "USAGE",
      dependencyId
        ? `No dependency "${dependencyId}" in the profile`
        : `Journey "${journey.id}" has no dependency the drill can stand in for`,
      `Drillable: ${own.map((d) => d.id).join(", ") || "none"}; or use --failure burn.`,
    );
  if (!stubbed.includes(dependency))
    throw new GovopsError(
      "USAGE",
      `The drill cannot stand in for "${dependency.id}" (${dependency.type}${dependency.envVar ? "" : ", no env var"})`,
      `It stubs HTTP APIs and Redis named by an env var, and proxies a datastore whose URL you give with --env ${dependency.envVar ?? "NAME"}=<url>. Drillable: ${stubbed.map((d) => d.id).join(", ") || "none"}; or use --failure burn.`,
    );
  return { journey, dependency, stubbed };
}
