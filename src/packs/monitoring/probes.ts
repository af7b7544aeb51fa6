import type { Journey, Profile } from "../../profile/schema.js";
import { alertFor } from "./alert-def.js";
import { ownerOf } from "./failure-modes.js";
import { METRICS } from "./metrics.js";
import { selector, seriesName, type AlertDef } from "./rules.js";
import { gauge, scenario } from "./series.js";

export interface ProbeTarget {
  journey: string;
  url: string;
  /** http_2xx for citizen pages; staff pages behind sign-in must redirect or refuse, not serve. */
  module: "http_2xx" | "http_sign_in_required";
}

/** A placeholder host, clearly not real, until the profile's service.baseUrl is set. */
export function baseUrlOf(profile: Profile): { url: string; placeholder: boolean } {
  const url = profile.service.baseUrl?.replace(/\/+$/, "");
  return url
    ? { url, placeholder: false }
    : { url: `https://${profile.service.name}.example.invalid`, placeholder: true };
}

function signInRequired(profile: Profile, journey: Journey): boolean {
  return profile.dependencies.some((d) => d.kind === "identity" && d.journeys.includes(journey.id));
}

/** Each journey's first GET entry page without path parameters: the page a citizen lands on. */
export function probeTargets(profile: Profile): ProbeTarget[] {
  const base = baseUrlOf(profile).url;
  return profile.journeys.flatMap((j) => {
    const page = j.entryRoutes.find((r) => r.method === "GET" && !/[:{*]/.test(r.path));
    if (!page) return [];
    return [
      {
        journey: j.id,
        url: `${base}${page.path}`,
        module: signInRequired(profile, j) ? "http_sign_in_required" : "http_2xx",
      },
    ];
  });
}

function probeAlert(profile: Profile, target: ProbeTarget): AlertDef[] {
  const journey = profile.journeys.find((j) => j.id === target.journey)!;
  const fm = ownerOf(profile, "slo-burn", { journey: journey.id }) ?? ownerOf(profile, "slo-burn");
  if (!fm) return [];
  const service = profile.service.name;
  const labels = { service, journey: journey.id };
  const probe = (s: Array<[number, number]>) => [
    {
      series: seriesName(METRICS.probeSuccess.name, { ...labels, instance: target.url }),
      values: gauge(s.map(([per, minutes]) => ({ per, minutes }))),
    },
  ];
  return [
    alertFor(profile, fm, {
      file: "availability",
      name: `${journey.id}-probe-failing`,
      mergeKey: `probe-${journey.id}`,
      expr: `max by (service, journey) (${METRICS.probeSuccess.name}${selector(labels)}) < 1`,
      for: "5m",
      priority: fm.severity === "P1" ? "P1" : "P2",
      scope: { journey: journey.id },
      citizenImpact: journey.criticality,
      summary: `The ${journey.name} entry page fails its synthetic probe`,
      description: `Every blackbox probe of the ${journey.name} entry page has failed for 5 minutes.`,
      firing: [scenario(`${journey.id} page down`, probe([[0, 10]]), [10], [{}])],
      quiet: [
        scenario(`${journey.id} page up`, probe([[1, 10]]), [10]),
        scenario(
          `${journey.id} page down for 3 minutes`,
          probe([
            [1, 5],
            [0, 3],
            [1, 10],
          ]),
          [8, 18],
        ),
      ],
    }),
  ];
}

/** Without metrics every SLO alert is blind, so a missing scrape pages like a P2. */
function metricsMissingAlert(profile: Profile): AlertDef[] {
  const critical = [...profile.journeys].sort((a, b) => rank(a) - rank(b))[0];
  const fm =
    ownerOf(profile, "metrics-missing") ??
    (critical && ownerOf(profile, "slo-burn", { journey: critical.id })) ??
    ownerOf(profile, "slo-burn");
  if (!fm) return [];
  const service = profile.service.name;
  const m = METRICS.processStart.name;
  const present = (values: string) => [{ series: seriesName(m, { service, instance: "app-1" }), values }];
  return [
    alertFor(profile, fm, {
      file: "availability",
      name: "metrics-missing",
      mergeKey: "metrics-missing",
      expr: `absent(${m}${selector({ service })})`,
      for: "10m",
      priority: "P2",
      severity: "page",
      summary: `Prometheus has no metrics from ${service}`,
      description:
        "No metrics have been scraped from the service for 10 minutes: every SLO alert is blind until they return.",
      firing: [
        scenario(
          "no scrape",
          [{ series: seriesName(m, { service: `${service}-other` }), values: "1+0x15" }],
          [15],
          [{}],
        ),
      ],
      quiet: [
        scenario("scraped", present("1+0x30"), [30]),
        scenario("8-minute scrape gap", present("1+0x10 _x8 1+0x10"), [20, 29]),
      ],
    }),
  ];
}

const CRITICALITY = ["critical", "high", "medium", "low"];
const rank = (j: Journey) => CRITICALITY.indexOf(j.criticality);

export function availabilityAlerts(profile: Profile): AlertDef[] {
  return [...metricsMissingAlert(profile), ...probeTargets(profile).flatMap((t) => probeAlert(profile, t))];
}
