import type { Journey } from "../../profile/schema.js";
import type { BurnRow } from "./burn-rate.js";
import { seriesName, type InputSeries, type Scenario } from "./rules.js";
import { presetSeriesLabels, sharedCounter, thresholdLe, type SliPreset } from "./sli-presets.js";
import { counter, events, scenario } from "./series.js";
import { byoScope, byoSeries, byoSli, byoTestable, journeySlis } from "./byo-sli.js";

/** Requests a minute in every scenario: enough that a 0.1% error ratio is a whole request. */
export const TRAFFIC_PER_MINUTE = 1000;

export interface BadPhase {
  /** Share of requests that fail (availability) or are slow (latency). */
  ratio: number;
  minutes: number;
}

/** Input series for one journey's SLI: the journey's first entry route, good and bad requests per phase. */
export function sliSeries(
  preset: SliPreset,
  service: string,
  journey: Journey,
  sli: "availability" | "latency",
  phases: BadPhase[],
): InputSeries[] {
  const per = (bad: boolean) =>
    counter(
      phases.map((p) => ({ minutes: p.minutes, per: TRAFFIC_PER_MINUTE * (bad ? p.ratio : 1 - p.ratio) })),
    );
  const all = counter(phases.map((p) => ({ minutes: p.minutes, per: TRAFFIC_PER_MINUTE })));
  return seriesOf(preset, service, journey, sli, { good: per(false), bad: per(true), all }) ?? [];
}

/**
 * The SLI's input series from the values of its good, bad and all requests, labelled as the preset does, or
 * read from the journey's own queries (undefined when govops cannot write series for them).
 */
function seriesOf(
  preset: SliPreset,
  service: string,
  journey: Journey,
  sli: "availability" | "latency",
  v: { good: string; bad: string; all: string },
): InputSeries[] | undefined {
  const byo = byoSli(journey, sli);
  if (journey.sli) return byo && byoSeries(byo, byoScope(preset, service), v);
  const labels = presetSeriesLabels(preset, service, journey);
  const status = (code: string) => ({ ...labels, [preset.status]: code });
  if (sli === "availability")
    return [
      { series: seriesName(preset.requests, status("200")), values: v.good },
      { series: seriesName(preset.requests, status("500")), values: v.bad },
    ];
  const le = thresholdLe(preset, journey.slo.latency.thresholdMs);
  // When requests are counted by the histogram, its series carry the status too (all of them succeed here).
  const base = sharedCounter(preset) ? status("200") : labels;
  return [
    { series: seriesName(`${preset.duration}_bucket`, { ...base, le }), values: v.good },
    { series: seriesName(`${preset.duration}_count`, base), values: v.all },
  ];
}

/** A sparse journey: one request at each of `at` (minutes), of which those at `bad` fail or are slow. */
export function sparseSeries(
  preset: SliPreset,
  service: string,
  journey: Journey,
  sli: "availability" | "latency",
  at: number[],
  bad: number[],
  total: number,
): InputSeries[] {
  const good = at.filter((m) => !bad.includes(m));
  return (
    seriesOf(preset, service, journey, sli, {
      good: events(good, total),
      bad: events(bad, total),
      all: events(at, total),
    }) ?? []
  );
}

/** One request every ten minutes for three hours; the one at two hours fails (or is slow). */
export function oneBadInTen(
  preset: SliPreset,
  service: string,
  journey: Journey,
  sli: "availability" | "latency",
) {
  const at = Array.from({ length: 18 }, (_, i) => (i + 1) * 10);
  return sparseSeries(preset, service, journey, sli, at, [120], 180);
}

/**
 * The low-traffic rule: at half the burn-rate guard (requests a second), a total outage after an hour pages
 * once no request has succeeded for 30 minutes, and resolves within five minutes of recovery. One failure
 * among sparse successes, and a total outage at full traffic (the burn-rate page's case), stay quiet. The
 * absent() ticket fires when the service reports no request for the journey's routes, not when it does.
 */
