import type { Profile } from "../../profile/schema.js";
import { code } from "./format.js";
import type { Step } from "./stack.js";

export interface KubeTarget {
  /** The Helm release, taken to be the chart's name. */
  release: string;
  /** Environments in the order the values files name them, each with its namespace when known. */
  environments: Array<{ name: string; namespace?: string; file?: string }>;
  /** The namespace commands default to: production's, else the only one known. */
  namespace?: string;
  valuesFiles: string[];
  /** Where the namespaces came from: the team's config or the chart's values files. */
  source: "config" | "values" | "none";
}

const PROD = /^(prod|production|live|prd)$/;

/** Release, environments and namespaces, from the config's `service.namespaces`, else the Helm values files. */
export function kubeTarget(profile: Profile): KubeTarget {
  const signals = profile.facts.signals;
  const charts = signals.filter((s) => s.name === "helm-chart").map((s) => s.evidence.snippet ?? "");
  const release =
    charts.find((c) => c === profile.service.name) ?? charts.find(Boolean) ?? profile.service.name;
  const values = signals.filter((s) => s.name === "helm-values");
  const nsByFile = new Map(
    signals.filter((s) => s.name === "helm-namespace").map((s) => [s.evidence.file, s.evidence.snippet]),
  );
  const shared = [...nsByFile].find(([file]) => !values.some((v) => v.evidence.file === file))?.[1];
  const configured = profile.service.namespaces;
  const environments = configured
    ? Object.entries(configured).map(([name, namespace]) => ({ name, namespace }))
    : values.map((v) => ({
        name: v.evidence.snippet ?? "",
        file: v.evidence.file,
        ...((nsByFile.get(v.evidence.file) ?? shared)
          ? { namespace: nsByFile.get(v.evidence.file) ?? shared }
          : {}),
      }));
  const prod =
    environments.find((e) => PROD.test(e.name)) ?? (environments.length === 1 ? environments[0] : undefined);
  const namespace = prod?.namespace ?? (environments.length === 0 ? shared : undefined);
  const files = [...new Set([...values.map((v) => v.evidence.file), ...nsByFile.keys()])];
  return {
    release,
    environments,
    ...(namespace ? { namespace } : {}),
    valuesFiles: files,
    source: configured ? "config" : nsByFile.size ? "values" : "none",
  };
}

const NS_TODO =
  "TO DO: the analysis found no namespace in the chart's values: set `namespaces` under `service` in govops.config.yaml, one per environment (for example `prod: my-service-prod`).";

/** The variables every Kubernetes command uses, defined once before the first. */
export function kubeSetup(k: KubeTarget, helm: boolean): Step {
  const perEnv = k.environments.filter((e) => e.namespace).map((e) => `${e.name}: ${code(e.namespace!)}`);
  const where = perEnv.length
    ? `Namespaces per environment (from ${k.source === "config" ? "govops.config.yaml" : "the Helm values files"}): ${perEnv.join(", ")}.`
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
