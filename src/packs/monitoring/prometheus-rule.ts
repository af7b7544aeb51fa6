import type { Profile } from "../../profile/schema.js";
import { kubeTarget } from "../shared/kube.js";
import { onKubernetes } from "./scope.js";

/** Where a rules file's `PrometheusRule` twin is written: ops/monitoring/kubernetes/<file>-rules.yml. */
export const PROMETHEUS_RULE_DIR = "ops/monitoring/kubernetes";

/** The labels kube-prometheus-stack's examples select rules by, unless the team names its own. */
export const DEFAULT_RULE_LABELS = { role: "alert-rules" } as const;

export interface PrometheusRuleChoice {
  labels: Record<string, string>;
  namespace?: string;
}

/** Written on Kubernetes (Helm chart or manifests found) or when asked for; never when switched off. */
export function prometheusRuleChoice(profile: Profile): PrometheusRuleChoice | undefined {
  const choice = profile.monitoring?.prometheusRule;
  if (choice?.enabled === false) return undefined;
  if (choice?.enabled !== true && !onKubernetes(profile)) return undefined;
  const namespace = choice?.namespace ?? (onKubernetes(profile) ? kubeTarget(profile).namespace : undefined);
  return {
    labels: {
      ...DEFAULT_RULE_LABELS,
      ...(choice?.labels ?? {}),
      "app.kubernetes.io/name": profile.service.name,
    },
    ...(namespace ? { namespace } : {}),
  };
}
