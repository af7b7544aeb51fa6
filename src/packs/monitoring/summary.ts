import type { Journey, Profile } from "../../profile/schema.js";
import { errorBudget } from "../shared/error-budget.js";
import { ruleGroups, type RuleGroup } from "./alerts.js";
import { BURN_ROWS, WINDOWS } from "./burn-rate.js";
import { selector, seriesName, type InputSeries, type RecordingRule } from "./rules.js";
import { scopeRecord, scopeText, watchedScope } from "./scope.js";
import { minutes } from "./series.js";
import { sliPreset } from "./sli-presets.js";
import { byoTestable, journeySlis } from "./byo-sli.js";
import { sliSeries, type BadPhase } from "./slo-scenarios.js";
import { SLI_RECORD, sloTarget, windowsFor, type Sli } from "./slo.js";

/**
 * The summary series, named as Sloth names its SLO series (github.com/slok/sloth), plus the burn rate of each
 * alert window: one series per journey and SLI that dashboards and reports read instead of redoing the maths.
 */
export const SUMMARY = {
  objective: "slo:objective:ratio",
  errorBudget: "slo:error_budget:ratio",
  periodDays: "slo:time_period:days",
  /** Followed by the window, as the journey recording rules it copies. */
  sliError: "slo:sli_error:ratio_rate",
  /** Followed by the window: the error ratio over it ÷ the error budget. */
  burnRate: "slo:burn_rate:ratio_rate",
  currentBurnRate: "slo:current_burn_rate:ratio",
  periodBurnRate: "slo:period_burn_rate:ratio",
  budgetRemaining: "slo:period_error_budget_remaining:ratio",
} as const;

export const SUMMARY_HEADER =
  "Summary series per journey and SLI in Sloth's names (slo:*): objective, error budget, error ratio and burn rate per window, budget remaining over the SLO period. Dashboards and reports read these.";

/** The window of the current burn rate: the fastest page row's short window, as in Sloth. */
export const CURRENT_WINDOW = BURN_ROWS[0].short;

/** The labels every summary series of a journey's SLI carries (scope labels join them when scoped). */
export function summaryLabels(service: string, journey: Journey, sli: Sli): Record<string, string> {
  return { service, journey: journey.id, sli };
}

/**
 * A journey SLI's summary series. The error ratios copy the journey recording rules (whose SLI maths they
 * do not repeat) and add the `sli` label; burn rates and budget remaining are read from those copies.
 */
export function summaryRecords(service: string, journey: Journey, sli: Sli): RecordingRule[] {
  const labels = summaryLabels(service, journey, sli);
  const sel = selector(labels);
  const objective = sloTarget(journey, sli);
  const budget = errorBudget(objective);
  const burn = (ratio: string) => `${ratio}${sel}\n/\n${budget}`;
  const period = `${journey.slo.periodDays}d`;
  return [
    { record: SUMMARY.objective, expr: `vector(${objective})`, labels },
    { record: SUMMARY.errorBudget, expr: `vector(${budget})`, labels },
    { record: SUMMARY.periodDays, expr: `vector(${journey.slo.periodDays})`, labels },
    ...windowsFor(journey).map((w) => ({
      record: `${SUMMARY.sliError}${w}`,
      expr: `${SLI_RECORD[sli]}${w}${selector({ service, journey: journey.id })}`,
      labels,
    })),
    ...WINDOWS.map((w) => ({
      record: `${SUMMARY.burnRate}${w}`,
      expr: burn(`${SUMMARY.sliError}${w}`),
      labels,
    })),
    { record: SUMMARY.currentBurnRate, expr: `${SUMMARY.burnRate}${CURRENT_WINDOW}${sel}`, labels },
    { record: SUMMARY.periodBurnRate, expr: burn(`${SUMMARY.sliError}${period}`), labels },
    { record: SUMMARY.budgetRemaining, expr: `1 - ${SUMMARY.periodBurnRate}${sel}`, labels },
  ];
}

