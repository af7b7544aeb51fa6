import { GovopsError } from "../../errors.js";
import type { Journey, Profile } from "../../profile/schema.js";
import { dashboardUrl } from "../../layout.js";
import { runbookLink } from "./links.js";
import { burnRows, WINDOWS, type BurnRow } from "./burn-rate.js";
import { ownerOf } from "./failure-modes.js";
import { presetMatchers, sharedCounter, sliPreset, thresholdLe, type SliPreset } from "./sli-presets.js";
import { pascal, selector, type AlertDef, type Priority, type RecordingRule } from "./rules.js";
import { lowTrafficScenarios, sloScenarios } from "./slo-scenarios.js";
import { byoRate, byoScope, byoSli, journeySlis } from "./byo-sli.js";

export const SLI_RECORD = {
  availability: "journey:sli_errors:ratio_rate",
  latency: "journey:sli_latency_slow:ratio_rate",
} as const;

export type Sli = keyof typeof SLI_RECORD;

/** `for` of each severity: long enough to ignore one bad scrape, short against the page row's budget. */
export const SLO_FOR = { page: "2m", ticket: "15m" } as const;

export function sloTarget(journey: Journey, sli: Sli): number {
  return sli === "availability" ? journey.slo.availability : journey.slo.latency.target;
}

/** The windows recorded for a journey: the burn-rate windows and the SLO period (for budget remaining). */
export function windowsFor(journey: Journey): string[] {
  return [...new Set<string>([...WINDOWS, `${journey.slo.periodDays}d`])];
}

/** One of the journey's own SLI queries over a window, with the selectors added, summed to one series. */
function ownQueryRate(
  preset: SliPreset,
  service: string,
  journey: Journey,
  sli: Sli,
  part: "numerator" | "total",
  window: string,
): string {
  return byoRate(journey, byoSli(journey, sli)!, part, window, byoScope(preset, service));
}

/** The journey's requests a second over a window, as its SLI counts them. */
function totalRate(preset: SliPreset, service: string, journey: Journey, sli: Sli, window: string): string {
  if (journey.sli) return ownQueryRate(preset, service, journey, sli, "total", window);
  return `sum(rate(${totalMetric(preset, sli)}{${presetMatchers(preset, service, journey)}}[${window}]))`;
}

function byoRecordingRules(preset: SliPreset, service: string, journey: Journey): RecordingRule[] {
  const labels = { service, journey: journey.id };
  return windowsFor(journey).flatMap((w) =>
    journeySlis(journey).map((sli) => {
      const ratio = `${ownQueryRate(preset, service, journey, sli, "numerator", w)}\n/\nclamp_min(${ownQueryRate(preset, service, journey, sli, "total", w)}, 1e-9)`;
      const bad = byoSli(journey, sli)!.counts === "bad";
      return { record: `${SLI_RECORD[sli]}${w}`, expr: bad ? ratio : `1 - (\n  ${ratio}\n)`, labels };
    }),
  );
}

export function recordingRules(preset: SliPreset, service: string, journey: Journey): RecordingRule[] {
  if (journey.sli) return byoRecordingRules(preset, service, journey);
  const sel = presetMatchers(preset, service, journey);
  const le = thresholdLe(preset, journey.slo.latency.thresholdMs);
  const labels = { service, journey: journey.id };
  const { requests, duration, status } = preset;
  return windowsFor(journey).flatMap((w) => [
    {
      record: `${SLI_RECORD.availability}${w}`,
      expr: `sum(rate(${requests}{${sel}, ${status}=~"5.."}[${w}]))\n/\nclamp_min(sum(rate(${requests}{${sel}}[${w}])), 1e-9)`,
      labels,
    },
    {
      record: `${SLI_RECORD.latency}${w}`,
      expr: `1 - (\n  sum(rate(${duration}_bucket{${sel}, le="${le}"}[${w}]))\n  /\n  clamp_min(sum(rate(${duration}_count{${sel}}[${w}])), 1e-9)\n)`,
      labels,
    },
  ]);
}

/** The counter of all the journey's requests an SLI divides by. */
export function totalMetric(preset: SliPreset, sli: Sli): string {
  return sli === "availability" ? preset.requests : `${preset.duration}_count`;
}

/**
 * Test-group keys: the SLIs read disjoint series unless the preset counts requests with the histogram; and
 * journeys read disjoint series only when the preset labels routes (an ingress counts them all together).
 */
function sliKey(preset: SliPreset, journey: Journey, sli: Sli): string {
  return `${preset.route ? journey.id : "all-journeys"}/${sharedCounter(preset) ? "requests" : sli}`;
}

/** The short window of the fastest page row, in seconds: a single bad request there decides the default guard. */
const GUARD_WINDOW_SECONDS = 5 * 60;

