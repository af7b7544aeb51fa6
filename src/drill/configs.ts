import { formatDuration, scaleDuration } from "./compress.js";

type Yaml = Record<string, unknown>;

const ROUTE_TIMERS = ["group_wait", "group_interval", "repeat_interval"] as const;

/** A drill runs at any hour, so no route of its copy waits for office hours (or any other time interval). */
const ROUTE_TIMES = ["active_time_intervals", "mute_time_intervals"] as const;

function compressRoute(route: Yaml, factor: number): Yaml {
  const copy: Yaml = { ...route };
  for (const key of ROUTE_TIMES) delete copy[key];
  for (const key of ROUTE_TIMERS)
    if (typeof copy[key] === "string") copy[key] = scaleDuration(copy[key], factor);
  if (Array.isArray(copy.routes)) copy.routes = copy.routes.map((r: Yaml) => compressRoute(r, factor));
  return copy;
}

/**
 * A drill copy of the generated Alertmanager config: the same routing tree and inhibitions, timers divided by
 * the factor, every route active at all hours (business-hours routing never holds a drill's alerts), and every
 * receiver replaced by a webhook to the drill's receiver at <url>/<receiver name>, with resolved notifications
 * on. Globals and templates (real endpoints) are dropped.
 */
export function drillAlertmanagerConfig(generated: Yaml, factor: number, receiverUrl: string): Yaml {
  const route = (generated.route ?? { receiver: "default" }) as Yaml;
  const receivers = Array.isArray(generated.receivers)
    ? (generated.receivers as Yaml[])
    : [{ name: String(route.receiver) }];
  const config: Yaml = {
    global: { resolve_timeout: formatDuration(300_000 / factor) },
    route: compressRoute(route, factor),
    receivers: receivers.map((r) => ({
      name: String(r.name),
      webhook_configs: [{ url: `${receiverUrl}/${encodeURIComponent(String(r.name))}`, send_resolved: true }],
    })),
  };
  if (generated.inhibit_rules !== undefined) config.inhibit_rules = generated.inhibit_rules;
  return config;
}

export interface PrometheusOptions {
  scrapeIntervalMs: number;
  evaluationIntervalMs: number;
  ruleFiles: string[];
  alertmanagerPort: number;
  ingressPort: number;
  /** Static labels from the rules' selectors; a `job` label becomes the job name. */
  labels: Record<string, string>;
}

export function drillPrometheusConfig(o: PrometheusOptions): Yaml {
  const { job, instance, ...labels } = o.labels;
  return {
    global: {
      scrape_interval: formatDuration(o.scrapeIntervalMs),
      scrape_timeout: formatDuration(Math.min(o.scrapeIntervalMs, 10_000)),
      evaluation_interval: formatDuration(o.evaluationIntervalMs),
    },
    rule_files: o.ruleFiles,
    alerting: { alertmanagers: [{ static_configs: [{ targets: [`127.0.0.1:${o.alertmanagerPort}`] }] }] },
    scrape_configs: [
      {
        job_name: job ?? "govops-drill",
        static_configs: [
          {
            targets: [`127.0.0.1:${o.ingressPort}`],
            labels: { ...labels, ...(instance ? { instance } : {}) },
          },
        ],
      },
    ],
  };
}
