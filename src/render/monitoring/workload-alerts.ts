import type { Profile } from "../../profile/schema.js";
import { alertFor } from "./alert-def.js";
import { ownerOf } from "./failure-modes.js";
import { METRICS } from "./metrics.js";
import { selector, seriesName, type AlertDef } from "./rules.js";
import { counter, gauge, ramp, scenario } from "./series.js";

type Steps = Array<[value: number, minutes: number]>;
const steps = (s: Steps) => gauge(s.map(([per, minutes]) => ({ per, minutes })));
const series = (metric: string, labels: Record<string, string>, values: string) => ({
  series: seriesName(metric, labels),
  values,
});

function queueAlerts(profile: Profile): AlertDef[] {
  const fm = ownerOf(profile, "queue-backlog");
  if (!fm) return [];
  const service = profile.service.name;
  const queue = profile.dependencies.find((d) => d.kind === "queue")?.id ?? "example-queue";
  const age = (values: string) => [series(METRICS.queueAge.name, { service, queue }, values)];
  return [
    alertFor(profile, fm, {
      file: "workload",
      name: "queue-backlog",
      mergeKey: "queue-backlog",
      expr: `max by (service, queue) (${METRICS.queueAge.name}${selector({ service })}) > 900`,
      for: "5m",
      summary: "Messages are waiting more than 15 minutes in a queue",
      description:
        "The oldest message in the queue named by the queue label has waited more than 15 minutes, for 5 minutes.",
      firing: [scenario("queue stops draining", age(ramp(0, 60, 30)), [30], [{ queue }])],
      quiet: [
        scenario("queue draining", age(steps([[30, 30]])), [30]),
        scenario(
          "queue slow for 3 minutes",
          age(
            steps([
              [30, 10],
              [1200, 3],
              [30, 15],
            ]),
          ),
          [13, 25],
        ),
      ],
    }),
  ];
}

function jobAlerts(profile: Profile): AlertDef[] {
  const fm = ownerOf(profile, "job-failure");
  if (!fm) return [];
  const service = profile.service.name;
  const job = "example-job";
  const l = { service, job };
  const runs = (s: Steps, interval = 600) => [
    series(METRICS.jobLastSuccess.name, l, steps(s)),
    series(METRICS.jobInterval.name, l, steps([[interval, 60]])),
  ];
  const failures = (perMinute: Steps) => [
    series(
      METRICS.jobRuns.name,
      { ...l, outcome: "failure" },
      counter(perMinute.map(([per, minutes]) => ({ per, minutes }))),
    ),
  ];
  const last = `max by (service, job) (${METRICS.jobLastSuccess.name}${selector({ service })})`;
  const every = `max by (service, job) (${METRICS.jobInterval.name}${selector({ service })})`;
  return [
    alertFor(profile, fm, {
      file: "workload",
      name: "job-overdue",
      mergeKey: "job-overdue",
      expr: `(time() - ${last})\n> 2 * ${every}`,
      for: "5m",
      summary: "A scheduled job has not succeeded for two of its intervals",
      description: "The job named by the job label last succeeded more than twice its expected interval ago.",
      firing: [scenario("job stops succeeding", runs([[0, 40]]), [40], [{ job }])],
      quiet: [
        scenario(
          "job succeeding every 10 minutes",
          runs([
            [0, 10],
            [600, 10],
            [1200, 10],
            [1800, 10],
          ]),
          [40],
        ),
        scenario(
          "one run 8 minutes late",
          runs([
            [0, 10],
            [600, 18],
            [1680, 12],
          ]),
          [28, 40],
        ),
      ],
    }),
    alertFor(profile, fm, {
      file: "workload",
      name: "job-failed",
      mergeKey: "job-failed",
      expr: `sum by (service, job) (increase(${METRICS.jobRuns.name}${selector({ service, outcome: "failure" })}[1h])) > 0`,
      for: "1m",
      severity: "ticket",
      priority: fm.severity === "P4" ? "P4" : "P3",
      summary: "A scheduled job failed in the last hour",
      description: "A run of the job named by the job label failed; check whether the next run succeeded.",
      firing: [
        scenario(
          "job run fails",
          failures([
            [0, 20],
            [1, 1],
            [0, 10],
          ]),
          [31],
          [{ job }],
        ),
      ],
      quiet: [scenario("job runs without failures", failures([[0, 60]]), [60])],
    }),
  ];
}

