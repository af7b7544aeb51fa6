import type { FailureMode, Profile } from "../../profile/schema.js";

/**
 * The alert keys a failure mode may name in `detection.alert`. Without a key, a failure mode is matched
 * by the words of its id, title and detection signal, so baseline profiles work unannotated.
 */
export const ALERT_KEYS = {
  "slo-burn": /slo[- ]burn/,
  dependency: /unavailable|refuses connections/,
  "db-pool": /connection pool|pool (is )?exhaust|connection[- ]exhaustion|pool waiting/,
  "queue-backlog": /queue[- ](backlog|depth)|message backlog|messages? (pile|back) up/,
  "job-failure":
    /\bjobs?\b|\bbatch\b|\bcron\b|scheduled (task|import)|last successful (import|run)|import error/,
  "data-freshness": /freshness|\bstale\b|out[- ]of[- ]date|last[- ]updated/,
  "deadline-at-risk":
    /at[- ]risk|overdue|sla[- ]breach|breach(es)? (its|their) (response )?deadline|past (its|their) due date/,
  "ruleset-mismatch": /rule[- ]?sets?\b|rules? version/,
  "metrics-missing": /metrics? (are )?(missing|absent)|no metrics|scrape fail/,
  "data-access": /bulk (export|read|download)|unauthori[sz]ed access|data[- ]exposure|exfiltrat|sees another/,
  "pd-in-logs": /(personal|sensitive) data (written )?(to|in) logs|in log scans|leak[- ]to[- ]logs/,
} as const;

export type AlertKey = keyof typeof ALERT_KEYS;

const PRIORITY_ORDER = ["P1", "P2", "P3", "P4"];

function text(fm: FailureMode): string {
  return `${fm.id} ${fm.title} ${fm.detection.signal}`.toLowerCase();
}

/** Whether a failure mode is detected by alerts of this kind: its explicit key, else its words. */
export function detectedBy(fm: FailureMode, key: AlertKey): boolean {
  const explicit = fm.detection.alert;
  if (explicit && explicit in ALERT_KEYS) return explicit === key;
  if (key === "data-access" && fm.commsTemplate === "data-breach") return true;
  return ALERT_KEYS[key].test(text(fm));
}

/** The failure mode whose runbook an alert of this kind links to: the most severe match, first on ties. */
export function ownerOf(
  profile: Profile,
  key: AlertKey,
  scope: { journey?: string; dependency?: string } = {},
): FailureMode | undefined {
  const candidates = profile.failureModes.filter(
    (fm) =>
      detectedBy(fm, key) &&
      (!scope.journey || fm.affects.journeys.includes(scope.journey)) &&
      (!scope.dependency || fm.affects.dependencies.includes(scope.dependency)),
  );
  return [...candidates].sort(
    (a, b) => PRIORITY_ORDER.indexOf(a.severity) - PRIORITY_ORDER.indexOf(b.severity),
  )[0];
}
