import { parse } from "yaml";
import type { Detector } from "../detector.js";
import { ev } from "../context.js";
import type { Findings } from "../facts.js";

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

/**
 * Helm charts and their values files, as signals runbooks use for `helm` and `kubectl` commands:
 * `helm-chart` (snippet: the chart's name), `helm-values` (snippet: the environment the file configures)
 * and `helm-namespace` (snippet: a namespace the values file sets literally).
 */
export const helmDetector: Detector = {
  id: "helm",
  title: "Helm charts, their environments and namespaces",
  isEnabled: (ctx) => ctx.paths.some((p) => CHART.test(p)),
  detect(ctx) {
    const signals: Signal[] = [];
    const chartDirs = ctx.paths.filter((p) => CHART.test(p)).map((p) => p.replace(CHART, ""));
    for (const file of ctx.textFiles) {
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
      const doc = safeParse(file.text);
      const ns = doc && namespaceOf(doc);
      if (ns)
        signals.push({ name: "helm-namespace", evidence: ev(file.rel, lineOf(file.text, "namespace"), ns) });
    }
    return { signals };
  },
};
