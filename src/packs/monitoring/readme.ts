import { runbookLink } from "./links.js";
import { minRequestRate } from "./slo.js";
import type { Profile } from "../../profile/schema.js";
import { receivers } from "./alertmanager.js";
import { monitoringAlerts, ruleGroups, RULES_FILES } from "./alerts.js";
import { METRICS } from "./metrics.js";
import { baseUrlOf } from "./probes.js";
import { scrapeEndpoint } from "./instrumentation.js";
import { monitoringScope } from "./scope.js";
import { sliPreset, thresholdLe } from "./sli-presets.js";

/** Which SLI preset the rules read and why, the metrics it reads, and the selectors that keep environments apart. */
function sliSource(profile: Profile) {
  const p = sliPreset(profile);
  const scope = monitoringScope(profile);
  const selectors = Object.entries(scope.labels).map(([k, v]) => `${k}="${v}"`);
  const from = {
    config: "monitoring.selectors in govops.config.yaml",
    namespaces: "service.namespaces in govops.config.yaml",
    helm: "production's Helm values file",
    none: "",
  }[scope.source];
  return {
    preset: p.name,
    reason: p.reason,
    requests: p.requests,
    duration: p.duration,
    les: [...new Set(profile.journeys.map((j) => thresholdLe(p, j.slo.latency.thresholdMs)))].join(", "),
    byRoute: Boolean(p.route),
    selectors: selectors.length ? `${selectors.join(", ")} (from ${from})` : "",
  };
}

/** Which rules files read each metric of the contract; metrics no rule reads are left out. */
function metricsTable(profile: Profile) {
  const files = RULES_FILES.map((file) => ({
    name: `${file}-rules.yml`,
    exprs: ruleGroups(profile, file).flatMap((g) => g.rules.map((r) => r.expr)),
  }));
  return Object.values(METRICS)
    .map((m) => ({
      ...m,
      readBy: files.filter((f) => f.exprs.some((e) => e.includes(m.name))).map((f) => f.name),
    }))
    .filter((m) => m.readBy.length > 0)
    .map((m) => ({ ...m, readBy: m.readBy.join(", ") }));
}

function alertsTable(profile: Profile) {
  const rows = new Map<string, { name: string; severity: string[]; failureMode: string; runbook: string }>();
  for (const { rule, failureModeId } of monitoringAlerts(profile)) {
    const row = rows.get(rule.alert) ?? {
      name: rule.alert,
      severity: [],
      failureMode: failureModeId,
      runbook: `../runbooks/${failureModeId}.md`,
    };
    row.severity.push(`${rule.labels.severity} (${rule.labels.priority})`);
    rows.set(rule.alert, row);
  }
  return [...rows.values()].map((r) => ({ ...r, severity: r.severity.join(", ") }));
}

/** Where Prometheus scrapes the starter, and why that port; whether the availability page reads default metrics. */
function scrapeNote(profile: Profile) {
  const exprs = ruleGroups(profile, "availability").flatMap((g) => g.rules.map((r) => r.expr));
  return {
    ...scrapeEndpoint(profile),
    processStart: exprs.some((e) => e.includes(METRICS.processStart.name)) ? METRICS.processStart.name : "",
  };
}

/** ops/monitoring/README.md: the files, the metrics contract, the alerts and what is left to fill in. */
export function readmeModel(
  profile: Profile,
  files: Array<{ path: string; what: string }>,
  instrumentation: string,
) {
  const todos = [
    ...Object.values(receivers(profile))
      .filter((r) => r.placeholder)
      .map(
        (r) => `add a contact for ${r.purpose} to contacts.escalation (receiver ${r.name} sends nowhere).`,
      ),
    ...(baseUrlOf(profile).placeholder
      ? ["set service.baseUrl in govops.config.yaml so the synthetic probes reach the service."]
      : []),
    ...(runbookLink(profile, "x").startsWith("TO DO")
      ? [
          "set service.runbookBaseUrl or service.repositoryUrl in govops.config.yaml: until then every alert's runbook_url is a TO DO, not a link.",
        ]
      : []),
    ...(sliPreset(profile).name === "govops"
      ? [`wire ${instrumentation} into the service so it exports the metrics above.`]
      : []),
    ...(Object.keys(monitoringScope(profile).labels).length === 0
      ? [
          "set monitoring.selectors (or service.namespaces) in govops.config.yaml: until then the rules add every environment's traffic together.",
        ]
      : []),
    `run Prometheus with a retention of at least ${Math.max(...profile.journeys.map((j) => j.slo.periodDays))} days.`,
  ];
  return {
    title: profile.service.title,
    files,
    instrumentation,
    metrics: metricsTable(profile),
    scrape: scrapeNote(profile),
    sli: sliSource(profile),
    alerts: alertsTable(profile),
    guards: profile.journeys.flatMap((j) =>
      (["availability", "latency"] as const).map((sli) => ({
        journey: j.name,
        sli,
        rate: minRequestRate(j, sli),
      })),
    ),
    todos,
  };
}
