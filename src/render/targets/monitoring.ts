import type { Profile } from "../../profile/schema.js";
import { promLabel, promRegex } from "../helpers.js";
import { burnRows, WINDOWS, type BurnRow } from "../monitoring/burn-rate.js";
import { dashboardUrl, pascal, runbookUrl } from "../names.js";
import type { OutputFile, Target } from "../target.js";

/** The metric names and labels every rule expects; the generated instrumentation exports exactly these. */
export const METRICS = {
  requests: "http_requests_total",
  duration: "http_request_duration_seconds",
} as const;

const SLI_RECORD = {
  availability: "journey:sli_errors:ratio_rate",
  latency: "journey:sli_latency_slow:ratio_rate",
} as const;

interface Rule {
  record?: string;
  alert?: string;
  expr: string;
  for?: string;
  labels: Record<string, string>;
  annotations?: Record<string, string>;
}

function recordingRules(service: string, journey: Profile["journeys"][number]): Rule[] {
  const sel = `service="${promLabel(service)}", route=~"${journey.entryRoutes.map((r) => promRegex(r.path)).join("|")}"`;
  const le = String(journey.slo.latency.thresholdMs / 1000);
  const labels = { service, journey: journey.id };
  return WINDOWS.flatMap((w) => [
    {
      record: `${SLI_RECORD.availability}${w}`,
      expr: `sum(rate(${METRICS.requests}{${sel}, status_code=~"5.."}[${w}]))\n/\nclamp_min(sum(rate(${METRICS.requests}{${sel}}[${w}])), 1e-9)`,
      labels,
    },
    {
      record: `${SLI_RECORD.latency}${w}`,
      expr: `1 - (\n  sum(rate(${METRICS.duration}_bucket{${sel}, le="${le}"}[${w}]))\n  /\n  clamp_min(sum(rate(${METRICS.duration}_count{${sel}}[${w}])), 1e-9)\n)`,
      labels,
    },
  ]);
}

function burnExpr(record: string, service: string, journey: string, rows: BurnRow[]): string {
  const sel = `{service="${promLabel(service)}", journey="${promLabel(journey)}"}`;
  return rows
    .map(
      (r) =>
        `(\n  ${record}${r.long}${sel} > ${r.threshold}\n  and\n  ${record}${r.short}${sel} > ${r.threshold}\n)`,
    )
    .join("\nor\n");
}

function alertRules(profile: Profile, journey: Profile["journeys"][number]): Rule[] {
  const service = profile.service.name;
  const fm = profile.failureModes.find(
    (f) => f.affects.journeys.includes(journey.id) && f.detection.alert === "slo-burn",
  );
  const slis = [
    { sli: "availability", slo: journey.slo.availability },
    { sli: "latency", slo: journey.slo.latency.target },
  ] as const;
  return slis.flatMap(({ sli, slo }) => {
    const rows = burnRows(slo, journey.slo.periodDays, `Journey "${journey.id}" ${sli}`);
    return (["page", "ticket"] as const).map((severity) => ({
      alert: `${pascal(service)}${pascal(journey.id)}${pascal(sli)}BudgetBurn`,
      expr: burnExpr(
        SLI_RECORD[sli],
        service,
        journey.id,
        rows.filter((r) => r.severity === severity),
      ),
      for: severity === "page" ? "2m" : "15m",
      labels: { severity, service, journey: journey.id, sli, citizen_impact: journey.criticality },
      annotations: {
        summary: `${journey.name} journey is burning its ${sli} error budget`,
        description: `${severity === "page" ? "Fast" : "Slow"} burn of the ${Math.round(slo * 100000) / 1000}% ${sli} SLO over ${journey.slo.periodDays} days. Citizen impact: ${fm?.citizenImpact ?? journey.affected}`,
        runbook_url: runbookUrl(profile.service.runbookBaseUrl, fm?.id ?? `${journey.id}-slo-burn`),
        dashboard_url: dashboardUrl(profile.service.dashboardBaseUrl, service),
      },
    }));
  });
}

export function sloRuleGroups(profile: Profile) {
  return profile.journeys.map((j) => ({
    name: `${profile.service.name}-${j.id}-slo`,
    rules: [...recordingRules(profile.service.name, j), ...alertRules(profile, j)],
  }));
}

export const monitoringTarget: Target = {
  id: "monitoring",
  title: "Prometheus SLO recording rules and burn-rate alerts",
  outputs(profile): OutputFile[] {
    if (profile.journeys.length === 0) return [];
    return [
      {
        path: "ops/monitoring/slo-rules.yml",
        template: "monitoring/rules.yml.hbs",
        context: { groups: sloRuleGroups(profile) },
        format: "yaml",
        kind: "owned",
      },
    ];
  },
};
