import type { Profile } from "../../profile/schema.js";
import { code } from "./format.js";
import type { Step } from "./stack.js";

export type NamespaceOrigin = "config" | "values" | "deploy";

export interface KubeEnvironment {
  name: string;
  namespace?: string;
  /** The values file that configures it. */
  file?: string;
  /** Where its namespace was read, and the file:line that says so (values and deploy files). */
  from?: NamespaceOrigin;
  evidence?: string;
  /** The ingress host its values file sets literally. */
  host?: string;
  hostEvidence?: string;
}

export interface KubeTarget {
  /** The Helm release, taken to be the chart's name. */
  release: string;
  /** Environments in the order the values files name them (then the deploy files), each with its namespace when known. */
  environments: KubeEnvironment[];
  /** The namespace commands default to: production's, else the only one known. */
  namespace?: string;
  /** Where that namespace came from, as file:line (values and deploy files). */
  namespaceEvidence?: string;
  /** Production's ingress host, from its values file: set only for an environment named as production. */
  host?: string;
  hostEvidence?: string;
  valuesFiles: string[];
  /** Where the namespaces came from: the team's config, the chart's values files or the deploy commands. */
  source: NamespaceOrigin | "none";
}

const PROD = /^(prod|production|live|prd)$/;
const SAME: Array<[RegExp, string]> = [
  [PROD, "prod"],
  [/^(staging|stage|stg)$/, "staging"],
  [/^(dev|development)$/, "dev"],
];
/** One name per environment, so `values-prod.yaml` and a job deploying to `production` meet. */
const canonical = (env: string) => SAME.find(([re]) => re.test(env))?.[1] ?? env;
const at = (e: { file: string; line: number }) => `${e.file}:${e.line}`;

type Signal = Profile["facts"]["signals"][number];

/** `deploy-namespace` signals by environment, and the one namespace named with no environment, if only one. */
function deployNamespaces(signals: Signal[]) {
  const byEnv = new Map<string, { name: string; namespace: string; evidence: string }>();
  const unnamed = new Map<string, string>();
  for (const s of signals.filter((x) => x.name === "deploy-namespace")) {
    const m = /^(?:([\w-]+): )?([a-z0-9-]+)$/.exec(s.evidence.snippet ?? "");
    if (!m) continue;
    if (!m[1]) unnamed.set(m[2]!, at(s.evidence));
    else if (!byEnv.has(canonical(m[1])))
      byEnv.set(canonical(m[1]), { name: m[1], namespace: m[2]!, evidence: at(s.evidence) });
  }
  const [shared] = unnamed.size === 1 ? [...unnamed] : [];
  return { byEnv, shared };
}

