import { dashboardUid } from "../../layout.js";
import type { Journey, Profile } from "../../profile/schema.js";
import { OWNED } from "../../render/markers.js";
import { METRICS } from "./metrics.js";
import { probeTargets } from "./probes.js";
import { decimalPlaces } from "../shared/error-budget.js";
import { burnRows } from "./burn-rate.js";
import { pooled } from "./dependency-alerts.js";
import { selector } from "./rules.js";
import { monitoringScope, type Scope } from "./scope.js";
import { sloTarget, type Sli } from "./slo.js";
import { SUMMARY, summaryLabels } from "./summary.js";
import { journeySlis } from "./byo-sli.js";
import { QUEUE_AGE_LIMIT_SECONDS } from "./workload-alerts.js";

const DATASOURCE = { type: "prometheus", uid: "${datasource}" };

interface Target {
  expr: string;
  legendFormat: string;
}

function panel(
  type: string,
  title: string,
  pos: { x: number; y: number; w: number; h: number },
  targets: Target[],
  defaults: object,
) {
  return {
    type,
    title,
    datasource: DATASOURCE,
    gridPos: pos,
    targets: targets.map((t, i) => ({ refId: String.fromCharCode(65 + i), datasource: DATASOURCE, ...t })),
    fieldConfig: { defaults, overrides: [] },
    options: {},
  };
}

const steps = (...pairs: Array<[string, number | null]>) => ({
  mode: "absolute",
  steps: pairs.map(([color, value]) => ({ color, value })),
});

/** The summary series of a journey's SLI, narrowed to the service's environment. */
function summary(service: string, journey: Journey, sli: Sli, record: string, scope: Scope): string {
  return `${record}${selector({ ...summaryLabels(service, journey, sli), ...scope.labels })}`;
}

function journeyPanels(service: string, journey: Journey, y: number, scope: Scope) {
  const period = `${journey.slo.periodDays}d`;
  const read = (sli: Sli, record: string) => summary(service, journey, sli, record, scope);
  const burn = (sli: Sli) => {
    const rows = burnRows(sloTarget(journey, sli), journey.slo.periodDays, journey.id);
    return panel(
      "timeseries",
      `${journey.name}: ${sli} burn rate`,
      { x: sli === "availability" ? 12 : 18, y: y + 1, w: 6, h: 8 },
      rows.map((r) => ({
        expr: read(sli, `${SUMMARY.burnRate}${r.long}`),
        legendFormat: `${r.long} (pages or tickets above ${r.burnRate})`,
      })),
      { unit: "none", min: 0, thresholds: steps(["green", null], ["red", rows[0]!.burnRate]) },
    );
  };
  const remaining = (sli: Sli, title: string, legend: string, x: number) =>
    panel(
      "stat",
      `${journey.name}: ${title}`,
      { x, y: y + 1, w: 4, h: 8 },
      [{ expr: read(sli, SUMMARY.budgetRemaining), legendFormat: legend }],
      { unit: "percentunit", thresholds: steps(["red", null], ["orange", 0], ["green", 0.25]) },
    );
  // A journey bringing its own SLI may measure only one: no empty panels for the other.
  const has = new Set(journeySlis(journey));
  const when = <T>(sli: Sli, made: () => T): T[] => (has.has(sli) ? [made()] : []);
  return [
    {
      type: "row",
      title: `${journey.name} journey`,
      collapsed: false,
      gridPos: { x: 0, y, w: 24, h: 1 },
      panels: [],
    },
    ...when("availability", () =>
      panel(
        "stat",
        `${journey.name}: availability over ${period}`,
        { x: 0, y: y + 1, w: 4, h: 8 },
        [
          {
            expr: `1 - ${read("availability", `${SUMMARY.sliError}${period}`)}`,
            legendFormat: "availability",
          },
        ],
        {
          unit: "percentunit",
          decimals: Math.max(3, decimalPlaces(journey.slo.availability) - 2),
          thresholds: steps(["red", null], ["green", journey.slo.availability]),
        },
      ),
    ),
    ...when("availability", () =>
      remaining("availability", "error budget remaining", "availability budget", 4),
    ),
    ...when("latency", () =>
      remaining(
        "latency",
        "latency budget remaining",
        `faster than ${journey.slo.latency.thresholdMs} ms`,
        8,
      ),
    ),
    ...when("availability", () => burn("availability")),
    ...when("latency", () => burn("latency")),
  ];
}

