import type { Profile } from "../../profile/schema.js";
import { alertFor } from "./alert-def.js";
import { ownerOf } from "./failure-modes.js";
import { METRICS } from "./metrics.js";
import { selector, type AlertDef } from "./rules.js";
import { counter, ramp, scenario, series, steps, type Steps } from "./series.js";

/** How long the oldest message may wait before the queue counts as backed up: the alert's and the dashboard's line. */
export const QUEUE_AGE_LIMIT_SECONDS = 900;

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
      expr: `max by (service, queue) (${METRICS.queueAge.name}${selector({ service })}) > ${QUEUE_AGE_LIMIT_SECONDS}`,
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

export function workloadAlerts(profile: Profile): AlertDef[] {
  return [...queueAlerts(profile), ...jobAlerts(profile)];
}