/** Release, environments and namespaces, from the config's `service.namespaces`, else the Helm values and deploy files. */
export function kubeTarget(profile: Profile): KubeTarget {
  const signals = profile.facts.signals;
  const charts = signals.filter((s) => s.name === "helm-chart").map((s) => s.evidence.snippet ?? "");
  const release =
    charts.find((c) => c === profile.service.name) ?? charts.find(Boolean) ?? profile.service.name;
  const values = signals.filter((s) => s.name === "helm-values");
  const nsSignals = signals.filter((s) => s.name === "helm-namespace");
  const nsByFile = new Map(nsSignals.map((s) => [s.evidence.file, s.evidence]));
  const hostByFile = new Map(
    signals.filter((s) => s.name === "helm-host").map((s) => [s.evidence.file, s.evidence]),
  );
  const sharedValues = [...nsByFile].find(([file]) => !values.some((v) => v.evidence.file === file))?.[1];
  const deploy = deployNamespaces(signals);
  const configured = profile.service.namespaces;
  const fromValues = (v: Signal): KubeEnvironment => {
    const name = v.evidence.snippet ?? "";
    const own = nsByFile.get(v.evidence.file);
    const deployed = deploy.byEnv.get(canonical(name));
    const host = hostByFile.get(v.evidence.file);
    const ns: Omit<KubeEnvironment, "name"> | undefined = own
      ? { from: "values", namespace: own.snippet!, evidence: at(own) }
      : deployed
        ? { from: "deploy", namespace: deployed.namespace, evidence: deployed.evidence }
        : sharedValues
          ? { from: "values", namespace: sharedValues.snippet!, evidence: at(sharedValues) }
          : deploy.shared
            ? { from: "deploy", namespace: deploy.shared[0], evidence: deploy.shared[1] }
            : undefined;
    return {
      name,
      file: v.evidence.file,
      ...ns,
      ...(host ? { host: host.snippet!, hostEvidence: at(host) } : {}),
    };
  };
  const environments: KubeEnvironment[] = configured
    ? Object.entries(configured).map(([name, namespace]) => ({ name, namespace, from: "config" }))
    : [
        ...values.map(fromValues),
        ...[...deploy.byEnv]
          .filter(([env]) => !values.some((v) => canonical(v.evidence.snippet ?? "") === env))
          .map(([, d]) => ({
            name: d.name,
            namespace: d.namespace,
            from: "deploy" as const,
            evidence: d.evidence,
          })),
      ];
  const prod =
    environments.find((e) => PROD.test(e.name)) ?? (environments.length === 1 ? environments[0] : undefined);
  const sharedNs: KubeEnvironment | undefined = sharedValues
    ? { name: "", namespace: sharedValues.snippet!, from: "values", evidence: at(sharedValues) }
    : deploy.shared
      ? { name: "", namespace: deploy.shared[0], from: "deploy", evidence: deploy.shared[1] }
      : undefined;
  const chosen = prod?.namespace ? prod : environments.length === 0 ? sharedNs : undefined;
  const origins = environments.filter((e) => e.namespace).map((e) => e.from);
  const source = configured ? "config" : (chosen?.from ?? origins[0] ?? (nsByFile.size ? "values" : "none"));
  const prodHost = prod && PROD.test(prod.name) ? prod : undefined;
  const files = [...new Set([...values.map((v) => v.evidence.file), ...nsByFile.keys()])];
  return {
    release,
    environments,
    ...(chosen?.namespace ? { namespace: chosen.namespace } : {}),
    ...(chosen?.evidence ? { namespaceEvidence: chosen.evidence } : {}),
    ...(prodHost?.host ? { host: prodHost.host, hostEvidence: prodHost.hostEvidence! } : {}),
    valuesFiles: files,
    source: source as KubeTarget["source"],
  };
}

const NS_TODO =
  "TO DO: the analysis found no namespace in the chart's values or the deploy commands: set `namespaces` under `service` in govops.config.yaml, one per environment (for example `prod: my-service-prod`).";

const ORIGIN: Record<NamespaceOrigin, string> = {
  config: "govops.config.yaml",
  values: "the Helm values files",
  deploy: "the deploy commands",
};

/** Where the namespaces were read: the config, the values files, the deploy commands (with the files named). */
function namespaceOrigin(k: KubeTarget): string {
  if (k.source === "config") return ORIGIN.config;
  const found = k.environments.filter((e) => e.namespace && e.from);
  const origins = [...new Set(found.map((e) => e.from!))];
  const deployFiles = [
    ...new Set(found.filter((e) => e.from === "deploy").map((e) => e.evidence!.replace(/:\d+$/, ""))),
  ];
  return origins
    .map((o) => (o === "deploy" ? `${ORIGIN.deploy} in ${deployFiles.map(code).join(", ")}` : ORIGIN[o]))
    .join(" and ");
}

/** The variables every Kubernetes command uses, defined once before the first. */
export function kubeSetup(k: KubeTarget, helm: boolean): Step {
  const perEnv = k.environments.filter((e) => e.namespace).map((e) => `${e.name}: ${code(e.namespace!)}`);
  const where = perEnv.length
    ? `Namespaces per environment (from ${namespaceOrigin(k)}): ${perEnv.join(", ")}.`
    : k.namespace
      ? `Namespace, the same for every environment (from ${code(k.namespaceEvidence ?? "")}): ${code(k.namespace)}.`
      : NS_TODO;
  const lines = [
    `NAMESPACE=${k.namespace ?? "'<namespace of the environment>'"}`,
    ...(helm ? [`RELEASE=${k.release}`] : []),
    // Helm 3 annotates every resource it manages with its release name; the workload is found by that, not by a guessed label.
    helm
      ? `DEPLOYMENT=$(kubectl -n "$NAMESPACE" get deployments -o jsonpath='{range .items[?(@.metadata.annotations.meta\\.helm\\.sh/release-name=="${k.release}")]}{.metadata.name}{"\\n"}{end}' | head -n 1)`
      : `DEPLOYMENT=${k.release}`,
  ];
  return {
    text: `Set the environment first. ${where}${helm ? ` The release is taken to be the chart's name, ${code(k.release)}; the deployment is the one Helm annotates with that release.` : ""}`,
    command: lines.join("\n"),
  };
}
