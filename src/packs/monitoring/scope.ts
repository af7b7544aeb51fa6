import type { Profile } from "../../profile/schema.js";
import { promLabel } from "../../render/escape.js";
import { kubeTarget } from "../shared/kube.js";
import type { AlertDef, InputSeries, RecordingRule, Scenario } from "./rules.js";

/** The label matchers that keep the watched environment's series apart from the others', and where they came from. */
export interface Scope {
  labels: Record<string, string>;
  source: "config" | "namespaces" | "helm" | "none";
}

export function onKubernetes(profile: Profile): boolean {
  return (
    profile.service.hosting === "kubernetes" ||
    profile.facts.deployFiles.some((d) => d.kind === "kubernetes" || d.kind === "helm")
  );
}

/** `monitoring.selectors` from the config, else production's namespace (config or Helm values), else none. */
export function monitoringScope(profile: Profile): Scope {
  const configured = profile.monitoring?.selectors;
  if (configured && Object.keys(configured).length > 0) return { labels: configured, source: "config" };
  if (!onKubernetes(profile) && !profile.service.namespaces) return { labels: {}, source: "none" };
  const kube = kubeTarget(profile);
  if (!kube.namespace) return { labels: {}, source: "none" };
  return { labels: { namespace: kube.namespace }, source: kube.source === "config" ? "namespaces" : "helm" };
}

/** The matchers that name the service in a selector: its own label, and the ingress an ingress preset reads. */
export function scopeAnchors(service: string, fixed: Record<string, string>): string[] {
  return [
    `service="${promLabel(service)}"`,
    ...Object.entries(fixed).map(([k, v]) => `${k}="${promLabel(v)}"`),
  ];
}

/**
 * Adds the scope's matchers wherever an expression or series names the service (an anchor): every rule
 * builder selects by service or by the preset's fixed labels, so every series read is narrowed to one
 * environment.
 */
export function scopeText(text: string, anchors: string[], labels: Record<string, string>): string {
  const extra = Object.entries(labels)
    .map(([k, v]) => `, ${k}="${promLabel(v)}"`)
    .join("");
  if (!extra) return text;
  return anchors.reduce((t, anchor) => t.split(anchor).join(`${anchor}${extra}`), text);
}

function scopeSeries(series: InputSeries[], anchors: string[], labels: Record<string, string>) {
  return series.map((s) => ({ ...s, series: scopeText(s.series, anchors, labels) }));
}

function scopeScenario(s: Scenario, anchors: string[], labels: Record<string, string>): Scenario {
  return { ...s, series: scopeSeries(s.series, anchors, labels) };
}

export function scopeRecord(
  r: RecordingRule,
  anchors: string[],
  labels: Record<string, string>,
): RecordingRule {
  return { ...r, expr: scopeText(r.expr, anchors, labels), labels: { ...r.labels, ...labels } };
}

/** The alert, its recording rules and its test scenarios, narrowed to the scope; scope labels join its labels. */
export function scopeAlert(def: AlertDef, anchors: string[], labels: Record<string, string>): AlertDef {
  if (Object.keys(labels).length === 0) return def;
  const { service: svc, ...rest } = def.rule.labels;
  return {
    ...def,
    rule: {
      ...def.rule,
      expr: scopeText(def.rule.expr, anchors, labels),
      labels: { service: svc!, ...labels, ...rest },
    },
    ...(def.records ? { records: def.records.map((r) => scopeRecord(r, anchors, labels)) } : {}),
    firing: def.firing.map((s) => scopeScenario(s, anchors, labels)),
    quiet: def.quiet.map((s) => scopeScenario(s, anchors, labels)),
  };
}
