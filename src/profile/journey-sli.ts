import { z } from "zod";

/** The one placeholder a query may hold: the range of each burn-rate window, e.g. `5m` or `1h`. */
export const WINDOW_PLACEHOLDER = "{{window}}";

const metricName = z
  .string()
  .regex(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/, "a Prometheus metric name")
  .refine((m) => !/_(bucket|count|sum)$/.test(m), "the histogram's name, without _bucket, _count or _sum");

/**
 * A journey's own SLI, used instead of the preset (`monitoring.sli`), as Sloth and Pyrra take one. Queries are
 * PromQL on one line returning requests a second (use `rate()`), with `{{window}}` where the range goes, e.g.
 * `sum(rate(http_requests_total{job="apply", code=~"5.."}[{{window}}]))`. govops adds the monitoring selectors
 * to every series they read and checks each with `promtool` at `generate` (or at `check` when promtool is missing).
 */
export const journeySliSchema = z
  .object({
    /** Failed requests a second; the availability SLI is errorQuery ÷ totalQuery. */
    errorQuery: z.string().optional(),
    /**
     * All the journey's requests a second. Required with errorQuery or slowQuery; the minimum-traffic guard,
     * the low-traffic page and the absent() ticket read it.
     */
    totalQuery: z.string().optional(),
    /** Requests a second slower than `slo.latency.thresholdMs`; the latency SLI is slowQuery ÷ totalQuery. */
    slowQuery: z.string().optional(),
    /**
     * Or the latency SLI from a histogram: the share of its `_count` outside the bucket at
     * `slo.latency.thresholdMs` (`le` in seconds, e.g. "0.5"), over the series the matchers select.
     */
    histogram: z
      .object({
        metric: metricName,
        /** PromQL label matchers, e.g. `job="apply", route=~"/apply.*"`. Default: none. */
        matchers: z.string().optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export type JourneySli = z.infer<typeof journeySliSchema>;

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const LINE_BREAKING = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** Why a query cannot be used as written, or undefined. `needsWindow` is false for label matchers. */
export function queryProblem(text: string, needsWindow: boolean): string | undefined {
  if (!text.trim()) return "is empty";
  if (text.length > 2000) return "is longer than 2000 characters";
  if (LINE_BREAKING.test(text)) return "must be one line without control characters";
  if (text.includes("`")) return "may not hold backticks: write PromQL strings in double quotes";
  const rest = text.split(WINDOW_PLACEHOLDER).join("");
  const unknown = /\{\{[^{}]*\}\}/.exec(rest);
  if (unknown)
    return `has an unknown placeholder ${unknown[0]}: the only one is ${WINDOW_PLACEHOLDER}${needsWindow ? "" : ", and only in queries"}`;
  if (rest.includes("{{") || rest.includes("}}"))
    return `may not hold "{{" or "}}" other than ${WINDOW_PLACEHOLDER}`;
  if (!needsWindow && rest !== text) return `may not hold ${WINDOW_PLACEHOLDER}`;
  if (needsWindow && rest === text)
    return `needs ${WINDOW_PLACEHOLDER} as the range of its rate(), e.g. rate(metric[${WINDOW_PLACEHOLDER}])`;
  return undefined;
}

/** Checks a journey's own SLI, naming the journey and the key; for the config's patches and the profile. */
export function refineJourneySli(
  journey: { id?: string; sli?: JourneySli | undefined },
  ctx: z.RefinementCtx,
): void {
  const sli = journey.sli;
  if (!sli) return;
  const who = `journey "${journey.id ?? "?"}"`;
  const issue = (key: string, message: string) =>
    ctx.addIssue({
      code: "custom",
      path: ["sli", ...key.split(".")],
      message: `${who}: sli.${key} ${message}`,
    });
  for (const key of ["errorQuery", "totalQuery", "slowQuery"] as const) {
    const text = sli[key];
    const problem = text === undefined ? undefined : queryProblem(text, true);
    if (problem) issue(key, problem);
  }
  const matchers = sli.histogram?.matchers;
  const problem = matchers ? queryProblem(matchers, false) : undefined;
  if (problem) issue("histogram.matchers", problem);
  if (!sli.errorQuery && !sli.slowQuery && !sli.histogram)
    issue(
      "errorQuery",
      "is missing: give errorQuery, slowQuery or histogram (with totalQuery for the queries)",
    );
  if ((sli.errorQuery || sli.slowQuery) && !sli.totalQuery)
    issue("totalQuery", "is missing: the SLI divides by it, and the low-traffic and absent() alerts read it");
  if (sli.slowQuery && sli.histogram) issue("slowQuery", "and sli.histogram both measure latency: keep one");
}
