import { monitoringScope } from "./scope.js";
import type { Profile } from "../../profile/schema.js";
import { alertmanagerModel, routeCases } from "./alertmanager.js";
import { dashboardModel } from "./dashboard.js";
import { monitoringAlerts, ruleGroups, RULES_FILES, type RuleGroup, type RulesFile } from "./alerts.js";
import { instrumentationModel } from "./instrumentation.js";
import { baseUrlOf, probeTargets } from "./probes.js";
import { readmeModel } from "./readme.js";
import { TEST_INTERVAL } from "./rules.js";
import { testGroups } from "./unit-tests.js";
import { SUMMARY_HEADER, summaryRuleGroups, summaryTestModel } from "./summary.js";
import { PROMETHEUS_RULE_DIR, prometheusRuleChoice } from "./prometheus-rule.js";
import type { OutputFile, Pack } from "../../render/pack.js";

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
  const alerts = monitoringAlerts(profile).filter((a) => a.file === file);
  return rulesFile(profile, name, HEADERS[file], groups, [
    owned(testFile, "monitoring/rules.test.yml.hbs", {
      testFile,
      ruleFile: `../${name}.yml`,
      interval: TEST_INTERVAL[file],
      groups: testGroups(alerts),
    }),
  ]);
}

/** The summary series (Sloth's `slo:*`) and their promtool tests. */
function summaryFiles(profile: Profile): OutputFile[] {
  const testFile = `${DIR}/tests/summary-rules.test.yml`;
  return rulesFile(profile, "summary-rules", SUMMARY_HEADER, summaryRuleGroups(profile), [
    owned(testFile, "monitoring/summary-rules.test.yml.hbs", summaryTestModel(profile, testFile)),
  ]);
}

/** A rules file, its `PrometheusRule` twin on Kubernetes, and its tests. */
function rulesFile(
  profile: Profile,
  name: string,
  header: string,
  groups: RuleGroup[],
  tests: OutputFile[],
): OutputFile[] {
  const file = name.replace(/-rules$/, "");
  const kube = prometheusRuleChoice(profile);
  return [
    owned(`${DIR}/${name}.yml`, "monitoring/rules.yml.hbs", { header, groups }),
    ...(kube
      ? [
          owned(`${PROMETHEUS_RULE_DIR}/${name}.yml`, "monitoring/prometheus-rule.yml.hbs", {
            ruleFile: `${name}.yml`,
            name: `${profile.service.name}-${file}`,
            namespace: kube.namespace ?? "",
            labels: kube.labels,
            groups,
          }),
        ]
      : []),
    ...tests,
  ];
}

function owned(
  path: string,
  template: string,
  context: object,
  format: OutputFile["format"] = "yaml",
): OutputFile {
  return { path, template, context, format, kind: "owned" };
}

function probeFiles(profile: Profile): OutputFile[] {
  const probes = probeTargets(profile);
  if (probes.length === 0) return [];
  const { url, placeholder } = baseUrlOf(profile);
  const service = profile.service.name;
  const scope = monitoringScope(profile);
  return [
    owned(`${DIR}/probe-targets.yml`, "monitoring/probe-targets.yml.hbs", {
      service,
      probes,
      // The rules select probe_success by the scope's labels too: each target carries them.
      scopeLabels: Object.entries(scope.reach === "service" ? scope.labels : {}).map(([name, value]) => ({
        name,
        value,
      })),
      baseUrl: url,
      placeholder,
    }),
    owned(`${DIR}/blackbox.yml`, "monitoring/blackbox.yml.hbs", { service }),
  ];
}

export const monitoringPack: Pack = {
  id: "monitoring",
  title: "Prometheus SLO and failure-mode alerts with unit tests, Alertmanager routing, dashboard, probes",
  outputs(profile): OutputFile[] {
    if (profile.journeys.length === 0) return [];
    const service = profile.service.name;
    const rules = [...RULES_FILES.flatMap((file) => rulesWithTests(profile, file)), ...summaryFiles(profile)];
    const probes = probeFiles(profile);
    const instrumentation = instrumentationModel(profile);
    const instrumentationPath = `${DIR}/instrumentation/metrics.ts`;
    const maxPeriod = Math.max(...profile.journeys.map((j) => j.slo.periodDays));
    const files: OutputFile[] = [
      ...rules,
      ...probes,
      owned(`${DIR}/alertmanager.yml`, "monitoring/alertmanager.yml.hbs", alertmanagerModel(profile)),
      owned(`${DIR}/alertmanager-routes.test.yml`, "monitoring/alertmanager-routes.test.yml.hbs", {
        config: "alertmanager.yml",
        cases: routeCases(profile),
      }),
      owned(
        `${DIR}/dashboard.json`,
        "monitoring/dashboard.json.hbs",
        { dashboard: dashboardModel(profile) },
        "json",
      ),
      {
        path: `${DIR}/prometheus.yml`,
        template: "monitoring/prometheus.yml.hbs",
        context: {
          service,
          ruleFiles: rules
            .filter((f) => !f.path.includes("/tests/") && !f.path.startsWith(PROMETHEUS_RULE_DIR))
            .map((f) => f.path.slice(DIR.length + 1)),
          metricsTarget: `${service}:${instrumentation.scrape.port}`,
          scrape: instrumentation.scrape,
          probes: probes.length > 0,
          probeJob: `${service}-probes`,
          maxPeriod: `${maxPeriod}d`,
          retention: `${maxPeriod + 2}d`,
        },
        format: "yaml",
        kind: "starter",
      },
      {
        path: instrumentationPath,
        template: `monitoring/instrumentation/${instrumentation.framework}.ts.hbs`,
        context: instrumentation,
        format: "javascript",
        kind: "starter",
      },
    ];
    const described = files.map((f) => ({ path: f.path.slice(DIR.length + 1), what: describe(f.path) }));
    return [
      ...files,
      owned(
        `${DIR}/README.md`,
        "monitoring/README.md.hbs",
        readmeModel(profile, described, instrumentationPath),
        "markdown",
      ),
    ];
  },
};

function describe(path: string): string {
  if (path.includes("/tests/")) return "promtool unit tests for the rules file of the same name";
  if (path.startsWith(PROMETHEUS_RULE_DIR))
    return "the rules file of the same name as a `PrometheusRule` resource";
  if (path.endsWith("summary-rules.yml"))
    return "summary series per journey and SLI in Sloth's slo:* names: objective, burn rates, budget remaining";
  if (path.endsWith("-rules.yml")) return "Prometheus recording and alerting rules";
  if (path.endsWith("alertmanager.yml")) return "Alertmanager routing, inhibition and receivers";
  if (path.endsWith("alertmanager-routes.test.yml"))
    return "routing cases checked with amtool config routes test";
  if (path.endsWith("dashboard.json"))
    return "Grafana dashboard: journey SLOs, error budgets, burn rates, dependencies";
  if (path.endsWith("probe-targets.yml"))
    return "synthetic probe targets (file_sd), one per journey entry page";
  if (path.endsWith("blackbox.yml")) return "blackbox exporter modules for the probes";
  if (path.endsWith("prometheus.yml"))
    return "starter Prometheus configuration: rules, scrape jobs, probes (yours to edit)";
  return "starter instrumentation exporting the metrics contract (yours to edit)";
}
