import type { AlertDef, InputSeries, Scenario } from "./rules.js";

export interface ExpectedAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export interface TestCheck {
  evalTime: string;
  alertname: string;
  expected: ExpectedAlert[];
}

export interface TestGroup {
  name: string;
  series: InputSeries[];
  checks: TestCheck[];
}

/** The alerts of one name a scenario expects: each entry picks a rule by its labels and adds the expression's. */
function expectedAlerts(def: AlertDef, scenario: Scenario, all: AlertDef[]): ExpectedAlert[] {
  const siblings = all.filter((a) => a.rule.alert === def.rule.alert);
  return (scenario.fires ?? []).map((entry) => {
    const owner =
      siblings.find((s) =>
        Object.entries(entry).every(([k, v]) => !(k in s.rule.labels) || s.rule.labels[k] === v),
      ) ?? def;
    return { labels: { ...owner.rule.labels, ...entry }, annotations: owner.rule.annotations };
  });
}

interface Planned {
  keys: string[];
  steps: number;
  group: TestGroup;
}

function minutesOf(duration: string): number {
  const m = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?$/.exec(duration);
  return m ? Number(m[1] ?? 0) * 1440 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0) : 0;
}

interface Host {
  /** Each alert key in the group, with the series its scenarios read there. */
  keys: Map<string, string>;
  values: Map<string, string>;
  group: TestGroup;
}

function signature(series: InputSeries[]): string {
  return JSON.stringify(series.map((s) => [s.series, s.values]).sort());
}

/**
 * A scenario may join a group when every series both name has the same values, and each alert key it
 * shares with the group reads exactly the same series there (two alerts' checks on one input, e.g. a page
 * and the low-traffic rule both quiet on one bad request in ten minutes).
 */
function fits(host: Host, item: Planned): boolean {
  if (host.keys.size === 0) return false;
  const sig = signature(item.group.series);
  if (item.keys.some((k) => host.keys.has(k) && host.keys.get(k) !== sig)) return false;
  return item.group.series.every((s) => (host.values.get(s.series) ?? s.values) === s.values);
}

function addKeys(keys: Map<string, string>, item: Planned): void {
  const sig = signature(item.group.series);
  for (const k of item.keys) keys.set(k, sig);
}

/**
 * promtool test groups: for every alert, each scenario checked at each of its evaluation times. Scenarios
 * of alerts with disjoint merge keys share groups (longest first), and a series two of them name alike is
 * loaded once, so a test costs about as many evaluation steps as its longest scenarios, whatever the number
 * of journeys (promtool evaluates every rule of the file at every step of every group).
 */
export function testGroups(alerts: AlertDef[]): TestGroup[] {
  const planned: Planned[] = alerts.flatMap((def) =>
    [...def.firing, ...def.quiet].map((scenario) => ({
      keys: def.mergeKey === undefined ? [] : [def.mergeKey].flat(),
      steps: Math.max(...scenario.evalTimes.map(minutesOf)),
      group: {
        name: `${def.rule.alert}: ${scenario.name}`,
        series: scenario.series,
        checks: scenario.evalTimes.map((evalTime) => ({
          evalTime,
          alertname: def.rule.alert,
          expected: expectedAlerts(def, scenario, alerts),
        })),
      },
    })),
  );
  const hosts: Host[] = [];
  for (const item of [...planned].sort((a, b) => b.steps - a.steps)) {
    const host = item.keys.length > 0 ? hosts.find((h) => fits(h, item)) : undefined;
    if (host) {
      addKeys(host.keys, item);
      host.group.name += `; ${item.group.name}`;
      for (const s of item.group.series) {
        if (host.values.has(s.series)) continue;
        host.values.set(s.series, s.values);
        host.group.series.push(s);
      }
      host.group.checks.push(...item.group.checks);
    } else {
      const group = { ...item.group, series: [...item.group.series], checks: [...item.group.checks] };
      const values = new Map(item.group.series.map((s) => [s.series, s.values]));
      const keys = new Map<string, string>();
      addKeys(keys, item);
      hosts.push({ keys, values, group });
    }
  }
  return hosts.map((h) => h.group);
}