/**
 * Requests a second below which the SLI's burn-rate pages stay quiet: the journey's `slo.minRequestRate`, or
 * the rate at which one bad request in the fastest page row's 5-minute window would alone cross its threshold
 * (1 ÷ (threshold × 300 s)). Below it the SLI is too sparse for a ratio to mean anything; the low-traffic rule
 * pages on total failure instead.
 */
export function minRequestRate(journey: Journey, sli: Sli): number {
  if (journey.slo.minRequestRate !== undefined) return journey.slo.minRequestRate;
  const rows = burnRows(sloTarget(journey, sli), journey.slo.periodDays, `Journey "${journey.id}" ${sli}`);
  const fastest = rows.find((r) => r.severity === "page")!;
  return Number((1 / (fastest.threshold * GUARD_WINDOW_SECONDS)).toPrecision(4));
}

function burnExpr(
  preset: SliPreset,
  sli: Sli,
  service: string,
  journey: Journey,
  rows: BurnRow[],
  guard: number | undefined,
): string {
  const record = SLI_RECORD[sli];
  const sel = selector({ service, journey: journey.id });
  const traffic = (window: string) =>
    guard === undefined
      ? ""
      : `\n  and on()\n  ${totalRate(preset, service, journey, sli, window)} >= ${guard}`;
  return rows
    .map(
      (r) =>
        `(\n  ${record}${r.long}${sel} > ${r.threshold}\n  and\n  ${record}${r.short}${sel} > ${r.threshold}${traffic(r.long)}\n)`,
    )
    .join("\nor\n");
}

export function sloAlertName(service: string, journey: string, sli: Sli): string {
  return `${pascal(service)}${pascal(journey)}${pascal(sli)}BudgetBurn`;
}

/** Page rows interrupt at the failure mode's priority (at least P2); ticket rows are degraded service, P3. */
function priorityOf(severity: "page" | "ticket", fmPriority: Priority): Priority {
  if (severity === "ticket") return fmPriority === "P4" ? "P4" : "P3";
  return fmPriority === "P1" ? "P1" : "P2";
}

export function sloAlerts(profile: Profile, journey: Journey): AlertDef[] {
  const service = profile.service.name;
  const fm = ownerOf(profile, "slo-burn", { journey: journey.id }) ?? ownerOf(profile, "slo-burn");
  if (!fm)
    throw new GovopsError(
      "INVALID_PROFILE",
      `Journey "${journey.id}" has no failure mode for its SLO alerts to link to`,
      `Add a failure mode with detection.alert: slo-burn and affects.journeys: [${journey.id}] to the profile.`,
    );
  const preset = sliPreset(profile);
  return journeySlis(journey).flatMap((sli) => {
    const slo = sloTarget(journey, sli);
    const rows = burnRows(slo, journey.slo.periodDays, `Journey "${journey.id}" ${sli}`);
    return (["page", "ticket"] as const).map((severity): AlertDef => {
      const priority = priorityOf(severity, fm.severity);
      const rule = {
        alert: sloAlertName(service, journey.id, sli),
        // Only pages are guarded: a ticket for a sparse journey's slow burn interrupts nobody.
        expr: burnExpr(
          preset,
          sli,
          service,
          journey,
          rows.filter((r) => r.severity === severity),
          severity === "page" ? minRequestRate(journey, sli) : undefined,
        ),
        for: SLO_FOR[severity],
        labels: {
          service,
          journey: journey.id,
          sli,
          severity,
          priority,
          citizen_impact: journey.criticality,
        },
        annotations: {
          summary: `${journey.name} journey is burning its ${sli} error budget`,
          description: `${severity === "page" ? "Fast" : "Slow"} burn of the ${Math.round(slo * 100000) / 1000}% ${sli} SLO over ${journey.slo.periodDays} days. Citizen impact: ${fm.citizenImpact}`,
          runbook_url: runbookLink(profile, fm.id),
          dashboard_url: dashboardUrl(profile.service.dashboardBaseUrl, service),
        },
      };
      return {
        rule,
        failureModeId: fm.id,
        file: "slo",
        // A journey's own queries may read any series, so its scenarios never share a test group.
        ...(journey.sli ? {} : { mergeKey: sliKey(preset, journey, sli) }),
        ...sloScenarios(preset, journey, sli, severity, rows, service),
      };
    });
  });
}

/** How long the low-traffic rule looks back for a success; long enough to hold a few sparse requests. */
export const LOW_TRAFFIC_WINDOW = "30m";
const LOW_TRAFFIC_SECONDS = 30 * 60;

/** The window a journey's own total query is read over to tell missing metrics from quiet ones. */
const ABSENT_WINDOW = "10m";

/**
 * The low-traffic and absent() expressions over a journey's own queries (requests a second, so counts are
 * rate × window); undefined for a preset journey. No low-traffic rule without an availability SLI.
 */