export function lowTrafficScenarios(preset: SliPreset, service: string, journey: Journey, guard: number) {
  const make = (
    name: string,
    series: InputSeries[],
    evalAfter: number[],
    fires?: Array<Record<string, string>>,
  ) => scenario(`${journey.id} ${name}`, series, evalAfter, fires);
  const low = (phases: BadPhase[]): InputSeries[] => {
    const per = (share: (p: BadPhase) => number) =>
      counter(phases.map((p) => ({ minutes: p.minutes, per: guard * 30 * share(p) })));
    const v = { good: per((p) => 1 - p.ratio), bad: per((p) => p.ratio), all: per(() => 1) };
    return seriesOf(preset, service, journey, "availability", v) ?? [];
  };
  const outage = { ratio: 1, minutes: 40 };
  const healthy = (minutes: number) => ({ ratio: 0, minutes });
  const both = journeySlis(journey)
    .flatMap((sli) => sliSeries(preset, service, journey, sli, [healthy(30)]))
    .filter((s, i, all) => all.findIndex((o) => o.series === s.series) === i);
  // Requests Prometheus does see, that are not the journey's: another route, or another ingress.
  const elsewhere = Object.fromEntries(
    Object.entries(presetSeriesLabels(preset, service, journey)).map(([k, v]) =>
      k === preset.route
        ? [k, "/govops-test/no-journey-route"]
        : k === "ingress"
          ? [k, `${v}-other`]
          : [k, v],
    ),
  );
  const unrelated = [
    {
      series: journey.sli
        ? seriesName("govops_test_unrelated_total", { journey: journey.id })
        : seriesName(preset.requests, { ...elsewhere, [preset.status]: "200" }),
      values: counter([{ per: 10, minutes: 30 }]),
    },
  ];
  // A journey's own queries govops cannot write series for get no scenarios, rather than failing ones.
  const none = { firing: [], quiet: [] };
  const testable = (sli: "availability" | "latency") => !journey.sli || byoTestable(journey, sli);
  const noSuccess = {
    firing: [make("total outage at low traffic pages", low([healthy(60), outage]), [100], [{}])],
    quiet: [
      make(
        "one failure at one request every ten minutes",
        oneBadInTen(preset, service, journey, "availability"),
        [124, 130],
      ),
      make("recovery resolves the low-traffic page", low([healthy(60), outage, healthy(15)]), [105, 115]),
      make(
        "total outage at full traffic is the burn-rate page's",
        sliSeries(preset, service, journey, "availability", [healthy(10), outage]),
        [50],
      ),
    ],
  };
  const absent = {
    firing: [make("no SLI metrics for the journey's routes opens a ticket", unrelated, [20], [{}])],
    quiet: [make("SLI metrics present", both, [30])],
  };
  return {
    noSuccess: testable("availability") ? noSuccess : none,
    absent: journeySlis(journey).every(testable) ? absent : none,
  };
}

/**
 * Page rows: a full outage after ten healthy minutes fires them (and, by 35 minutes, the ticket rows:
 * every row's threshold is under 42% errors once the page row can fire at all). Healthy traffic spending
 * half the budget, and a three-minute blip at 1.5× the fastest threshold after 90 healthy minutes, fire
 * nothing. Ticket rows: a steady 4× burn, between the fastest ticket row (2.8× for 28 days) and the
 * slowest page row (5.6×), fires the ticket alone.
 */
export function sloScenarios(
  preset: SliPreset,
  journey: Journey,
  sli: "availability" | "latency",
  severity: "page" | "ticket",
  rows: BurnRow[],
  service: string,
): { firing: Scenario[]; quiet: Scenario[] } {
  if (journey.sli && !byoTestable(journey, sli)) return { firing: [], quiet: [] };
  const budget = rows[0]!.threshold / rows[0]!.burnRate;
  const make = (
    name: string,
    phases: BadPhase[],
    evalAfter: number[],
    fires?: Array<Record<string, string>>,
  ) =>
    scenario(
      `${journey.id} ${sli}: ${name}`,
      sliSeries(preset, service, journey, sli, phases),
      evalAfter,
      fires,
    );
  if (severity === "ticket") {
    const burn: BadPhase[] = [{ ratio: 4 * budget, minutes: 20 }];
    return {
      firing: [make("steady 4x burn opens a ticket, not a page", burn, [20], [{ severity: "ticket" }])],
      quiet: [],
    };
  }
  const fastest = rows.find((r) => r.severity === "page")!.threshold;
  return {
    firing: [
      make(
        "full outage pages",
        [
          { ratio: 0, minutes: 10 },
          { ratio: 1, minutes: 25 },
        ],
        [35],
        [{ severity: "page" }, { severity: "ticket" }],
      ),
    ],
    quiet: [
      scenario(
        `${journey.id} ${sli}: one bad request at one request every ten minutes`,
        oneBadInTen(preset, service, journey, sli),
        [124, 130],
      ),
      make("healthy traffic spending half the budget", [{ ratio: budget / 2, minutes: 30 }], [30]),
      make(
        "three-minute blip",
        [
          { ratio: 0, minutes: 90 },
          { ratio: Math.min(1, 1.5 * fastest), minutes: 3 },
          { ratio: 0, minutes: 10 },
        ],
        [93, 103],
      ),
    ],
  };
}
