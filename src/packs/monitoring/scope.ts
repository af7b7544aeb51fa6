import type { Profile } from "../../profile/schema.js";
import { promLabel } from "../../render/escape.js";
import { kubeTarget } from "../shared/kube.js";
import { presetChoice, sliPreset } from "./sli-presets.js";
import type { AlertDef, InputSeries, RecordingRule, Scenario } from "./rules.js";

/** The label matchers that keep the watched environment's series apart from the others', and where they came from. */
export interface Scope {
  labels: Record<string, string>;
  source: "config" | "namespaces" | "helm" | "deploy" | "ingress-host" | "none";
  /** The file:line the selector was read from (Helm values and deploy files). */
  evidence?: string;
  /**
   * Which series the labels narrow: every series that names the service, or only the ingress controller's and
   * the SLIs recorded from them (a `host` label exists on nothing else, so the service's own metrics keep none).
   */
  reach: "service" | "ingress";
}

export function onKubernetes(profile: Profile): boolean {
  return (
    profile.service.hosting === "kubernetes" ||
    profile.facts.deployFiles.some((d) => d.kind === "kubernetes" || d.kind === "helm")
  );
}

/**
 * `monitoring.selectors` from the config, else production's namespace (config, Helm values or deploy commands),
 * else, when the rules read the ingress controller, production's ingress host from its values file
 * (ingress-nginx labels its request series by `host`); else none.
 */
export function monitoringScope(profile: Profile): Scope {
  const configured = profile.monitoring?.selectors;
  if (configured && Object.keys(configured).length > 0)
    return { labels: configured, source: "config", reach: "service" };
  const none: Scope = { labels: {}, source: "none", reach: "service" };
  if (!onKubernetes(profile) && !profile.service.namespaces) return none;
  const kube = kubeTarget(profile);
  const evidence = (e?: string) => (e ? { evidence: e } : {});
  if (kube.namespace)
    return {
      labels: { namespace: kube.namespace },
      source: kube.source === "config" ? "namespaces" : kube.source === "deploy" ? "deploy" : "helm",
      ...evidence(kube.namespaceEvidence),
      reach: "service",
    };
  if (kube.host && presetChoice(profile).name === "ingress-nginx")
    return {
      labels: { host: kube.host },
      source: "ingress-host",
      ...evidence(kube.hostEvidence),
      reach: "ingress",
    };
  return none;
}

const ORIGIN: Record<Scope["source"], string> = {
  config: "monitoring.selectors in govops.config.yaml",
  namespaces: "service.namespaces in govops.config.yaml",
  helm: "the chart's values",
  deploy: "the deploy commands",
  "ingress-host": "the production ingress host in its Helm values file",
  none: "",
};

/** The selectors for the README, where they were read, and what they narrow; empty when there are none. */
export function scopeSummary(scope: Scope): string {
  const selectors = Object.entries(scope.labels).map(([k, v]) => `${k}="${v}"`);
  if (!selectors.length) return "";
  const from = `${ORIGIN[scope.source]}${scope.evidence ? `, ${scope.evidence}` : ""}`;
  return scope.reach === "ingress"
    ? `${selectors.join(", ")} on the ingress controller's series and the SLIs recorded from them (from ${from}; the service's own metrics carry no host label: set monitoring.selectors or service.namespaces to narrow them too)`
    : `${selectors.join(", ")} (from ${from})`;
}

/** A matcher to narrow after: a literal one, or a pattern (the service's matcher in recorded series only). */
export type Anchor = string | RegExp;

/**
 * The matchers that name the service in a selector: its own label, and the ingress an ingress preset reads.
 * Narrowed to the ingress, only the preset's fixed matchers and the service's matcher in recorded series
 * (`level:metric:operations`) are anchors.
 */
export function scopeAnchors(
  service: string,
  fixed: Record<string, string>,
  reach: Scope["reach"] = "service",
): Anchor[] {
  const own = `service="${promLabel(service)}"`;
  const preset = Object.entries(fixed).map(([k, v]) => `${k}="${promLabel(v)}"`);
  if (reach === "service") return [own, ...preset];
  const quoted = own.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return [...preset, new RegExp(`(?<=[a-zA-Z_]\\w*:[\\w:]*\\{)${quoted}`, "g")];
}

/**
 * The watched environment's labels, how far they reach and the anchors they are added after. `reach` forces
 * the service's reach: the summary series restate SLIs, so even their constants carry the labels.
 */
export function watchedScope(profile: Profile, reach?: Scope["reach"]) {
  const scope = monitoringScope(profile);
  const r = reach ?? scope.reach;
  return {
    labels: scope.labels,
    reach: r,
    anchors: scopeAnchors(profile.service.name, sliPreset(profile).fixed, r),
  };
}

/**
 * Adds the scope's matchers wherever an expression or series names the service (an anchor): every rule
 * builder selects by service or by the preset's fixed labels, so every series read is narrowed to one
 * environment.
 */
export function scopeText(text: string, anchors: Anchor[], labels: Record<string, string>): string {
  const extra = Object.entries(labels)
    .map(([k, v]) => `, ${k}="${promLabel(v)}"`)
    .join("");
  if (!extra) return text;
  return anchors.reduce<string>(
    (t, anchor) =>
      typeof anchor === "string"
        ? t.split(anchor).join(`${anchor}${extra}`)
        : t.replace(anchor, (m) => `${m}${extra}`),
    text,
  );
}

function scopeSeries(series: InputSeries[], anchors: Anchor[], labels: Record<string, string>) {
  return series.map((s) => ({ ...s, series: scopeText(s.series, anchors, labels) }));
}

function scopeScenario(s: Scenario, anchors: Anchor[], labels: Record<string, string>): Scenario {
  return { ...s, series: scopeSeries(s.series, anchors, labels) };
}

/** Scope labels join a rule's own; narrowed to the ingress, only where its expression was narrowed. */
function joins(before: string, after: string, reach: Scope["reach"]): boolean {
  return reach === "service" || before !== after;
}

export function scopeRecord(
  r: RecordingRule,
  anchors: Anchor[],
  labels: Record<string, string>,
  reach: Scope["reach"] = "service",
): RecordingRule {
  const expr = scopeText(r.expr, anchors, labels);
  return { ...r, expr, labels: joins(r.expr, expr, reach) ? { ...r.labels, ...labels } : r.labels };
}

/** The alert, its recording rules and its test scenarios, narrowed to the scope; scope labels join its labels. */
export function scopeAlert(
  def: AlertDef,
  anchors: Anchor[],
  labels: Record<string, string>,
  reach: Scope["reach"] = "service",
): AlertDef {
  if (Object.keys(labels).length === 0) return def;
  const expr = scopeText(def.rule.expr, anchors, labels);
  if (!joins(def.rule.expr, expr, reach)) return def;
  const { service: svc, ...rest } = def.rule.labels;
  return {
    ...def,
    rule: { ...def.rule, expr, labels: { service: svc!, ...labels, ...rest } },
    ...(def.records ? { records: def.records.map((r) => scopeRecord(r, anchors, labels, reach)) } : {}),
    firing: def.firing.map((s) => scopeScenario(s, anchors, labels)),
    quiet: def.quiet.map((s) => scopeScenario(s, anchors, labels)),
  };
}