function byoGuardExprs(preset: SliPreset, service: string, journey: Journey, guard: number) {
  if (!journey.sli) return undefined;
  const rate = (sli: Sli, part: "numerator" | "total", w: string) =>
    ownQueryRate(preset, service, journey, sli, part, w);
  const w = LOW_TRAFFIC_WINDOW;
  const n = LOW_TRAFFIC_SECONDS;
  const noSuccess = byoSli(journey, "availability")
    ? `${rate("availability", "numerator", w)} * ${n} > 1.5\nand on()\n(${rate("availability", "total", w)} - ${rate("availability", "numerator", w)}) * ${n} < 0.5\nand on()\n${rate("availability", "total", "1h")} < ${guard}`
    : undefined;
  const totals = [...new Set(journeySlis(journey).map((sli) => rate(sli, "total", ABSENT_WINDOW)))];
  return { noSuccess, absent: totals.map((t) => `absent(${t})`).join("\nor\n") };
}

/**
 * Alerts that keep a journey's SLO honest when the burn-rate pages cannot: at low traffic, a page when the
 * journey's requests keep failing and none has succeeded for 30 minutes; and a ticket when its SLI metrics
 * are missing, since every burn-rate alert is then silent rather than quiet.
 */
export function sloGuardAlerts(profile: Profile, journey: Journey): AlertDef[] {
  const service = profile.service.name;
  const fm = ownerOf(profile, "slo-burn", { journey: journey.id }) ?? ownerOf(profile, "slo-burn");
  if (!fm) return [];
  const preset = sliPreset(profile);
  const sel = presetMatchers(preset, service, journey);
  const req = preset.requests;
  const status = preset.status;
  const guard = minRequestRate(journey, "availability");
  const w = LOW_TRAFFIC_WINDOW;
  const links = {
    runbook_url: runbookLink(profile, fm.id),
    dashboard_url: dashboardUrl(profile.service.dashboardBaseUrl, service),
  };
  const labels = (severity: "page" | "ticket") => ({
    service,
    journey: journey.id,
    // The SLI the guards watch: availability, or latency for a journey measured on latency alone.
    sli: journeySlis(journey)[0] ?? "availability",
    severity,
    priority: priorityOf(severity, fm.severity),
    citizen_impact: journey.criticality,
  });
  const scenarios = lowTrafficScenarios(preset, service, journey, guard);
  const byo = byoGuardExprs(preset, service, journey, guard);
  const metrics = byo
    ? "series for the journey's own totalQuery (govops.config.yaml)"
    : `${[...new Set([req, totalMetric(preset, "latency")])].join(" or ")} series for the journey's routes`;
  // Its own queries may read any series, so their scenarios never share a test group.
  const key = (k: string | string[]) => (byo ? {} : { mergeKey: k });
  const noSuccess: AlertDef[] = [
    {
      rule: {
        alert: `${pascal(service)}${pascal(journey.id)}NoSuccessfulRequests`,
        expr:
          byo?.noSuccess ??
          `sum(increase(${req}{${sel}, ${status}=~"5.."}[${w}])) > 1.5\nand on()\n(sum(increase(${req}{${sel}, ${status}!~"5.."}[${w}])) or on() vector(0)) < 0.5\nand on()\nsum(rate(${req}{${sel}}[1h])) < ${guard}`,
        for: SLO_FOR.page,
        labels: labels("page"),
        annotations: {
          summary: `${journey.name} journey has had no successful request for ${w}`,
          description: `At low traffic (under ${guard} requests a second, where burn-rate pages stay quiet) at least two requests failed and none succeeded in ${w}. Citizen impact: ${fm.citizenImpact}`,
          ...links,
        },
      },
      failureModeId: fm.id,
      file: "slo",
      ...key(sliKey(preset, journey, "availability")),
      ...scenarios.noSuccess,
    },
  ];
  return [
    ...(byo && !byo.noSuccess ? [] : noSuccess),
    {
      rule: {
        alert: `${pascal(service)}${pascal(journey.id)}SliMetricsAbsent`,
        expr:
          byo?.absent ??
          [...new Set([req, totalMetric(preset, "latency")])]
            .map((m) => `absent(${m}{${sel}})`)
            .join("\nor\n"),
        for: SLO_FOR.ticket,
        // absent() gives the alert the selector's equality labels: the preset's fixed ones join its own.
        labels: { ...labels("ticket"), ...(byo ? {} : preset.fixed) },
        annotations: {
          summary: `${journey.name} journey has no SLI metrics`,
          description: `Prometheus has no ${metrics}, so its burn-rate alerts cannot fire. Citizen impact: ${fm.citizenImpact}`,
          ...links,
        },
      },
      failureModeId: fm.id,
      file: "slo",
      // It reads both SLIs' series, so its scenarios share groups only with other journeys'.
      ...key([...new Set([sliKey(preset, journey, "availability"), sliKey(preset, journey, "latency")])]),
      ...scenarios.absent,
    },
  ];
}
