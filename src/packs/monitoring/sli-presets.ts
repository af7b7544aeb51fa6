import type { Journey, Profile } from "../../profile/schema.js";
import { promRegex } from "../../render/escape.js";
import { kubeTarget } from "../shared/kube.js";
import { DEFAULT_BUCKETS, leSeconds, METRICS } from "./metrics.js";
import { monitoringScope } from "./scope.js";
import { selector } from "./rules.js";

export const SLI_PRESETS = ["govops", "ingress-nginx", "otel-http", "prom-client"] as const;
export type SliPresetName = (typeof SLI_PRESETS)[number];

/** Where a preset's SLIs come from: the request counter, the latency histogram and the labels they carry. */
export interface SliPreset {
  name: SliPresetName;
  /** Counter of requests, with the status label. */
  requests: string;
  /** Latency histogram (without _bucket/_count). */
  duration: string;
  status: string;
  /** The label a journey's routes are matched on; none when the metric cannot tell journeys apart. */
  route?: string;
  method: string;
  /** Fixed matchers the preset adds (e.g. the ingress). */
  fixed: Record<string, string>;
  /** The histogram's buckets, for the `le` an SLO threshold reads. */
  buckets: readonly number[];
  /** Why it was chosen, for the plan and the README. */
  reason: string;
  /** The monitoring selectors, which journeys' own SLI queries get added to their series. */
  scope: Record<string, string>;
}

const OTEL_BUCKETS = [0, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

function metricsModules(profile: Profile): string {
  return profile.facts.readiness.metrics.present ? (profile.facts.readiness.metrics.detail ?? "") : "";
}

/**
 * The configured preset, else: an ingress found → ingress-nginx; OpenTelemetry → otel-http;
 * express-prom-bundle → prom-client (its metric names); else govops (bare prom-client names nothing).
 */
export function sliPreset(profile: Profile): SliPreset {
  const { name, reason, ingress } = presetChoice(profile);
  // A host selector narrows only the ingress controller's series: a journey's own queries name their own
  // series, which carry no host label, so they get only selectors that every series carries.
  const watched = monitoringScope(profile);
  const scope = watched.reach === "service" ? watched.labels : {};
  return presetNamed(profile, name, reason, ingress, scope);
}

/** Which preset the rules read and why (config, else detected), without building it: scope.ts asks this. */
export function presetChoice(profile: Profile): {
  name: SliPresetName;
  reason: string;
  ingress: Profile["facts"]["signals"][number] | undefined;
} {
  // The chart's own values.yaml (or a manifest) before an environment's values file.
  const ingresses = profile.facts.signals.filter((s) => s.name === "ingress");
  const base = (file: string) => /(^|\/)values\.ya?ml$/.test(file) || !/(^|\/)values[-._]/.test(file);
  const ingress = ingresses.find((s) => base(s.evidence.file)) ?? ingresses[0];
  const modules = metricsModules(profile);
  const chosen = profile.monitoring?.sli;
  const pick: [SliPresetName, string] = chosen
    ? [chosen, "chosen in govops.config.yaml (monitoring.sli)"]
    : ingress
      ? [
          "ingress-nginx",
          `an ingress in ${ingress.evidence.file}: the ingress controller already counts every request`,
        ]
      : /opentelemetry/.test(modules)
        ? ["otel-http", `OpenTelemetry in the code (${modules.replace(/^[^:]*:\s*/, "")})`]
        : /express-prom-bundle/.test(modules)
          ? ["prom-client", "express-prom-bundle in the code, which names its histogram this way"]
          : [
              "govops",
              modules
                ? `no ingress found, and ${modules.replace(/^[^:]*:\s*/, "")} names no metrics govops can know: the starter instrumentation (built on prom-client) exports these`
                : "no metrics library or ingress found: the starter instrumentation exports these",
            ];
  const [name, reason] = pick;
  return { name, reason, ingress };
}

function presetNamed(
  profile: Profile,
  name: SliPresetName,
  reason: string,
  ingress: Profile["facts"]["signals"][number] | undefined,
  scope: Record<string, string>,
): SliPreset {
  if (name === "ingress-nginx") {
    const ingressName =
      profile.monitoring?.ingress ??
      (ingress?.evidence.snippet?.split(" ").find((w) => w && !w.startsWith("class=")) ||
        kubeTarget(profile).release);
    return {
      name,
      requests: "nginx_ingress_controller_requests",
      duration: "nginx_ingress_controller_request_duration_seconds",
      status: "status",
      method: "method",
      fixed: { ingress: ingressName },
      buckets: DEFAULT_BUCKETS,
      reason,
      scope,
    };
  }
  if (name === "otel-http")
    return {
      name,
      requests: "http_server_request_duration_seconds_count",
      duration: "http_server_request_duration_seconds",
      status: "http_response_status_code",
      route: "http_route",
      method: "http_request_method",
      fixed: {},
      buckets: OTEL_BUCKETS,
      reason,
      scope,
    };
  if (name === "prom-client")
    return {
      name,
      requests: "http_request_duration_seconds_count",
      duration: "http_request_duration_seconds",
      status: "status_code",
      route: "path",
      method: "method",
      fixed: {},
      buckets: DEFAULT_BUCKETS,
      reason,
      scope,
    };
  return {
    name,
    requests: METRICS.requests.name,
    duration: METRICS.duration.name,
    status: "status_code",
    route: "route",
    method: "method",
    fixed: {},
    buckets: [...DEFAULT_BUCKETS, ...profile.journeys.map((j) => leSeconds(j.slo.latency.thresholdMs))],
    reason,
    scope,
  };
}

/** True when availability and latency read one counter (the histogram's _count), so their tests never share a group. */
export function sharedCounter(p: SliPreset): boolean {
  return p.requests === `${p.duration}_count`;
}

/** The bucket a latency threshold reads: the threshold itself, else the largest bucket under it (stricter). */
export function thresholdLe(p: SliPreset, thresholdMs: number): string {
  const s = leSeconds(thresholdMs);
  const under = [...p.buckets].filter((b) => b <= s).sort((a, b) => b - a)[0];
  return String(under ?? s);
}

/** The matchers of a journey's requests: the service, the preset's fixed labels and the journey's routes. */
export function presetMatchers(p: SliPreset, service: string, journey: Journey): string {
  const routes = [...new Set(journey.entryRoutes.map((r) => promRegex(r.path)))].join("|");
  const base: Record<string, string> = p.name === "ingress-nginx" ? {} : { service };
  const extra = p.route && routes ? [`${p.route}=~"${routes}"`] : [];
  return selector({ ...base, ...p.fixed }, extra).slice(1, -1);
}

/** The labels of one test series for a journey's first route. */
export function presetSeriesLabels(p: SliPreset, service: string, journey: Journey): Record<string, string> {
  const route = journey.entryRoutes[0];
  const base: Record<string, string> = p.name === "ingress-nginx" ? { path: "/" } : { service };
  return {
    ...base,
    ...p.fixed,
    ...(p.route ? { [p.route]: route?.path ?? "/" } : {}),
    // Without routes every journey's series must be the same series, so the method cannot follow the route.
    [p.method]: p.route ? (route?.method ?? "GET") : "GET",
  };
}
