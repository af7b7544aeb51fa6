import type { Dependency, Profile } from "../../profile/schema.js";
import { alertFor } from "./alert-def.js";
import { ownerOf } from "./failure-modes.js";
import { METRICS } from "./metrics.js";
import { selector, seriesName, type AlertDef } from "./rules.js";
import { counter, gauge, scenario } from "./series.js";

const POOLED = new Set(["postgres", "mysql"]);

/** A datastore reached through a connection pool whose exhaustion is alerted on (and charted). */
export function pooled(dep: Dependency): boolean {
  return dep.kind === "datastore" && POOLED.has(dep.type);
}

function outcomeRatio(service: string, dep: string, outcome: string): string {
  const m = METRICS.dependencyRequests.name;
  const by = "sum by (service, dependency)";
  return `${by} (rate(${m}${selector({ service, dependency: dep, outcome })}[5m]))\n/\nclamp_min(${by} (rate(${m}${selector({ service, dependency: dep })}[5m])), 1e-9)`;
}

function callSeries(
  service: string,
  dep: string,
  outcome: string,
  phases: Array<[bad: number, minutes: number]>,
) {
  const name = (o: string) =>
    seriesName(METRICS.dependencyRequests.name, { service, dependency: dep, outcome: o });
  return [
    {
      series: name("success"),
      values: counter(phases.map(([bad, minutes]) => ({ per: 100 - bad, minutes }))),
    },
    { series: name(outcome), values: counter(phases.map(([bad, minutes]) => ({ per: bad, minutes }))) },
  ];
}

/** Error and timeout ratios of calls to a dependency; the alert waits 10m so one bad minute does not page. */
function callAlerts(profile: Profile, dep: Dependency): AlertDef[] {
  const fm = ownerOf(profile, "dependency", { dependency: dep.id });
  if (!fm) return [];
  const service = profile.service.name;
  const kinds = [
    { outcome: "error", threshold: 0.1, words: "returning errors on more than 10% of calls" },
    { outcome: "timeout", threshold: 0.05, words: "timing out on more than 5% of calls" },
  ];
  return kinds.map(({ outcome, threshold, words }) =>
    alertFor(profile, fm, {
      file: "dependency",
      name: `${dep.id}-${outcome}s`,
      mergeKey: `calls-${dep.id}`,
      expr: `${outcomeRatio(service, dep.id, outcome)}\n> ${threshold}`,
      for: "10m",
      scope: { dependency: dep.id },
      citizenImpact: dep.criticality,
      summary: `${dep.name} is ${words}`,
      description: `${dep.name} (${dep.type}) has been ${words} for 10 minutes.${dep.timeoutMs ? ` Calls time out after ${dep.timeoutMs} ms.` : " No client timeout is recorded: calls may hang instead of timing out."} Fallback: ${dep.fallback}.`,
      firing: [
        scenario(
          `${dep.id} ${outcome}s at 50%`,
          callSeries(service, dep.id, outcome, [[50, 20]]),
          [20],
          [{}],
        ),
      ],
      quiet: [
        scenario(`${dep.id} healthy at 1%`, callSeries(service, dep.id, outcome, [[1, 30]]), [30]),
        scenario(
          `${dep.id} two-minute blip`,
          callSeries(service, dep.id, outcome, [
            [0, 30],
            [100, 2],
            [0, 15],
          ]),
          [35, 44],
        ),
      ],
    }),
  );
}

/** Requests queued for a database connection for 5 minutes: the pool is exhausted. */
function poolAlert(profile: Profile, dep: Dependency): AlertDef[] {
  if (!pooled(dep)) return [];
  const fm = ownerOf(profile, "db-pool", { dependency: dep.id }) ?? ownerOf(profile, "db-pool");
  if (!fm) return [];
  const service = profile.service.name;
  const labels = { service, dependency: dep.id, state: "waiting" };
  const waiting = (phases: Array<[value: number, minutes: number]>) => [
    {
      series: seriesName(METRICS.poolConnections.name, labels),
      values: gauge(phases.map(([per, minutes]) => ({ per, minutes }))),
    },
  ];
  return [
    alertFor(profile, fm, {
      file: "dependency",
      name: `${dep.id}-pool-exhausted`,
      mergeKey: `pool-${dep.id}`,
      expr: `max by (service, dependency) (${METRICS.poolConnections.name}${selector(labels)}) > 0`,
      for: "5m",
      scope: { dependency: dep.id },
      summary: `Requests are waiting for a ${dep.name} connection`,
      description: `Every connection in the ${dep.name} pool has been in use for 5 minutes and requests are queueing for one.`,
      firing: [scenario(`${dep.id} pool exhausted`, waiting([[3, 15]]), [15], [{}])],
      quiet: [
        scenario(`${dep.id} pool with spare connections`, waiting([[0, 30]]), [30]),
        scenario(
          `${dep.id} pool full for 3 minutes`,
          waiting([
            [0, 10],
            [2, 3],
            [0, 15],
          ]),
          [13, 25],
        ),
      ],
    }),
  ];
}

export function dependencyAlerts(profile: Profile): AlertDef[] {
  return profile.dependencies.flatMap((dep) => [...callAlerts(profile, dep), ...poolAlert(profile, dep)]);
}
