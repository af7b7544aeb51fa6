import { dashboardUid } from "../../layout.js";
import type { Journey, Profile } from "../../profile/schema.js";
import { METRICS } from "./metrics.js";
import { probeTargets } from "./probes.js";
import { selector } from "./rules.js";
import { burnRows } from "./burn-rate.js";
import { SLI_RECORD, sloTarget, type Sli } from "./slo.js";

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

function journeyPanels(service: string, journey: Journey, y: number) {
  const sel = selector({ service, journey: journey.id });
  const period = `${journey.slo.periodDays}d`;
  const budget = (sli: Sli) => `1 - ${SLI_RECORD[sli]}${period}${sel} / ${1 - sloTarget(journey, sli)}`;
  const burn = (sli: Sli) => {
    const rows = burnRows(sloTarget(journey, sli), journey.slo.periodDays, journey.id);
    return panel(
      "timeseries",
      `${journey.name}: ${sli} burn rate`,
      { x: sli === "availability" ? 12 : 18, y: y + 1, w: 6, h: 8 },
      rows.map((r) => ({
        expr: `${SLI_RECORD[sli]}${r.long}${sel} / ${1 - sloTarget(journey, sli)}`,
        legendFormat: `${r.long} (pages or tickets above ${r.burnRate})`,
      })),
      { unit: "none", min: 0, thresholds: steps(["green", null], ["red", rows[0]!.burnRate]) },
    );
  };
  return [
    {
      type: "row",
      title: `${journey.name} journey`,
      collapsed: false,
      gridPos: { x: 0, y, w: 24, h: 1 },
      panels: [],
    },
    panel(
      "stat",
      `${journey.name}: availability over ${period}`,
      { x: 0, y: y + 1, w: 4, h: 8 },
      [{ expr: `1 - ${SLI_RECORD.availability}${period}${sel}`, legendFormat: "availability" }],
      {
        unit: "percentunit",
        decimals: 3,
        thresholds: steps(["red", null], ["green", journey.slo.availability]),
      },
    ),
    panel(
      "stat",
      `${journey.name}: error budget remaining`,
      { x: 4, y: y + 1, w: 4, h: 8 },
      [{ expr: budget("availability"), legendFormat: "availability budget" }],
      {
        unit: "percentunit",
        thresholds: steps(["red", null], ["orange", 0], ["green", 0.25]),
      },
    ),
    panel(
      "stat",
      `${journey.name}: latency budget remaining`,
      { x: 8, y: y + 1, w: 4, h: 8 },
      [{ expr: budget("latency"), legendFormat: `faster than ${journey.slo.latency.thresholdMs} ms` }],
      {
        unit: "percentunit",
        thresholds: steps(["red", null], ["orange", 0], ["green", 0.25]),
      },
    ),
    burn("availability"),
    burn("latency"),
  ];
}

function dependencyPanels(profile: Profile, y: number) {
  const service = profile.service.name;
  const calls = METRICS.dependencyRequests.name;
  const panels: object[] = [
    {
      type: "row",
      title: "Dependencies and probes",
      collapsed: false,
      gridPos: { x: 0, y, w: 24, h: 1 },
      panels: [],
    },
  ];
  panels.push(
    panel(
      "timeseries",
      "Dependency calls failing or timing out",
      { x: 0, y: y + 1, w: 8, h: 8 },
      [
        {
          expr: `sum by (dependency) (rate(${calls}${selector({ service }, ['outcome!="success"'])}[5m]))\n/\nclamp_min(sum by (dependency) (rate(${calls}${selector({ service })}[5m])), 1e-9)`,
          legendFormat: "{{dependency}}",
        },
      ],
      { unit: "percentunit", min: 0, thresholds: steps(["green", null], ["red", 0.1]) },
    ),
    panel(
      "timeseries",
      "Database pool connections",
      { x: 8, y: y + 1, w: 8, h: 8 },
      [
        {
          expr: `sum by (dependency, state) (${METRICS.poolConnections.name}${selector({ service })})`,
          legendFormat: "{{dependency}} {{state}}",
        },
      ],
      { unit: "short", min: 0, thresholds: steps(["green", null]) },
    ),
    panel(
      "timeseries",
      "Synthetic probes of entry pages",
      { x: 16, y: y + 1, w: 8, h: 8 },
      [
        {
          expr: `max by (journey) (${METRICS.probeSuccess.name}${selector({ service })})`,
          legendFormat: "{{journey}}",
        },
      ],
      { unit: "bool_yes_no", min: 0, max: 1, thresholds: steps(["red", null], ["green", 1]) },
    ),
  );
  return probeTargets(profile).length ? panels : panels.slice(0, 3);
}

/** A Grafana dashboard for the service: journey SLOs, error budget remaining, burn rates, dependency health. */
export function dashboardModel(profile: Profile) {
  const service = profile.service.name;
  const journeys = profile.journeys.flatMap((j, i) => journeyPanels(service, j, i * 9));
  return {
    uid: dashboardUid(service),
    title: `${profile.service.title}: service health`,
    description:
      "Generated by govops from ops/profile.yaml. Do not edit: change the profile or templates and run `govops generate`.",
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
    panels: [...journeys, ...dependencyPanels(profile, profile.journeys.length * 9)].map((p, i) => ({
      id: i + 1,
      ...p,
    })),
  };
}
