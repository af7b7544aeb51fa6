import type { RuleFile } from "./compress.js";
import { METRICS } from "../packs/monitoring/metrics.js";
import { matches, selectorsIn, type Selector } from "./selectors.js";

/**
 * What the drill's ingress must expose so the loaded rules see the journey's traffic, read from the rule
 * expressions rather than assumed: the counter and histogram names, which label carries the route and which the
 * status code, and the equality matchers (service, namespace, environment, job …) that become static target
 * labels in the drill's scrape config.
 */
export interface SliShape {
  counter: { metric: string; routeLabel?: string; statusLabel?: string } | undefined;
  histogram: { metric: string; routeLabel?: string; buckets: number[] } | undefined;
  staticLabels: Record<string, string>;
  /** The route matchers, to check that a request's route label is one the rules count. */
  routeMatchers: Selector["matchers"];
  /** Page alerts carrying this journey's label. */
  pageAlerts: string[];
  /**
   * The process series the metrics-missing rule reads (prom-client's default `process_start_time_seconds`),
   * with its equality labels beyond the static ones: the ingress exports it while the service runs.
   */
  process: { metric: string; labels: Record<string, string> } | undefined;
}

const isRaw = (s: Selector) => s.metric !== "" && !s.metric.includes(":");
const SUFFIX = /_(bucket|count|sum)$/;

function journeySelectors(files: RuleFile[], journey: string, paths: string[]): Selector[] {
  const rules = files.flatMap((f) => f.groups.flatMap((g) => g.rules));
  const labelled = rules
    .filter(
      (r) =>
        typeof r.record === "string" &&
        (r.labels as Record<string, unknown> | undefined)?.journey === journey,
    )
    .flatMap((r) => selectorsIn(String(r.expr)).filter(isRaw));
  if (labelled.length > 0) return labelled;
  // No recording rule names the journey: take the selectors whose route matcher accepts one of its paths.
  return rules
    .flatMap((r) => (typeof r.expr === "string" ? selectorsIn(r.expr).filter(isRaw) : []))
    .filter((s) => s.matchers.some((m) => m.op === "=~" && paths.some((p) => matches(m, p))));
}

function mostCommon(values: string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/** The label whose matcher accepts the journey's paths in every selector: the route (or path) label. */
function routeLabel(selectors: Selector[], paths: string[]): string | undefined {
  const first = selectors[0];
  if (!first) return undefined;
  return first.matchers.find(
    (m) =>
      m.op !== "=" &&
      paths.some((p) => matches(m, p)) &&
      selectors.every((s) => s.matchers.some((x) => x.label === m.label)),
  )?.label;
}

export function sliShape(files: RuleFile[], journey: string, paths: string[]): SliShape {
  const selectors = journeySelectors(files, journey, paths);
  const counterMetric = mostCommon(selectors.filter((s) => !SUFFIX.test(s.metric)).map((s) => s.metric));
  const counterSelectors = selectors.filter((s) => s.metric === counterMetric);
  const bucketMetric = mostCommon(selectors.filter((s) => s.metric.endsWith("_bucket")).map((s) => s.metric));
  const histogramBase = bucketMetric?.replace(/_bucket$/, "");
  const histogramSelectors = selectors.filter(
    (s) => histogramBase && s.metric.startsWith(`${histogramBase}_`),
  );
  const cRoute = routeLabel(counterSelectors, paths);
  const statusLabel = counterSelectors
    .flatMap((s) => s.matchers)
    .find(
      (m) =>
        m.op !== "=" &&
        m.label !== cRoute &&
        !counterSelectors.every((s) => s.matchers.some((x) => x.label === m.label)),
    )?.label;
  const staticLabels: Record<string, string> = {};
  for (const s of [...counterSelectors, ...histogramSelectors])
    for (const m of s.matchers)
      if (m.op === "=" && m.label !== "le" && m.label !== statusLabel && !(m.label in staticLabels))
        staticLabels[m.label] = m.value;
  const buckets = histogramSelectors
    .flatMap((s) => s.matchers.filter((m) => m.label === "le" && m.op === "="))
    .map((m) => Number(m.value))
    .filter((n) => Number.isFinite(n));
  const hRoute = routeLabel(histogramSelectors, paths);
  const routeMatchers = [...counterSelectors, ...histogramSelectors].flatMap((s) =>
    s.matchers.filter((m) => m.label === cRoute || m.label === hRoute),
  );
  const pageAlerts = files
    .flatMap((f) => f.groups.flatMap((g) => g.rules))
    .filter((r) => {
      const labels = (r.labels ?? {}) as Record<string, unknown>;
      return typeof r.alert === "string" && labels.severity === "page" && labels.journey === journey;
    })
    .map((r) => String(r.alert));
  const processMetric = METRICS.processStart.name;
  const processSelector = files
    .flatMap((f) => f.groups.flatMap((g) => g.rules))
    .flatMap((r) => (typeof r.expr === "string" ? selectorsIn(r.expr) : []))
    .find((s) => s.metric === processMetric);
  const processLabels = Object.fromEntries(
    (processSelector?.matchers ?? [])
      .filter((m) => m.op === "=" && staticLabels[m.label] !== m.value)
      .map((m) => [m.label, m.value]),
  );
  return {
    process: processSelector ? { metric: processMetric, labels: processLabels } : undefined,
    counter: counterMetric ? { metric: counterMetric, routeLabel: cRoute, statusLabel } : undefined,
    histogram: histogramBase
      ? { metric: histogramBase, routeLabel: hRoute, buckets: [...new Set(buckets)].sort((a, b) => a - b) }
      : undefined,
    staticLabels,
    routeMatchers,
    pageAlerts: [...new Set(pageAlerts)],
  };
}
