import type { Detector } from "../detector.js";
import { ev } from "../context.js";
import type { Findings } from "../facts.js";
import { valuesEnvironment } from "./helm.js";

type Signal = NonNullable<Findings["signals"]>[number];

/** CI pipelines, deploy scripts and Makefiles: where `helm upgrade` and `kubectl` are run with a namespace. */
const DEPLOY_FILE =
  /^\.github\/workflows\/[^/]+\.ya?ml$|(^|\/)(\.gitlab-ci\.ya?ml|\.drone[\w.-]*\.ya?ml|bitbucket-pipelines\.ya?ml|azure-pipelines[\w.-]*\.ya?ml|Jenkinsfile[\w.-]*|[Mm]akefile|GNUmakefile)$|^\.circleci\/config\.ya?ml$|^\.azuredevops\/.+\.ya?ml$|\.(sh|mk)$/;
/** A Kubernetes namespace name (RFC 1123 label): anything templated or quoted with variables fails it. */
const NAMESPACE = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
/** The cluster's own namespaces say nothing about where the service runs. */
const PLATFORM_NS = /^(kube-[\w-]+|default|ingress-nginx|cert-manager)$/;
const ENV_WORD =
  /^(prod|production|live|prd|preprod|staging|stg|uat|test|dev|development|qa|demo|sandbox|perftest|ithc|nonprod)$/i;
/** `--namespace x`, `--namespace=x`, `-n x` on a helm or kubectl command. */
const FLAG = /(?:^|\s)(?:--namespace[=\s]|-n\s)\s*(\S+)/g;
/** `KUBE_NAMESPACE: x`, `export HELM_NAMESPACE=x`, and `namespace: x` as a CI step's input. */
const ASSIGN =
  /^\s*(?:-\s+)?(?:export\s+)?([A-Za-z_]*(?:NAMESPACE|namespace)[A-Za-z_]*)\s*[:=]\s*(\S+)\s*(#.*)?$/;
const VALUES_FLAG = /(?:-f|--values)[=\s]\s*['"]?(\S+?\.ya?ml)/;

function literal(token: string): string | undefined {
  const ns = token.replace(/^['"(]+|['"),;]+$/g, "");
  return NAMESPACE.test(ns) && /[a-z]/.test(ns) && !PLATFORM_NS.test(ns) ? ns : undefined;
}

function envIn(text: string): string | undefined {
  return text
    .toLowerCase()
    .replace(/(pre|non)-prod/g, "$1prod")
    .split(/[^a-z]+/)
    .find((w) => ENV_WORD.test(w));
}

/**
 * The environment a line deploys to: its values file, the namespace's own name, else the nearest job, stage,
 * Makefile target or `environment:` above it (step names are prose: "check the service is live" names none).
 */
function environmentOf(
  lines: string[],
  at: number,
  command: string,
  ns: string,
  key = "",
): string | undefined {
  const fromKey = envIn(key);
  if (fromKey) return fromKey;
  const values = VALUES_FLAG.exec(command)?.[1];
  const fromValues = values ? valuesEnvironment(values.split("/").pop()!) : undefined;
  if (fromValues && ENV_WORD.test(fromValues)) return fromValues;
  const own = envIn(ns);
  if (own) return own;
  for (let i = at - 1; i >= Math.max(0, at - 30); i--) {
    const line = lines[i]!;
    if (/\b(helm|kubectl)\b/.test(line)) continue;
    // `environment:` with its name on the next line (GitLab CI, GitHub Actions).
    if (/^\s*name\s*:/.test(line) && /^\s*environment\s*:\s*$/.test(lines[i - 1] ?? "")) {
      const env = envIn(line.replace(/^\s*name\s*:/, ""));
      if (env) return env;
    }
    if (/^\s*(environment|stage|deploy[\w-]*)\s*:|stage\s*\(|^[\w.-]+:(\s|$)|^\s*[\w-]+:\s*$/.test(line)) {
      const env = envIn(line.replace(/^\s*(environment|stage)\s*:/, ""));
      if (env) return env;
    }
  }
  return undefined;
}

/** Physical lines with backslash continuations joined, each kept at the line it starts on. */
function commands(lines: string[]): Array<{ text: string; line: number }> {
  const out: Array<{ text: string; line: number }> = [];
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let text = lines[i]!;
    while (/\\\s*$/.test(text) && i + 1 < lines.length) text = `${text.replace(/\\\s*$/, " ")}${lines[++i]}`;
    out.push({ text, line: start });
  }
  return out;
}

function namespacesIn(rel: string, text: string): Signal[] {
  const lines = text.split("\n");
  const found = new Map<string, Signal>();
  const kube = /\b(helm|kubectl|k8s|kube)/i.test(text);
  const add = (ns: string | undefined, line: number, command: string, key?: string) => {
    if (!ns) return;
    const env = environmentOf(lines, line, command, ns, key);
    const snippet = env ? `${env}: ${ns}` : ns;
    if (!found.has(snippet))
      found.set(snippet, { name: "deploy-namespace", evidence: ev(rel, line + 1, snippet) });
  };
  for (const { text: command, line } of commands(lines)) {
    if (/^\s*#/.test(command)) continue;
    for (const part of command.split(/\|\|?|&&|;/).filter((p) => /\b(helm|kubectl)\s/.test(p)))
      for (const m of part.matchAll(FLAG)) add(literal(m[1]!), line, part);
    const assign = ASSIGN.exec(command);
    // A lower-case `namespace:` is a Kubernetes one only in a pipeline that deploys to Kubernetes.
    if (assign && (/[A-Z]/.test(assign[1]!) || (kube && /\.ya?ml$/.test(rel))))
      add(literal(assign[2]!), line, command, assign[1]);
  }
  return [...found.values()];
}

/**
 * Namespaces the deploy commands name literally: `helm upgrade --namespace x`, `kubectl -n x`,
 * `KUBE_NAMESPACE: x`, in CI pipelines, Jenkinsfiles, scripts and Makefiles, as `deploy-namespace` signals
 * (snippet: `<environment>: <namespace>`, or the namespace alone when no environment is named). Secrets and
 * variables (`${{ secrets.NS }}`, `$NAMESPACE`) are not names: they are left out, never guessed.
 */
export const deployNamespacesDetector: Detector = {
  id: "deploy-namespaces",
  title: "Namespaces named in deploy commands",
  isEnabled: (ctx) => ctx.paths.some((p) => DEPLOY_FILE.test(p)),
  detect(ctx) {
    const signals = ctx.textFiles
      .filter((f) => DEPLOY_FILE.test(f.rel) && !f.rel.startsWith("node_modules/"))
      .flatMap((f) => namespacesIn(f.rel, f.text));
    return { signals };
  },
};
