import type { Profile } from "../../profile/schema.js";
import { monitoringAlerts, ruleGroups, RULES_FILES, type RulesFile } from "../monitoring/index.js";
import { TEST_INTERVAL } from "../monitoring/rules.js";
import { testGroups } from "../monitoring/unit-tests.js";
import type { OutputFile, Target } from "../target.js";

const DIR = "ops/monitoring";

const HEADERS: Record<RulesFile, string> = {
  slo: "SLO recording rules and multiwindow, multi-burn-rate alerts (Google SRE Workbook, table 5-8), with burn rates derived from each journey's SLO period.",
  availability:
    "Whether Prometheus can see the service at all, and synthetic probes of journeys' entry pages.",
  dependency: "Errors, timeouts and connection-pool exhaustion of the service's dependencies.",
  workload: "Queues, scheduled jobs, data freshness, deadlines and rule-set versions.",
  "data-protection": "Data-protection monitoring: unusual personal-data access and personal data in logs.",
};

/** A rules file and its promtool unit tests, when the profile gives it any rules. */
function rulesWithTests(profile: Profile, file: RulesFile): OutputFile[] {
  const groups = ruleGroups(profile, file);
  if (groups.length === 0) return [];
  const name = `${file}-rules`;
  const testFile = `${DIR}/tests/${name}.test.yml`;
  return [
    {
      path: `${DIR}/${name}.yml`,
      template: "monitoring/rules.yml.hbs",
      context: { header: HEADERS[file], groups },
      format: "yaml",
      kind: "owned",
    },
    {
      path: testFile,
      template: "monitoring/rules.test.yml.hbs",
      context: {
        testFile,
        ruleFile: `../${name}.yml`,
        interval: TEST_INTERVAL[file],
        groups: testGroups(monitoringAlerts(profile).filter((a) => a.file === file)),
      },
      format: "yaml",
      kind: "owned",
    },
  ];
}

export const monitoringTarget: Target = {
  id: "monitoring",
  title: "Prometheus SLO and failure-mode alerts with unit tests, Alertmanager routing, dashboard, probes",
  outputs(profile): OutputFile[] {
    if (profile.journeys.length === 0) return [];
    return RULES_FILES.flatMap((file) => rulesWithTests(profile, file));
  },
};