function freshnessAlerts(profile: Profile): AlertDef[] {
  const fm = ownerOf(profile, "data-freshness");
  if (!fm) return [];
  const service = profile.service.name;
  const dataset = "example-dataset";
  const data = (s: Steps) => [
    series(METRICS.dataUpdated.name, { service, dataset }, steps(s)),
    series(METRICS.dataMaxAge.name, { service, dataset }, steps([[3600, 90]])),
  ];
  return [
    alertFor(profile, fm, {
      file: "workload",
      name: "data-stale",
      mergeKey: "data-stale",
      expr: `(time() - max by (service, dataset) (${METRICS.dataUpdated.name}${selector({ service })}))\n> max by (service, dataset) (${METRICS.dataMaxAge.name}${selector({ service })})`,
      for: "10m",
      summary: "A dataset is older than its maximum age",
      description:
        "The dataset named by the dataset label has not been refreshed within its maximum age: users see out-of-date figures.",
      firing: [scenario("refresh stops", data([[0, 80]]), [80], [{ dataset }])],
      quiet: [
        scenario(
          "refreshed every 30 minutes",
          data([
            [0, 30],
            [1800, 30],
            [3600, 30],
          ]),
          [80],
        ),
        scenario(
          "one refresh 20 minutes late",
          data([
            [0, 30],
            [1800, 50],
            [4800, 10],
          ]),
          [79, 89],
        ),
      ],
    }),
  ];
}

function deadlineAlerts(profile: Profile): AlertDef[] {
  const fm = ownerOf(profile, "deadline-at-risk");
  if (!fm) return [];
  const service = profile.service.name;
  const items = (s: Steps) => [series(METRICS.deadlines.name, { service, state: "at_risk" }, steps(s))];
  return [
    alertFor(profile, fm, {
      file: "workload",
      name: "deadline-at-risk",
      mergeKey: "deadline-at-risk",
      expr: `sum by (service, state) (${METRICS.deadlines.name}${selector({ service }, ['state=~"at_risk|overdue"'])}) > 0`,
      for: "15m",
      summary: "Open items are at risk of missing, or have missed, their deadline",
      description:
        "For 15 minutes, open items have been at risk of missing their deadline or overdue (see the state label) and nobody has cleared them.",
      firing: [scenario("items at risk for 30 minutes", items([[2, 30]]), [30], [{ state: "at_risk" }])],
      quiet: [
        scenario("nothing at risk", items([[0, 30]]), [30]),
        scenario(
          "an item at risk for 5 minutes",
          items([
            [0, 5],
            [1, 5],
            [0, 15],
          ]),
          [10, 20],
        ),
      ],
    }),
  ];
}

function rulesetAlerts(profile: Profile): AlertDef[] {
  const fm = ownerOf(profile, "ruleset-mismatch");
  if (!fm) return [];
  const service = profile.service.name;
  const ruleset = "rules";
  const info = (instance: string, version: string, values: string) =>
    series(METRICS.ruleset.name, { service, ruleset, version, instance }, values);
  return [
    alertFor(profile, fm, {
      file: "workload",
      name: "ruleset-version-mismatch",
      mergeKey: "ruleset-version-mismatch",
      expr: `count by (service, ruleset) (count by (service, ruleset, version) (${METRICS.ruleset.name}${selector({ service })})) > 1`,
      for: "15m",
      summary: "Instances run different versions of a rule set",
      description:
        "For 15 minutes, instances have loaded different versions of the rule set named by the ruleset label: the same case can get different decisions.",
      firing: [
        scenario(
          "two versions live",
          [info("a", "1.4.0", "1+0x20"), info("b", "1.5.0", "1+0x20")],
          [20],
          [{ ruleset }],
        ),
      ],
      quiet: [
        scenario("one version live", [info("a", "1.5.0", "1+0x20"), info("b", "1.5.0", "1+0x20")], [20]),
        scenario(
          "rolling deploy for 5 minutes",
          [info("a", "1.4.0", "1+0x5"), info("a", "1.5.0", "_x5 1+0x20"), info("b", "1.5.0", "1+0x25")],
          [12, 25],
        ),
      ],
    }),
  ];
}

export function workloadAlerts(profile: Profile): AlertDef[] {
  return [
    ...queueAlerts(profile),
    ...jobAlerts(profile),
    ...freshnessAlerts(profile),
    ...deadlineAlerts(profile),
    ...rulesetAlerts(profile),
  ];
}
