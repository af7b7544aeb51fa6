import { parse } from "yaml";
import type { Detector } from "../detector.js";
import { ev } from "../context.js";
import type { Findings } from "../facts.js";
import { portSignals } from "./helm-ports.js";

type Signal = NonNullable<Findings["signals"]>[number];

const CHART = /(^|\/)Chart\.ya?ml$/;
/** values.yaml, values-prod.yaml, values.dev.template.yaml, values/prod.yaml: the environment is what follows. */
const VALUES = /(^|\/)values([-._][\w.-]+)?\.ya?ml$/;
const IGNORED_ENV = /^(template|tpl|example|sample|default|defaults|local|schema)$/;

/** The environment a values file configures, from its name: `values-preprod.yaml` → `preprod`. */
export function valuesEnvironment(rel: string): string | undefined {
  const m = VALUES.exec(rel);
  const words = (m?.[2] ?? "")
    .replace(/^[-._]/, "")
    .split(/[.-]/)
    .filter((w) => w && !IGNORED_ENV.test(w.toLowerCase()));
  return words[0]?.toLowerCase();
}

function lineOf(text: string, key: string): number {
  const at = text.split("\n").findIndex((l) => new RegExp(`^\\s*${key}:`).test(l));
  return at >= 0 ? at + 1 : 1;
}

