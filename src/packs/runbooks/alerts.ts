import type { Profile } from "../../profile/schema.js";
import { monitoringAlerts } from "../monitoring/alerts.js";
import { monitoringPack } from "../monitoring/index.js";
import { prose } from "../shared/format.js";

/** An alert in the monitoring pack whose `runbook_url` points at a failure mode's runbook. */
export interface AlertRef {
  name: string;
  /** page, ticket or security; an alert with a fast and a slow rule has both. */
  severities: string[];
  /** The alert's summary annotation, as Markdown. */
  fires: string;
  /** The rules file it lives in, relative to `ops/monitoring/`. */
  file: string;
}

/** The files the monitoring pack writes for this profile: runbooks link only to these. */
export function monitoringFiles(profile: Profile): Set<string> {
  return new Set(monitoringPack.outputs(profile, {}).map((f) => f.path));
}

/** The monitoring pack's alerts grouped by the failure mode whose runbook they link to, for rules files it writes. */
export function alertsByFailureMode(profile: Profile): Map<string, AlertRef[]> {
  const out = new Map<string, AlertRef[]>();
  const written = monitoringFiles(profile);
  for (const def of monitoringAlerts(profile)) {
    if (!written.has(`ops/monitoring/${def.file}-rules.yml`)) continue;
    const refs = out.get(def.failureModeId) ?? [];
    const existing = refs.find((r) => r.name === def.rule.alert);
    const severity = def.rule.labels.severity ?? "page";
    if (existing) {
      if (!existing.severities.includes(severity)) existing.severities.push(severity);
      continue;
    }
    refs.push({
      name: def.rule.alert,
      severities: [severity],
      fires: prose(def.rule.annotations.summary),
      // The monitoring target names each rules file after its group: ops/monitoring/<file>-rules.yml.
      file: `${def.file}-rules.yml`,
    });
    out.set(def.failureModeId, refs);
  }
  return out;
}
