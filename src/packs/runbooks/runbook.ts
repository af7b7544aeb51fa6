import type { FailureMode, Journey, Profile } from "../../profile/schema.js";
import { dashboardUrl } from "../../layout.js";
import type { AlertRef } from "./alerts.js";
import { diagnosisModel, relatedDependencies } from "./diagnosis.js";
import { code, duration, percent, prose } from "../shared/format.js";
import { errorBudget } from "../shared/error-budget.js";
import { levelRecovery } from "../shared/level.js";
import { panelsFor } from "./panels.js";
import { severity } from "../shared/severity.js";
import { dutiesOf } from "../shared/legal.js";

/** A journey's writes, as table-cell code spans (pipes escaped), at most five and a count of the rest. */
function cannotDo(j: Journey): string[] {
  const writes = j.entryRoutes
    .filter((r) => r.method !== "GET" && r.method !== "HEAD")
    .map((r) => code(`${r.method} ${r.path}`).replace(/\|/g, "\\|"));
  return writes.length > 5 ? [...writes.slice(0, 5), `and ${writes.length - 5} more`] : writes;
}

/** How much full outage the journey's availability SLO allows over its period. */
function budget(j: Journey): string {
  const minutes = errorBudget(j.slo.availability) * j.slo.periodDays * 24 * 60;
  return `${percent(j.slo.availability)} availability over ${j.slo.periodDays} days allows ${duration(minutes)} of full outage in the period`;
}

function journeysOf(profile: Profile, fm: FailureMode): Journey[] {
  const direct = profile.journeys.filter((j) => fm.affects.journeys.includes(j.id));
  if (direct.length) return direct;
  const deps = new Set(relatedDependencies(profile, fm).flatMap((d) => d.journeys));
  return profile.journeys.filter((j) => deps.has(j.id));
}

/** Why a failure mode has no alert, how it is found instead, and which journey alerts may fire first. */
function noAlert(profile: Profile, fm: FailureMode): string {
  const signal = prose(fm.detection.signal);
  const nearby = profile.journeys
    .filter((j) => fm.affects.journeys.includes(j.id) && !fm.id.startsWith(`${j.id}-`))
    .map((j) => `${j.id}-slo-burn`)
    .filter((id) => profile.failureModes.some((f) => f.id === id))
    .map((id) => `[${id}](${id}.md)`);
  const first = nearby.length
    ? ` The journey's burn-rate alerts may fire first: see ${nearby.join(" and ")}.`
    : "";
  if (fm.commsTemplate === "data-breach" || fm.commsTemplate === "security")
    return `No metric alert: a breach rarely shows in request metrics. It is found through ${signal}, and anyone who suspects it tells the incident lead at once.`;
  return `No alert links here: the metrics the monitoring pack generates do not isolate this failure. It is found through ${signal}.${first} To alert on it, export a metric for it and set \`detection.alert\` on the failure mode with \`id: ${fm.id}\` under \`failureModes\` in govops.config.yaml.`;
}

function verify(profile: Profile, fm: FailureMode, alerts: AlertRef[]): string[] {
  const health = profile.facts.readiness.healthEndpoints[0]?.path;
  return [
    ...(alerts.length ? [`The alerts above have resolved and stay resolved for 30 minutes.`] : []),
    ...(health
      ? [
          profile.service.baseUrl
            ? `The health endpoint answers: ${code(`curl -fsS "${profile.service.baseUrl.replace(/\/+$/, "")}${health}"`)}.`
            : `The health endpoint answers: ${code(`curl -fsS "<service base URL>${health}"`)} (set \`baseUrl\` under \`service\` in govops.config.yaml to put the address here).`,
        ]
      : []),
    "A person from the team completes each affected journey end to end with test data.",
    ...(fm.recovery.length
      ? ["Every recovery step above is done and its counts match (replayed, resent, reconciled)."]
      : []),
  ];
}

/** Who hears of a breach and by when, by the regime the data falls under. */
function breachDuty(profile: Profile): string {
  const d = dutiesOf(profile);
  if (d.lawEnforcement)
    return "Tell the data protection officer and the department security team now. The service appears to process personal data for law-enforcement purposes (DPA 2018 Part 3): the controller reports a breach to the ICO within 72 hours of becoming aware, where feasible (section 67), and tells the people affected when the risk to them is high (section 68).";
  return "Tell the data protection officer and the department security team now: the ICO must hear within 72 hours of the team becoming aware, where feasible (UK GDPR Article 33).";
}

/**
 * The runbook's view model: pre-escaped Markdown, plus the raw `service`, `fm` and `dependencies` that
 * teams' template overrides may use (through the `md` helper).
 */
export function runbookModel(profile: Profile, fm: FailureMode, alerts: AlertRef[], hasDashboard = true) {
  const sev = severity(fm.severity);
  const journeys = journeysOf(profile, fm);
  const diagnosis = diagnosisModel(profile, fm, hasDashboard);
  const breach = fm.commsTemplate === "data-breach" || fm.commsTemplate === "security";
  return {
    service: profile.service,
    fm,
    dependencies: relatedDependencies(profile, fm),
    id: fm.id,
    title: prose(fm.title),
    serviceTitle: prose(profile.service.title),
    severity: sev,
    meaning: prose(fm.trigger),
    signal: prose(fm.detection.signal),
    impact: prose(fm.citizenImpact),
    journeys: journeys.map((j) => ({
      name: prose(j.name),
      affected: prose(j.affected),
      cannot: cannotDo(j),
      budget: budget(j),
    })),
    alerts,
    noAlert: alerts.length ? undefined : noAlert(profile, fm),
    panels: panelsFor(profile, fm, hasDashboard),
    dashboard: dashboardUrl(profile.service.dashboardBaseUrl, profile.service.name),
    diagnosis,
    mitigation: [...fm.mitigation.map(prose), ...diagnosis.mitigation],
    recovery: [...fm.recovery.map(prose), ...levelRecovery(profile, fm)],
    comms:
      fm.commsTemplate === "none"
        ? undefined
        : { kind: fm.commsTemplate, link: `../incident/comms/${fm.commsTemplate}.md` },
    breach,
    breachDuty: breachDuty(profile),
    verify: verify(profile, fm, alerts),
    postmortemRequired: fm.severity === "P1" || fm.severity === "P2",
  };
}
