import { GovopsError } from "../../errors.js";
import { WINDOW_PLACEHOLDER } from "../../profile/journey-sli.js";
import type { Journey, Profile } from "../../profile/schema.js";
import { promLabel } from "../../render/escape.js";
import { leSeconds } from "./metrics.js";
import { labelsFor, valueFor } from "./matcher-values.js";
import { vectorSelectors, type VectorSelector } from "./promql-selectors.js";
import { seriesName, type InputSeries } from "./rules.js";
import { scopeAnchors } from "./scope.js";
import { sliPreset } from "./sli-presets.js";

type SliName = "availability" | "latency";

/** One SLI a journey brings in its config: a numerator (bad or good requests a second) over all of them. */
export interface ByoRatio {
  /** `bad`: failed or slow requests; `good`: requests inside the latency bucket (a histogram). */
  counts: "bad" | "good";
  numerator: string;
  total: string;
  /** The config keys the two queries come from, for messages. */
  keys: [string, string];
}

/** The journey's own SLI of one kind, as query templates holding `{{window}}`; undefined when it brings none. */
export function byoSli(journey: Journey, sli: SliName): ByoRatio | undefined {
  const c = journey.sli;
  if (!c) return undefined;
  if (sli === "availability")
    return c.errorQuery && c.totalQuery
      ? { counts: "bad", numerator: c.errorQuery, total: c.totalQuery, keys: ["errorQuery", "totalQuery"] }
      : undefined;
  if (c.slowQuery && c.totalQuery)
    return { counts: "bad", numerator: c.slowQuery, total: c.totalQuery, keys: ["slowQuery", "totalQuery"] };
  if (!c.histogram) return undefined;
  const { metric } = c.histogram;
  const sel = (c.histogram.matchers ?? "").trim().replace(/,\s*$/, "");
  const le = `le="${promLabel(leSeconds(journey.slo.latency.thresholdMs))}"`;
  return {
    counts: "good",
    numerator: `sum(rate(${metric}_bucket{${sel ? `${sel}, ` : ""}${le}}[${WINDOW_PLACEHOLDER}]))`,
    total: `sum(rate(${metric}_count{${sel}}[${WINDOW_PLACEHOLDER}]))`,
    keys: ["histogram.matchers", "histogram.matchers"],
  };
}

/** The SLIs a journey is measured on: both from a preset; from its own SLI, the ones the config gives. */
export function journeySlis(journey: Journey): SliName[] {
  return (["availability", "latency"] as const).filter((sli) => !journey.sli || byoSli(journey, sli));
}

/** The selectors that keep environments apart, and the text (`service="…"`) after which scope.ts adds them itself. */
export interface ByoScope {
  labels: Record<string, string>;
  anchors: string[];
}

export function byoScope(
  preset: { scope: Record<string, string>; fixed: Record<string, string> },
  service: string,
): ByoScope {
  // The service's own reach: every anchor is a literal matcher.
  const anchors = scopeAnchors(service, preset.fixed).filter((a): a is string => typeof a === "string");
  return { labels: preset.scope, anchors };
}

const anchored = (text: string, scope: ByoScope) => scope.anchors.some((a) => text.includes(a));

/**
 * A query with `{{window}}` replaced and the scope's matchers added to every series it reads, except where
 * the query already matches that label or names the service as scope.ts does (scope.ts scopes those).
 */
export function expandQuery(
  template: string,
  window: string,
  scope: ByoScope,
  where: { journey: string; key: string },
): string {
  const text = template.split(WINDOW_PLACEHOLDER).join(window);
  if (Object.keys(scope.labels).length === 0) return text;
  const selectors = vectorSelectors(text);
  if (!selectors)
    throw new GovopsError(
      "INVALID_CONFIG",
      `journey "${where.journey}": sli.${where.key} is PromQL govops cannot read to add monitoring.selectors to its series`,
      'Write each series as metric{label="value", …} with double-quoted values, or match the selectors\' labels in the query yourself.',
    );
  let out = text;
  for (const s of [...selectors].reverse()) {
    if (anchored(text.slice(s.start, s.end), scope)) continue;
    const missing = Object.entries(scope.labels)
      .filter(([k]) => !s.matchers.some((m) => m.name === k))
      .map(([k, v]) => `${k}="${promLabel(v)}"`);
    if (missing.length === 0) continue;
    if (s.brace < 0) out = `${out.slice(0, s.end)}{${missing.join(", ")}}${out.slice(s.end)}`;
    else {
      const before = out.slice(s.start, s.brace).trimEnd();
      const lead = before.endsWith("{") ? "" : before.endsWith(",") ? " " : ", ";
      out = `${out.slice(0, s.brace)}${lead}${missing.join(", ")}${out.slice(s.brace)}`;
    }
  }
  return out;
}