/** The service's reach: the summary series restate the SLIs, so every one of them carries the scope's labels. */
const scopeOf = (profile: Profile) => watchedScope(profile, "service");

/**
 * ops/monitoring/summary-rules.yml: one group per journey, as Sloth keeps its summary series apart from
 * the SLI rules. They read the journey recording rules of slo-rules.yml, so they may trail them by one
 * evaluation: nothing alerts on them.
 */
export function summaryRuleGroups(profile: Profile): RuleGroup[] {
  const service = profile.service.name;
  const { anchors, labels } = scopeOf(profile);
  return profile.journeys.map((j) => ({
    name: `${service}-${j.id}-summary`,
    rules: journeySlis(j)
      .flatMap((sli) => summaryRecords(service, j, sli))
      .map((r) => scopeRecord(r, anchors, labels)),
  }));
}

export interface ExprCheck {
  expr: string;
  evalTime: string;
  samples: Array<{ labels: string; value: number }>;
}

export interface SummaryTestGroup {
  name: string;
  series: InputSeries[];
  checks: ExprCheck[];
}

/** Minutes of input in each test case: longer than the current window, shorter than every other. */
const TEST_MINUTES = 10;

/** promtool compares values exactly; ratios are compared rounded to 1e-4 (1e-6 when 1e-4 would be a tie). */
function rounding(value: number): { to: string; value: number } {
  for (const to of ["0.0001", "0.000001"]) {
    const inverse = 1 / Number(to);
    const scaled = value * inverse;
    if (Math.abs(scaled - Math.floor(scaled) - 0.5) > 1e-6)
      return { to, value: Math.floor(scaled + 0.5) / inverse };
  }
  return { to: "0.00000001", value: Math.round(value * 1e8) / 1e8 };
}

/**
 * promtool cases for a journey SLI's summary series, 10 minutes each: a steady error ratio of a quarter of
 * the budget (burn rate 0.25 in every window, three quarters of the budget left), and healthy traffic then
 * a full outage for 5 minutes (burn rate 1 ÷ budget now, half the requests failed over every longer window).
 */
export function summaryTests(profile: Profile, journey: Journey, sli: Sli): SummaryTestGroup[] {
  const service = profile.service.name;
  const preset = sliPreset(profile);
  const { anchors, labels: scope } = scopeOf(profile);
  const labels = { ...summaryLabels(service, journey, sli), ...scope };
  const sel = selector(summaryLabels(service, journey, sli));
  const objective = sloTarget(journey, sli);
  const budget = errorBudget(objective);
  const series = (phases: BadPhase[]) =>
    sliSeries(preset, service, journey, sli, phases).map((s) => ({
      ...s,
      series: scopeText(s.series, anchors, scope),
    }));
  const at = minutes(TEST_MINUTES);
  const exact = (metric: string, value: number): ExprCheck => ({
    expr: `${metric}${sel}`,
    evalTime: at,
    samples: [{ labels: seriesName(metric, labels), value }],
  });
  const near = (metric: string, value: number): ExprCheck => {
    const r = rounding(value);
    return {
      expr: `round(${metric}${sel}, ${r.to})`,
      evalTime: at,
      samples: [{ labels: selector(labels), value: r.value }],
    };
  };
  const period = `${journey.slo.periodDays}d`;
  const quarter = budget / 4;
  const name = (what: string) => `${journey.id} ${sli} summary: ${what}`;
  const half = TEST_MINUTES / 2;
  const outageBurn = 0.5 / budget;
  return [
    {
      name: name("a steady quarter of the error budget"),
      series: series([{ ratio: quarter, minutes: TEST_MINUTES }]),
      checks: [
        exact(SUMMARY.objective, objective),
        exact(SUMMARY.errorBudget, budget),
        exact(SUMMARY.periodDays, journey.slo.periodDays),
        near(`${SUMMARY.sliError}${period}`, quarter),
        ...WINDOWS.map((w) => near(`${SUMMARY.burnRate}${w}`, 0.25)),
        near(SUMMARY.currentBurnRate, 0.25),
        near(SUMMARY.periodBurnRate, 0.25),
        near(SUMMARY.budgetRemaining, 0.75),
      ],
    },
    {
      name: name(`a full outage for the last ${half} of ${TEST_MINUTES} minutes`),
      series: series([
        { ratio: 0, minutes: half },
        { ratio: 1, minutes: half },
      ]),
      checks: [
        near(`${SUMMARY.sliError}${CURRENT_WINDOW}`, 1),
        near(SUMMARY.currentBurnRate, 1 / budget),
        near(`${SUMMARY.sliError}${period}`, 0.5),
        ...WINDOWS.filter((w) => w !== CURRENT_WINDOW).map((w) =>
          near(`${SUMMARY.burnRate}${w}`, outageBurn),
        ),
        near(SUMMARY.periodBurnRate, outageBurn),
        near(SUMMARY.budgetRemaining, 1 - outageBurn),
      ],
    },
  ];
}

