import type { Journey } from "../../profile/schema.js";
import type { BurnRow } from "./burn-rate.js";
import { leLabel, METRICS } from "./metrics.js";
import { seriesName, type InputSeries, type Scenario } from "./rules.js";
import { counter, events, scenario } from "./series.js";

/** Requests a minute in every scenario: enough that a 0.1% error ratio is a whole request. */
export const TRAFFIC_PER_MINUTE = 1000;

export interface BadPhase {
  /** Share of requests that fail (availability) or are slow (latency). */
  ratio: number;
  minutes: number;
}

/** Input series for one journey's SLI: the journey's first entry route, good and bad requests per phase. */
export function sliSeries(
  service: string,
  journey: Journey,
  sli: "availability" | "latency",
  phases: BadPhase[],
): InputSeries[] {
  const route = journey.entryRoutes[0];
  const base = { service, route: route?.path ?? "/", method: route?.method ?? "GET" };
  const per = (bad: boolean) =>
    counter(
      phases.map((p) => ({ minutes: p.minutes, per: TRAFFIC_PER_MINUTE * (bad ? p.ratio : 1 - p.ratio) })),
    );
  const all = counter(phases.map((p) => ({ minutes: p.minutes, per: TRAFFIC_PER_MINUTE })));
  const name = seriesName;
  if (sli === "availability")
    return [
      { series: name(METRICS.requests.name, { ...base, status_code: "200" }), values: per(false) },
      { series: name(METRICS.requests.name, { ...base, status_code: "500" }), values: per(true) },
    ];
  const le = leLabel(journey.slo.latency.thresholdMs);
  return [
    { series: name(`${METRICS.duration.name}_bucket`, { ...base, le }), values: per(false) },
    { series: name(`${METRICS.duration.name}_count`, base), values: all },
  ];
}

/** A sparse journey: one request at each of `at` (minutes), of which those at `bad` fail or are slow. */
export function sparseSeries(
  service: string,
  journey: Journey,
  sli: "availability" | "latency",
  at: number[],
  bad: number[],
  total: number,
): InputSeries[] {
  const route = journey.entryRoutes[0];
  const base = { service, route: route?.path ?? "/", method: route?.method ?? "GET" };
  const good = at.filter((m) => !bad.includes(m));
  if (sli === "availability")
    return [
      {
        series: seriesName(METRICS.requests.name, { ...base, status_code: "200" }),
        values: events(good, total),
      },
      {
        series: seriesName(METRICS.requests.name, { ...base, status_code: "500" }),
        values: events(bad, total),
      },
    ];
  const le = leLabel(journey.slo.latency.thresholdMs);
  return [
    { series: seriesName(`${METRICS.duration.name}_bucket`, { ...base, le }), values: events(good, total) },
    { series: seriesName(`${METRICS.duration.name}_count`, base), values: events(at, total) },
  ];
}

/** One request every ten minutes for three hours; the one at two hours fails (or is slow). */
export function oneBadInTen(service: string, journey: Journey, sli: "availability" | "latency") {
  const at = Array.from({ length: 18 }, (_, i) => (i + 1) * 10);
  return sparseSeries(service, journey, sli, at, [120], 180);
}

/**
 * The low-traffic rule: at half the burn-rate guard (requests a second), a total outage after an hour pages
 * once no request has succeeded for 30 minutes, and resolves within five minutes of recovery. One failure
 * among sparse successes, and a total outage at full traffic (the burn-rate page's case), stay quiet. The
 * absent() ticket fires when the service reports no request for the journey's routes, not when it does.
 */
export function lowTrafficScenarios(service: string, journey: Journey, guard: number) {
  const make = (
    name: string,
    series: InputSeries[],
    evalAfter: number[],
    fires?: Array<Record<string, string>>,
  ) => scenario(`${journey.id} ${name}`, series, evalAfter, fires);
  const low = (phases: BadPhase[]): InputSeries[] => {
    const per = (bad: boolean) =>
      counter(phases.map((p) => ({ minutes: p.minutes, per: guard * 30 * (bad ? p.ratio : 1 - p.ratio) })));
    const route = journey.entryRoutes[0];
    const base = { service, route: route?.path ?? "/", method: route?.method ?? "GET" };
    return [
      { series: seriesName(METRICS.requests.name, { ...base, status_code: "200" }), values: per(false) },
      { series: seriesName(METRICS.requests.name, { ...base, status_code: "500" }), values: per(true) },
    ];
  };
  const outage = { ratio: 1, minutes: 40 };
  const healthy = (minutes: number) => ({ ratio: 0, minutes });
  const both = [
    ...sliSeries(service, journey, "availability", [healthy(30)]),
    ...sliSeries(service, journey, "latency", [healthy(30)]),
  ];
  const unrelated = [
    {
      series: seriesName(METRICS.requests.name, {
        service,
        route: "/govops-test/no-journey-route",
        method: "GET",
        status_code: "200",
      }),
      values: counter([{ per: 10, minutes: 30 }]),
    },
  ];
  return {
    noSuccess: {
      firing: [make("total outage at low traffic pages", low([healthy(60), outage]), [100], [{}])],
      quiet: [
        make(
          "one failure at one request every ten minutes",
          oneBadInTen(service, journey, "availability"),
          [124, 130],
        ),
        make("recovery resolves the low-traffic page", low([healthy(60), outage, healthy(15)]), [105, 115]),
        make(
          "total outage at full traffic is the burn-rate page's",
          sliSeries(service, journey, "availability", [healthy(10), outage]),
          [50],
        ),
      ],
    },
    absent: {
      firing: [make("no SLI metrics for the journey's routes opens a ticket", unrelated, [20], [{}])],
      quiet: [make("SLI metrics present", both, [30])],
    },
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
  journey: Journey,
  sli: "availability" | "latency",
  severity: "page" | "ticket",
  rows: BurnRow[],
  service: string,
): { firing: Scenario[]; quiet: Scenario[] } {
  const budget = rows[0]!.threshold / rows[0]!.burnRate;
  const make = (
    name: string,
    phases: BadPhase[],
    evalAfter: number[],
    fires?: Array<Record<string, string>>,
  ) => scenario(`${journey.id} ${sli}: ${name}`, sliSeries(service, journey, sli, phases), evalAfter, fires);
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
        oneBadInTen(service, journey, sli),
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
