import type { Journey, Profile } from "../../profile/schema.js";

export interface LoadJourney {
  id: string;
  /** A JavaScript identifier for the k6 scenario's exec function. */
  fn: string;
  name: string;
  paths: string[];
  /** k6 threshold expressions keyed by metric, from the journey's SLO. */
  thresholds: Record<string, string[]>;
  normalRate: number;
  peakRate: number;
}

export interface LoadModel {
  journeys: LoadJourney[];
  peakMultiplier: number;
  peakSource: string;
  /** Routes the load test leaves out: writes and routes needing identifiers. */
  leftOut: string[];
}

/** Requests per second a journey gets when the profile records no peak traffic for it. */
const DEFAULT_RATE: Record<Journey["criticality"], number> = { critical: 5, high: 2, medium: 1, low: 1 };

/** Without declared peak periods, test at twice normal load: headroom for unplanned surges. */
const HEADROOM = 2;

function percentile(ratio: number): string {
  return String(Math.round(ratio * 1000) / 10);
}

export function peakMultiplier(profile: Profile): { value: number; source: string } {
  const periods = [...profile.peakPeriods].filter((p) => p.trafficMultiplier);
  const top = periods.sort((a, b) => b.trafficMultiplier! - a.trafficMultiplier!)[0];
  if (top)
    return {
      value: top.trafficMultiplier!,
      source: `peak period "${top.name}" (${top.start} to ${top.end})`,
    };
  return {
    value: HEADROOM,
    source: "no peak period with a traffic multiplier: twice normal load as headroom",
  };
}

/** A load test per critical journey: thresholds from its SLO, rates from the profile's peak traffic and periods. */
export function loadModel(profile: Profile): LoadModel {
  const peak = peakMultiplier(profile);
  const leftOut: string[] = [];
  const journeys = profile.journeys.flatMap((j): LoadJourney[] => {
    const paths = [
      ...new Set(j.entryRoutes.filter((r) => r.method === "GET" && !r.path.includes(":")).map((r) => r.path)),
    ];
    leftOut.push(
      ...j.entryRoutes
        .filter((r) => r.method !== "GET" || r.path.includes(":"))
        .map((r) => `${r.method} ${r.path}`),
    );
    if (paths.length === 0) return [];
    const normal = j.peakTraffic?.requestsPerSecond ?? DEFAULT_RATE[j.criticality];
    const tag = `journey:${j.id}`;
    return [
      {
        id: j.id,
        fn: `journey_${j.id.replace(/-/g, "_")}`,
        name: j.name,
        paths,
        thresholds: {
          [`http_req_failed{${tag}}`]: [`rate<${Math.round((1 - j.slo.availability) * 100000) / 100000}`],
          [`http_req_duration{${tag}}`]: [
            `p(${percentile(j.slo.latency.target)})<${j.slo.latency.thresholdMs}`,
          ],
        },
        normalRate: Math.max(1, Math.round(normal)),
        peakRate: Math.max(1, Math.round(normal * peak.value)),
      },
    ];
  });
  return { journeys, peakMultiplier: peak.value, peakSource: peak.source, leftOut: [...new Set(leftOut)] };
}
