import { GovopsError } from "../../errors.js";
import type { Journey, Profile } from "../../profile/schema.js";
import { promRegex } from "../../render/escape.js";
import { dashboardUrl, runbookUrl } from "../../layout.js";
import { burnRows, WINDOWS, type BurnRow } from "./burn-rate.js";
import { ownerOf } from "./failure-modes.js";
import { leLabel, METRICS } from "./metrics.js";
import { pascal, selector, type AlertDef, type Priority, type RecordingRule } from "./rules.js";
import { sloScenarios } from "./slo-scenarios.js";

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

/** The journey's requests: its entry routes' templates, as the instrumentation labels them. */
export function journeyMatchers(service: string, journey: Journey): string {
  const routes = [...new Set(journey.entryRoutes.map((r) => promRegex(r.path)))].join("|");
  return selector({ service }, [`route=~"${routes}"`]).slice(1, -1);
}

export function recordingRules(service: string, journey: Journey): RecordingRule[] {
  const sel = journeyMatchers(service, journey);
  const le = leLabel(journey.slo.latency.thresholdMs);
  const labels = { service, journey: journey.id };
  const { requests, duration } = METRICS;
  return windowsFor(journey).flatMap((w) => [
    {
      record: `${SLI_RECORD.availability}${w}`,
      expr: `sum(rate(${requests.name}{${sel}, status_code=~"5.."}[${w}]))\n/\nclamp_min(sum(rate(${requests.name}{${sel}}[${w}])), 1e-9)`,
      labels,
    },
    {
      record: `${SLI_RECORD.latency}${w}`,
      expr: `1 - (\n  sum(rate(${duration.name}_bucket{${sel}, le="${le}"}[${w}]))\n  /\n  clamp_min(sum(rate(${duration.name}_count{${sel}}[${w}])), 1e-9)\n)`,
      labels,
    },
  ]);
}

function burnExpr(record: string, service: string, journey: string, rows: BurnRow[]): string {
  const sel = selector({ service, journey });
  return rows
    .map(
      (r) =>
        `(\n  ${record}${r.long}${sel} > ${r.threshold}\n  and\n  ${record}${r.short}${sel} > ${r.threshold}\n)`,
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
  return (["availability", "latency"] as const).flatMap((sli) => {
    const slo = sloTarget(journey, sli);
    const rows = burnRows(slo, journey.slo.periodDays, `Journey "${journey.id}" ${sli}`);
    return (["page", "ticket"] as const).map((severity): AlertDef => {
      const priority = priorityOf(severity, fm.severity);
      const rule = {
        alert: sloAlertName(service, journey.id, sli),
        expr: burnExpr(
          SLI_RECORD[sli],
          service,
          journey.id,
          rows.filter((r) => r.severity === severity),
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
          runbook_url: runbookUrl(profile.service.runbookBaseUrl, fm.id),
          dashboard_url: dashboardUrl(profile.service.dashboardBaseUrl, service),
        },
      };
      return {
        rule,
        failureModeId: fm.id,
        file: "slo",
        mergeKey: `${journey.id}/${sli}`,
        ...sloScenarios(journey, sli, severity, rows, service),
      };
    });
  });
}
