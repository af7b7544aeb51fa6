import type { Profile } from "../../profile/schema.js";
import { alertFor } from "./alert-def.js";
import { ownerOf } from "./failure-modes.js";
import { METRICS } from "./metrics.js";
import { selector, type AlertDef } from "./rules.js";
import { scenario, series, steps, type Steps } from "./series.js";

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

/** Alerts on the service's own data: stale datasets, deadlines at risk, rule sets out of step. */
export function dataAlerts(profile: Profile): AlertDef[] {
  return [...freshnessAlerts(profile), ...deadlineAlerts(profile), ...rulesetAlerts(profile)];
}
