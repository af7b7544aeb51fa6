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
  key?: string;
  steps: number;
  group: TestGroup;
}

function minutesOf(duration: string): number {
  const m = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?$/.exec(duration);
  return m ? Number(m[1] ?? 0) * 1440 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0) : 0;
}

/**
 * promtool test groups: for every alert, each scenario checked at each of its evaluation times. Scenarios
 * of alerts with different merge keys share groups (longest first), so a test costs about as many
 * evaluation steps as its longest scenarios rather than all of them.
 */
export function testGroups(alerts: AlertDef[]): TestGroup[] {
  const planned: Planned[] = alerts.flatMap((def) =>
    [...def.firing, ...def.quiet].map((scenario) => ({
      key: def.mergeKey,
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
  const merged: Array<{ keys: Set<string>; group: TestGroup }> = [];
  for (const item of [...planned].sort((a, b) => b.steps - a.steps)) {
    const host = item.key ? merged.find((m) => m.keys.size > 0 && !m.keys.has(item.key!)) : undefined;
    if (host) {
      host.keys.add(item.key!);
      host.group.name += `; ${item.group.name}`;
      host.group.series.push(...item.group.series);
      host.group.checks.push(...item.group.checks);
    } else {
      const group = { ...item.group, series: [...item.group.series], checks: [...item.group.checks] };
      merged.push({ keys: new Set(item.key ? [item.key] : []), group });
    }
  }
  return merged.map((m) => m.group);
}
