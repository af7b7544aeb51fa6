import type { Profile } from "../../profile/schema.js";
import { dataAlerts } from "./data-alerts.js";
import { dataProtectionAlerts } from "./data-protection.js";
import { dependencyAlerts } from "./dependency-alerts.js";
import { availabilityAlerts } from "./probes.js";
import type { AlertDef, AlertRule, RecordingRule, RulesFile } from "./rules.js";
import { scopeAlert, scopeRecord, watchedScope } from "./scope.js";
import { sliPreset } from "./sli-presets.js";
import { recordingRules, sloAlerts, sloGuardAlerts } from "./slo.js";
import { workloadAlerts } from "./workload-alerts.js";

export { ALERT_KEYS, type AlertKey } from "./failure-modes.js";
export { RULES_FILES, type AlertDef, type RulesFile } from "./rules.js";

const cache = new WeakMap<Profile, AlertDef[]>();

/** Every alert the monitoring pack generates for a profile, SLO alerts first. Pure; cached per profile object. */
export function monitoringAlerts(profile: Profile): AlertDef[] {
  let alerts = cache.get(profile);
  if (!alerts) {
    const { labels, reach, anchors } = watchedScope(profile);
    alerts = [
      ...profile.journeys.flatMap((j) => [...sloAlerts(profile, j), ...sloGuardAlerts(profile, j)]),
      ...availabilityAlerts(profile),
      ...dependencyAlerts(profile),
      ...workloadAlerts(profile),
      ...dataAlerts(profile),
      ...dataProtectionAlerts(profile),
    ].map((a) => scopeAlert(a, anchors, labels, reach));
    cache.set(profile, alerts);
  }
  return alerts;
}

/**
 * Alert names by the failure mode whose runbook they link to, for runbooks to link back. Each name once,
 * in the order the rules files list them; failure modes no alert detects are absent.
 */
export function alertsForFailureMode(profile: Profile): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const { rule, failureModeId } of monitoringAlerts(profile)) {
    const names = map.get(failureModeId) ?? [];
    if (!names.includes(rule.alert)) names.push(rule.alert);
    map.set(failureModeId, names);
  }
  return map;
}

export interface RuleGroup {
  name: string;
  rules: Array<RecordingRule | AlertRule>;
}

/** ops/monitoring/slo-rules.yml: one group per journey, recording rules then burn-rate alerts. */
export function sloRuleGroups(profile: Profile): RuleGroup[] {
  const alerts = monitoringAlerts(profile).filter((a) => a.file === "slo");
  const service = profile.service.name;
  const { labels, reach, anchors } = watchedScope(profile);
  const preset = sliPreset(profile);
  return profile.journeys.map((j) => ({
    name: `${service}-${j.id}-slo`,
    rules: [
      ...recordingRules(preset, service, j).map((r) => scopeRecord(r, anchors, labels, reach)),
      ...alerts.filter((a) => a.rule.labels.journey === j.id).map((a) => a.rule),
    ],
  }));
}

/** The groups of one rules file: SLOs per journey; for the other files, one group of failure-mode alerts. */
export function ruleGroups(profile: Profile, file: RulesFile): RuleGroup[] {
  if (file === "slo") return sloRuleGroups(profile);
  const rules = monitoringAlerts(profile)
    .filter((a) => a.file === file)
    .flatMap((a) => [...(a.records ?? []), a.rule]);
  return rules.length ? [{ name: `${profile.service.name}-${file}`, rules }] : [];
}
