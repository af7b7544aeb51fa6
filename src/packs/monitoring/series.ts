import { seriesName } from "./rules.js";

/** Builders for promtool input series: one sample a minute, written in promtool's `a+bxn` notation. */

export interface Phase {
  /** How much the counter grows each minute (or, for gauges, the constant value). */
  per: number;
  minutes: number;
}

function num(n: number): string {
  return String(Math.round(n * 1e6) / 1e6);
}

/** A counter that grows by `per` each minute through the phases, starting from 0 at minute 0. */
export function counter(phases: Phase[]): string {
  const parts = ["0"];
  let value = 0;
  for (const { per, minutes } of phases) {
    if (minutes <= 0) continue;
    parts.push(`${num(value + per)}+${num(per)}x${minutes - 1}`);
    value += per * minutes;
  }
  return parts.join(" ");
}

/** A gauge that holds each phase's value for its minutes (the first sample is at minute 0). */
export function gauge(phases: Phase[]): string {
  return phases
    .filter((p) => p.minutes > 0)
    .map((p, i) => `${num(p.per)}+0x${i === 0 ? p.minutes : p.minutes - 1}`)
    .join(" ");
}

/** A gauge that grows by `per` each minute: an age or a timestamp. */
export function ramp(start: number, per: number, minutes: number): string {
  return `${num(start)}+${num(per)}x${minutes}`;
}

/** A duration as promtool and Prometheus write it, from minutes. */
export function minutes(n: number): string {
  return n % 60 === 0 ? `${n / 60}h` : n > 60 ? `${Math.floor(n / 60)}h${n % 60}m` : `${n}m`;
}

/** A promtool scenario from series, evaluation times in minutes, and the alert instances that must fire. */
export function scenario(
  name: string,
  series: Array<{ series: string; values: string }>,
  evalMinutes: number[],
  fires?: Array<Record<string, string>>,
) {
  return { name, series, evalTimes: evalMinutes.map(minutes), ...(fires ? { fires } : {}) };
}

export type Steps = Array<[value: number, minutes: number]>;

/** A gauge holding each step's value for its minutes. */
export const steps = (s: Steps) => gauge(s.map(([per, minutes]) => ({ per, minutes })));

/** One promtool input series. */
export const series = (metric: string, labels: Record<string, string>, values: string) => ({
  series: seriesName(metric, labels),
  values,
});

/** A counter that grows by one at each of the given minutes and holds between them, for `total` minutes. */
export function events(at: number[], total: number): string {
  const parts: string[] = [];
  let value = 0;
  let start = 0;
  for (const minute of [...at.filter((m) => m > 0 && m <= total).sort((a, b) => a - b), total + 1]) {
    const length = minute - start;
    if (length > 0) parts.push(`${value}+0x${length - 1}`);
    value += 1;
    start = minute;
  }
  return parts.join(" ");
}