/** One of a journey's own queries over a window as the rules read it: selectors added, summed to one series. */
export function byoRate(
  journey: Journey,
  ratio: ByoRatio,
  part: "numerator" | "total",
  window: string,
  scope: ByoScope,
): string {
  const key = ratio.keys[part === "numerator" ? 0 : 1];
  return `sum(${expandQuery(ratio[part], window, scope, { journey: journey.id, key })})`;
}

/** The one selector of a query shaped `rate(selector[{{window}}])`, optionally summed; else undefined. */
function simpleSelector(query: string): VectorSelector | undefined {
  const text = query.split(WINDOW_PLACEHOLDER).join("5m");
  const found = vectorSelectors(text);
  if (!found || found.length !== 1) return undefined;
  const s = found[0]!;
  if (!s.metric || s.matchers.some((m) => m.name.startsWith("__"))) return undefined;
  const shape = `${text.slice(0, s.start)}SEL${text.slice(s.end)}`
    .replace(/\b(by|without)\s*\([^)]*\)/gi, "")
    .replace(/\s+/g, "");
  return ["rate(SEL[5m])", "sum(rate(SEL[5m]))"].includes(shape) ? s : undefined;
}

/** A query of a journey's own SLI, as the rules read it over a 5-minute window, for `generate` to check. */
export interface ByoQuery {
  journey: string;
  key: string;
  expr: string;
}

/** Every query the profile's journeys bring, once each, as the rules read them (selectors added, summed). */
export function byoQueries(profile: Profile): ByoQuery[] {
  const scope = byoScope(sliPreset(profile), profile.service.name);
  const seen = new Set<string>();
  return profile.journeys.flatMap((journey) =>
    journeySlis(journey).flatMap((sli) => {
      const ratio = byoSli(journey, sli);
      if (!journey.sli || !ratio) return [];
      return (["numerator", "total"] as const).flatMap((part) => {
        const key = ratio.keys[part === "numerator" ? 0 : 1];
        if (seen.has(`${journey.id} ${key}`)) return [];
        seen.add(`${journey.id} ${key}`);
        return [{ journey: journey.id, key, expr: byoRate(journey, ratio, part, "5m", scope) }];
      });
    }),
  );
}

/** The counters of a scenario: good, bad and all requests, in promtool's notation. */
export interface Counts {
  good: string;
  bad: string;
  all: string;
}

/**
 * Input series that make a journey's own SLI read the given counts: from the vector selector of each query,
 * when both are `rate(metric{…}[{{window}}])` (summed or not) with matchers this reader can satisfy. Undefined
 * otherwise: the scenarios are skipped rather than written to fail.
 */
export function byoSeries(ratio: ByoRatio, scope: ByoScope, v: Counts): InputSeries[] | undefined {
  const num = simpleSelector(ratio.numerator);
  const total = simpleSelector(ratio.total);
  if (!num || !total) return undefined;
  const numValues = ratio.counts === "bad" ? v.bad : v.good;
  const restValues = ratio.counts === "bad" ? v.good : v.bad;
  const scoped = (metric: string, labels: Record<string, string>): InputSeries["series"] => {
    const plain = seriesName(metric, labels);
    if (anchored(plain, scope)) return plain;
    const extra = Object.fromEntries(Object.entries(scope.labels).filter(([k]) => !(k in labels)));
    return seriesName(metric, { ...labels, ...extra });
  };
  if (num.metric !== total.metric) {
    const a = labelsFor(num.matchers);
    const b = labelsFor(total.matchers);
    if (!a || !b) return undefined;
    return [
      { series: scoped(num.metric!, a), values: numValues },
      { series: scoped(total.metric!, b), values: v.all },
    ];
  }
  const both = labelsFor([...num.matchers, ...total.matchers]);
  if (!both) return undefined;
  // The rest of the requests: the total's series with one of the numerator's labels changed so it no longer matches.
  const rest = [...new Set(num.matchers.map((m) => m.name))]
    .map((name) => [name, valueFor(name, total.matchers, num.matchers)] as const)
    .find(([, value]) => value !== undefined);
  if (!rest) return undefined;
  const restLabels = { ...both, [rest[0]]: rest[1]! };
  if (!rest[1]) delete restLabels[rest[0]];
  return [
    { series: scoped(num.metric!, both), values: numValues },
    { series: scoped(total.metric!, restLabels), values: restValues },
  ];
}

/** Whether govops can write promtool input series for a journey's own SLI of this kind. */
export function byoTestable(journey: Journey, sli: SliName): boolean {
  const ratio = byoSli(journey, sli);
  return Boolean(ratio && byoSeries(ratio, { labels: {}, anchors: [] }, { good: "0", bad: "0", all: "0" }));
}
