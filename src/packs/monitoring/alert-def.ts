import type { FailureMode, Profile } from "../../profile/schema.js";
import { dashboardUrl } from "../../layout.js";
import { runbookLink } from "./links.js";
import {
  IMPACT_BY_PRIORITY,
  severityFor,
  type AlertDef,
  type AlertSeverity,
  type Priority,
  type RecordingRule,
  type RulesFile,
  pascal,
  type Scenario,
} from "./rules.js";

export interface AlertSpec {
  /** The part of the alert name after the service prefix, in words or PascalCase. */
  name: string;
  expr: string;
  for: string;
  /** Default: page for P1/P2 failure modes, ticket for P3/P4. */
  severity?: AlertSeverity;
  priority?: Priority;
  /** journey or dependency labels (plain values; never personal data). */
  scope?: Record<string, string>;
  citizenImpact?: string;
  summary: string;
  /** What is happening; the failure mode's citizen impact is appended. */
  description: string;
  firing: Scenario[];
  quiet: Scenario[];
  file: Exclude<RulesFile, "slo">;
  records?: RecordingRule[];
  /** Alerts whose scenarios read disjoint series get different keys (see AlertDef.mergeKey). */
  mergeKey?: string | string[];
}

/** An alert for a failure mode: labels and annotations every alert carries, links to its runbook. */
export function alertFor(profile: Profile, fm: FailureMode, spec: AlertSpec): AlertDef {
  const service = profile.service.name;
  const priority = spec.priority ?? fm.severity;
  return {
    rule: {
      alert: `${pascal(service)}${pascal(spec.name)}`,
      expr: spec.expr,
      for: spec.for,
      labels: {
        service,
        ...spec.scope,
        severity: spec.severity ?? severityFor(priority),
        priority,
        citizen_impact: spec.citizenImpact ?? IMPACT_BY_PRIORITY[priority],
      },
      annotations: {
        summary: spec.summary,
        description: `${spec.description} Citizen impact: ${fm.citizenImpact}`,
        runbook_url: runbookLink(profile, fm.id),
        dashboard_url: dashboardUrl(profile.service.dashboardBaseUrl, service),
      },
    },
    failureModeId: fm.id,
    file: spec.file,
    ...(spec.records ? { records: spec.records } : {}),
    ...(spec.mergeKey ? { mergeKey: spec.mergeKey } : {}),
    firing: spec.firing,
    quiet: spec.quiet,
  };
}