function safeParse(text: string): Record<string, unknown> | undefined {
  try {
    const doc = parse(text) as unknown;
    return doc && typeof doc === "object" ? (doc as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** A literal namespace (no template braces) at the top level or one level down (`generic-service.namespace`). */
function namespaceOf(doc: Record<string, unknown>): string | undefined {
  const direct = [doc.namespace, ...Object.values(doc).map((v) => (v as { namespace?: unknown })?.namespace)];
  const found = direct.find(
    (v): v is string => typeof v === "string" && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(v),
  );
  return found;
}

const INGRESS_KIND = /^kind:\s*Ingress\s*$/m;
const WORKLOAD_KIND = /^kind:\s*(Service|Deployment|StatefulSet)\s*$/m;

/** An ingress the values turn on: an `ingress` block not disabled, or an `ingressHost`, at the top or one down. */
function valuesIngress(doc: Record<string, unknown>): { className?: string } | undefined {
  for (const level of [doc, ...Object.values(doc)]) {
    if (!level || typeof level !== "object") continue;
    const l = level as { ingress?: { enabled?: unknown; className?: unknown }; ingressHost?: unknown };
    if (typeof l.ingressHost === "string") return {};
    if (l.ingress && typeof l.ingress === "object" && l.ingress.enabled !== false)
      return typeof l.ingress.className === "string" ? { className: l.ingress.className } : {};
  }
  return undefined;
}

/** A host name written out in full: no template braces or variables, and not a reserved test or local name. */
const LITERAL_HOST = /^(?=.{4,253}$)([a-z0-9]([-a-z0-9]*[a-z0-9])?\.)+[a-z]{2,63}$/i;
const RESERVED_HOST = /(^|\.)(local|localhost|test|example|invalid|internal)$/i;

function literalHost(value: unknown): string | undefined {
  const host = typeof value === "object" && value ? (value as { host?: unknown }).host : value;
  return typeof host === "string" && LITERAL_HOST.test(host) && !RESERVED_HOST.test(host) ? host : undefined;
}

/**
 * The ingress host a values file sets literally (`ingress.host`, the first of `ingress.hosts`, `ingressHost`),
 * at the top or one level down. A templated host (`{{ .Values.x }}`, `${FQDN}`) is no host: never guessed.
 */
export function valuesIngressHost(doc: Record<string, unknown>): string | undefined {
  for (const level of [doc, ...Object.values(doc)]) {
    if (!level || typeof level !== "object") continue;
    const l = level as { ingress?: { host?: unknown; hosts?: unknown }; ingressHost?: unknown };
    const hosts = Array.isArray(l.ingress?.hosts) ? l.ingress.hosts : [];
    const found = [l.ingress?.host, hosts[0], l.ingressHost].map(literalHost).find(Boolean);
    if (found) return found;
  }
  return undefined;
}

/** `helm-host` for an environment's values file (snippet: the host), on the line that names it. */
function hostSignal(rel: string, text: string, doc: Record<string, unknown>): Signal[] {
  const host = valuesIngressHost(doc);
  if (!host) return [];
  const line = text.split("\n").findIndex((l) => l.includes(host) && /host/i.test(l));
  return [{ name: "helm-host", evidence: ev(rel, line + 1 || 1, host) }];
}

/** `kind: Ingress` manifests: the ingress's name from its metadata. */
function manifestIngresses(text: string): string[] {
  return text
    .split(/^---\s*$/m)
    .filter((doc) => INGRESS_KIND.test(doc))
    .map((doc) => {
      const name = (safeParse(doc)?.metadata as { name?: unknown } | undefined)?.name;
      return typeof name === "string" ? name : "";
    });
}

/**
 * Helm charts and their values files, as signals runbooks use for `helm` and `kubectl` commands:
 * `helm-chart` (snippet: the chart's name), `helm-values` (snippet: the environment the file configures)
 * `helm-namespace` (snippet: a namespace the values file sets literally) and `helm-host` (snippet: the ingress
 * host an environment's values file sets literally); and `ingress` (snippet: the
 * ingress's name from a manifest, or the chart's name with `class=<className>` when the values set one), which
 * picks the ingress-nginx SLI preset; and `metrics-port` and `service-port` (see helm-ports.ts), the port the
 * platform scrapes, which the starter instrumentation serves metrics on.
 */
export const helmDetector: Detector = {
  id: "helm",
  title: "Helm charts, their environments and namespaces",
  isEnabled: (ctx) =>
    ctx.paths.some((p) => CHART.test(p)) ||
    ctx.textFiles.some(
      (f) => /\.ya?ml$/.test(f.rel) && (INGRESS_KIND.test(f.text) || WORKLOAD_KIND.test(f.text)),
    ),
  detect(ctx) {
    const signals: Signal[] = [];
    const chartDirs = ctx.paths.filter((p) => CHART.test(p)).map((p) => p.replace(CHART, ""));
    const charts = ctx.textFiles.filter((f) => CHART.test(f.rel));
    const chartName = (dir: string) => {
      const near = (c: string) => c === dir || dir.startsWith(c) || c.startsWith(dir);
      return charts.find((f) => near(f.rel.replace(CHART, ""))) ?? charts[0];
    };
    for (const file of ctx.textFiles) {
      if (/\.ya?ml$/.test(file.rel) && !file.rel.includes("/templates/") && INGRESS_KIND.test(file.text))
        for (const name of manifestIngresses(file.text))
          signals.push({ name: "ingress", evidence: ev(file.rel, lineOf(file.text, "kind"), name) });
      if (/\.ya?ml$/.test(file.rel) && !file.rel.includes("/templates/") && WORKLOAD_KIND.test(file.text))
        signals.push(...portSignals(file, false));
      if (CHART.test(file.rel)) {
        const name = safeParse(file.text)?.name;
        if (typeof name === "string")
          signals.push({ name: "helm-chart", evidence: ev(file.rel, lineOf(file.text, "name"), name) });
        continue;
      }
      if (!VALUES.test(file.rel) || file.rel.includes("/templates/")) continue;
      const dir = file.rel.replace(/[^/]*$/, "").replace(/\/$/, "");
      const near = chartDirs.some((c) => c === dir || dir.startsWith(c) || c.startsWith(dir));
      if (!near) continue;
      const env = valuesEnvironment(file.rel);
      if (env) signals.push({ name: "helm-values", evidence: ev(file.rel, 1, env) });
      signals.push(...portSignals(file, true));
      const doc = safeParse(file.text);
      const ingress = doc && valuesIngress(doc);
      if (ingress) {
        const chart = chartName(dir);
        const name = chart ? safeParse(chart.text)?.name : undefined;
        const label = [
          typeof name === "string" ? name : "",
          ingress.className ? `class=${ingress.className}` : "",
        ];
        signals.push({
          name: "ingress",
          evidence: ev(file.rel, lineOf(file.text, "ingress"), label.filter(Boolean).join(" ")),
        });
      }
      if (env && doc) signals.push(...hostSignal(file.rel, file.text, doc));
      const ns = doc && namespaceOf(doc);
      if (ns)
        signals.push({ name: "helm-namespace", evidence: ev(file.rel, lineOf(file.text, "namespace"), ns) });
    }
    return { signals };
  },
};