/**
 * Cases whose input series share no name share a promtool group (each SLI's rules read only its own
 * series), so the file costs two groups' evaluation whatever the number of journeys the preset can tell apart.
 */
function merged(groups: SummaryTestGroup[]): SummaryTestGroup[] {
  const out: Array<SummaryTestGroup & { names: Set<string> }> = [];
  for (const g of sameInput(groups)) {
    const host = out.find((h) => g.series.every((s) => !h.names.has(s.series)));
    if (!host) {
      out.push({
        ...g,
        series: [...g.series],
        checks: [...g.checks],
        names: new Set(g.series.map((s) => s.series)),
      });
      continue;
    }
    host.name += `; ${g.name}`;
    host.series.push(...g.series);
    host.checks.push(...g.checks);
    for (const s of g.series) host.names.add(s.series);
  }
  return out.map(({ names: _names, ...g }) => g);
}

/**
 * Cases fed the very same input series are one case with all their checks: a preset that cannot tell journeys
 * apart (the ingress) gives every journey the same series, and each journey's rules read the same values
 * whether its checks run alone or beside the others'. Without this a service with 30 journeys needs 60 groups.
 */
function sameInput(groups: SummaryTestGroup[]): SummaryTestGroup[] {
  const byInput = new Map<string, SummaryTestGroup>();
  for (const g of groups) {
    const key = JSON.stringify(g.series.map((s) => [s.series, s.values]).sort());
    const seen = byInput.get(key);
    if (seen)
      byInput.set(key, { ...seen, name: `${seen.name}; ${g.name}`, checks: [...seen.checks, ...g.checks] });
    else byInput.set(key, g);
  }
  return [...byInput.values()];
}

/** The cases of a journey's SLIs; none for its own queries govops cannot write input series for. */
function testsOf(profile: Profile, journey: Journey): SummaryTestGroup[] {
  return journeySlis(journey)
    .filter((sli) => !journey.sli || byoTestable(journey, sli))
    .flatMap((sli) => summaryTests(profile, journey, sli));
}

/** The promtool test file's model: the SLO rules then the summary rules, in that order at every step. */
export function summaryTestModel(profile: Profile, testFile: string) {
  return {
    testFile,
    ruleFiles: ["../slo-rules.yml", "../summary-rules.yml"],
    groupEvalOrder: [...ruleGroups(profile, "slo"), ...summaryRuleGroups(profile)].map((g) => g.name),
    groups: [
      ...merged(profile.journeys.filter((j) => !j.sli).flatMap((j) => testsOf(profile, j))),
      // A journey's own queries may read other journeys' series: its cases never share a group.
      ...profile.journeys.filter((j) => j.sli).flatMap((j) => testsOf(profile, j)),
    ],
  };
}
