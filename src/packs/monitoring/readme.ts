import { runbookLink } from "./links.js";
import { minRequestRate } from "./slo.js";
import type { Profile } from "../../profile/schema.js";
import { alertmanagerReadme, receivers } from "./alertmanager.js";
import { monitoringAlerts, ruleGroups, RULES_FILES } from "./alerts.js";
import { leSeconds, METRICS } from "./metrics.js";
import { baseUrlOf } from "./probes.js";
import { scrapeEndpoint } from "./instrumentation.js";
import { monitoringScope, scopeSummary } from "./scope.js";
import { sliPreset, thresholdLe } from "./sli-presets.js";
import { byoSli, byoTestable, journeySlis } from "./byo-sli.js";
import { code } from "../../render/escape.js";
import type { Journey } from "../../profile/schema.js";

/** Where one journey's SLIs come from: the preset, or its own queries (escaped as code spans). */
function journeySource(journey: Journey, preset: string): string {
  if (!journey.sli) return `preset ${code(preset)}`;
  const parts = (["availability", "latency"] as const).map((sli) => {
    const r = byoSli(journey, sli);
    const h = journey.sli?.histogram;
    if (!r) return `${sli}: none`;
    if (sli === "latency" && h)
      return `latency: the share of ${code(`${h.metric}_count`)} outside the bucket ${code(`le="${leSeconds(journey.slo.latency.thresholdMs)}"`)}${h.matchers ? ` where ${code(h.matchers)}` : ""}`;
    return `${sli}: ${code(r.numerator)} ÷ ${code(r.total)}`;
  });
  return `its own queries in govops.config.yaml (${parts.join("; ")})`;
}

/** What is left to do for journeys that bring their own SLI: a missing SLI, scenarios govops could not write. */
function byoTodos(profile: Profile): string[] {
  return profile.journeys.flatMap((j) => {
    if (!j.sli) return [];
    const missing = (["availability", "latency"] as const)
      .filter((sli) => !journeySlis(j).includes(sli))
      .map(
        (sli) =>
          `journey ${j.id} has no ${sli} SLI: add ${sli === "availability" ? "sli.errorQuery" : "sli.slowQuery or sli.histogram"} in govops.config.yaml, or it has no ${sli} alerts.`,
      );
    const untested = journeySlis(j)
      .filter((sli) => !byoTestable(j, sli))
      .map(
        (sli) =>
          `journey ${j.id}: its own ${sli} queries are not all rate(metric{label="value", …}[{{window}}]), so govops wrote no promtool scenarios for its ${sli} burn-rate, low-traffic and absent() alerts: test them by hand.`,
      );
    return [...missing, ...untested];
  });
}

/** Which SLI preset the rules read and why, the metrics it reads, and the selectors that keep environments apart. */
function sliSource(profile: Profile) {
  const p = sliPreset(profile);
  return {
    preset: p.name,
    reason: p.reason,
    requests: p.requests,
    duration: p.duration,
    les: [
      ...new Set(
        profile.journeys.filter((j) => !j.sli).map((j) => thresholdLe(p, j.slo.latency.thresholdMs)),
      ),
    ].join(", "),
    anyPreset: profile.journeys.some((j) => !j.sli),
    byRoute: Boolean(p.route),
    selectors: scopeSummary(monitoringScope(profile)),
    journeys: profile.journeys.map((j) => ({ name: j.name, from: journeySource(j, p.name) })),
    own: profile.journeys.some((j) => j.sli),
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
  const alertmanager = alertmanagerReadme(profile);
  const todos = [
    ...alertmanager.todos,
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
    ...byoTodos(profile),
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
      journeySlis(j).map((sli) => ({
        journey: j.name,
        sli,
        rate: minRequestRate(j, sli),
      })),
    ),
    todos,
    businessHours: alertmanager.businessHours,
  };
}