interface DependencyPanel {
  title: string;
  target: Target;
  defaults: object;
}

/** Panels for the kinds of dependency the service has: calls to any, pools of pooled datastores, queues, probes. */
function dependencyPanels(profile: Profile, y: number, scope: Scope) {
  const service = profile.service.name;
  const sel = (extra: string[] = []) => selector({ service, ...scope.labels }, extra);
  const calls = METRICS.dependencyRequests.name;
  const deps = profile.dependencies;
  const probes = probeTargets(profile).length > 0;
  const candidates: Array<DependencyPanel | false> = [
    deps.length > 0 && {
      title: "Dependency calls failing or timing out",
      target: {
        expr: `sum by (dependency) (rate(${calls}${sel(['outcome!="success"'])}[5m]))\n/\nclamp_min(sum by (dependency) (rate(${calls}${sel()}[5m])), 1e-9)`,
        legendFormat: "{{dependency}}",
      },
      defaults: { unit: "percentunit", min: 0, thresholds: steps(["green", null], ["red", 0.1]) },
    },
    deps.some(pooled) && {
      title: "Database pool connections",
      target: {
        expr: `sum by (dependency, state) (${METRICS.poolConnections.name}${sel()})`,
        legendFormat: "{{dependency}} {{state}}",
      },
      defaults: { unit: "short", min: 0, thresholds: steps(["green", null]) },
    },
    deps.some((d) => d.kind === "queue") && {
      title: "Queues: oldest message waiting",
      target: {
        expr: `max by (queue) (${METRICS.queueAge.name}${sel()})`,
        legendFormat: "{{queue}}",
      },
      defaults: {
        unit: "s",
        min: 0,
        thresholds: steps(["green", null], ["red", QUEUE_AGE_LIMIT_SECONDS]),
      },
    },
    probes && {
      title: "Synthetic probes of entry pages",
      target: {
        expr: `max by (journey) (${METRICS.probeSuccess.name}${sel()})`,
        legendFormat: "{{journey}}",
      },
      defaults: { unit: "bool_yes_no", min: 0, max: 1, thresholds: steps(["red", null], ["green", 1]) },
    },
  ];
  const chosen = candidates.filter((p): p is DependencyPanel => p !== false);
  if (chosen.length === 0) return [];
  const w = 24 / chosen.length;
  const title = deps.length === 0 ? "Probes" : probes ? "Dependencies and probes" : "Dependencies";
  return [
    {
      type: "row",
      title,
      collapsed: false,
      gridPos: { x: 0, y, w: 24, h: 1 },
      panels: [],
    },
    ...chosen.map((c, i) =>
      panel("timeseries", c.title, { x: i * w, y: y + 1, w, h: 8 }, [c.target], c.defaults),
    ),
  ];
}

/** A Grafana dashboard for the service: journey SLOs, error budget remaining, burn rates, dependency health. */
export function dashboardModel(profile: Profile) {
  const service = profile.service.name;
  const scope = monitoringScope(profile);
  const journeys = profile.journeys.flatMap((j, i) => journeyPanels(service, j, i * 9, scope));
  return {
    uid: dashboardUid(service),
    title: `${profile.service.title}: service health`,
    description: OWNED,
    tags: ["govops", service],
    timezone: "browser",
    editable: false,
    graphTooltip: 1,
    refresh: "1m",
    schemaVersion: 39,
    time: { from: "now-7d", to: "now" },
    links: [],
    annotations: { list: [] },
    templating: {
      list: [{ name: "datasource", label: "Prometheus", type: "datasource", query: "prometheus", hide: 0 }],
    },
    panels: [...journeys, ...dependencyPanels(profile, profile.journeys.length * 9, scope)].map((p, i) => ({
      id: i + 1,
      ...p,
    })),
  };
}
