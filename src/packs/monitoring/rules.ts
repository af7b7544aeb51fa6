import { promLabel } from "../../render/escape.js";

/** Alert names are CamelCase with the service as prefix. */
export function pascal(text: string): string {
  return text
    .split(/[^a-zA-Z0-9]+/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join("");
}

/** Rules files by concern, so each promtool test file evaluates only the rules it tests. */
export const RULES_FILES = ["slo", "availability", "dependency", "workload", "data-protection"] as const;
export type RulesFile = (typeof RULES_FILES)[number];

/**
 * promtool's evaluation interval for each file's tests. Data-protection baselines need a day of history,
 * so their tests step 5 minutes at a time; every scenario there checks at multiples of 5 minutes.
 */
export const TEST_INTERVAL: Record<RulesFile, string> = {
  slo: "1m",
  availability: "1m",
  dependency: "1m",
  workload: "1m",
  "data-protection": "5m",
};

export type AlertSeverity = "page" | "ticket" | "security";
export type Priority = "P1" | "P2" | "P3" | "P4";

export interface RecordingRule {
  record: string;
  expr: string;
  labels: Record<string, string>;
}

export interface AlertRule {
  alert: string;
  expr: string;
  for: string;
  labels: Record<string, string>;
  annotations: { summary: string; description: string; runbook_url: string; dashboard_url: string };
}

/** One input series of a promtool unit test. */
export interface InputSeries {
  series: string;
  values: string;
}

/** A promtool test group: input series, and the times at which the alert must (or must not) be firing. */
export interface Scenario {
  name: string;
  series: InputSeries[];
  evalTimes: string[];
  /**
   * The alert instances that must be firing, each named by labels: rule labels pick among alerts of one
   * name (e.g. severity), other labels are the ones the expression gives it (from `by (…)`). None: quiet.
   */
  fires?: Array<Record<string, string>>;
}

/** An alert with the failure mode it serves and the scenarios that prove it. */
export interface AlertDef {
  rule: AlertRule;
  /** Recording rules the alert reads, placed before it in its group. */
  records?: RecordingRule[];
  failureModeId: string;
  /** The rules file it lives in: ops/monitoring/<file>-rules.yml. */
  file: RulesFile;
  /** Scenarios where the alert must fire (first) and where it must stay quiet. */
  firing: Scenario[];
  quiet: Scenario[];
  /**
   * Alerts with different keys read disjoint series, so their scenarios may share one promtool test group
   * (promtool's cost grows with groups × steps × rules). An alert reading several alerts' series lists all
   * their keys. Unset: each scenario gets a group of its own.
   */
  mergeKey?: string | string[];
}

/** A PromQL selector body from label matchers, each value quoted for PromQL. */
export function selector(matchers: Record<string, string>, extra: string[] = []): string {
  const parts = Object.entries(matchers).map(([k, v]) => `${k}="${promLabel(v)}"`);
  return `{${[...parts, ...extra].join(", ")}}`;
}

/** A series name for promtool's input_series, e.g. `metric{a="b"}`. */
export function seriesName(metric: string, labels: Record<string, string>): string {
  return `${metric}${selector(labels)}`;
}

/** P1/P2 interrupt someone (page); P3/P4 wait for working hours (ticket). */
export function severityFor(priority: Priority): AlertSeverity {
  return priority === "P1" || priority === "P2" ? "page" : "ticket";
}

export const IMPACT_BY_PRIORITY: Record<Priority, string> = {
  P1: "critical",
  P2: "high",
  P3: "medium",
  P4: "low",
};
