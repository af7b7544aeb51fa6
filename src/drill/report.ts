import { formatDuration } from "./compress.js";
import type { Notification } from "./receiver.js";
import { isPage, minus } from "./watch.js";

export interface DrillTime {
  drillSeconds: number;
  realSeconds: number;
}

export interface DrillResult {
  service: string;
  journey: string;
  failure: string;
  factor: number;
  intervals: { scrape: string; evaluation: string };
  traffic: { drillPerSecond: number; realPerMinute: number; requests: number };
  /** Responses at the ingress by status code: before the failure, during it, after recovery. */
  responses: {
    healthy: Record<string, number>;
    failing: Record<string, number>;
    recovered: Record<string, number>;
  };
  warmup: DrillTime;
  page: (DrillTime & { alert: string; severity: string; receivers: string[] }) | null;
  resolved: DrillTime | null;
  /** The journey's pages notified before the failure: a drill cannot time a page that was already firing. */
  pagedWhileHealthy: string[];
  /** Every alert notified firing during healthy traffic, pages and tickets alike (each is a false alarm). */
  firingWhileHealthy: string[];
  /** Alert names notified between the failure and the end, other than the page. */
  otherAlerts: string[];
  ok: boolean;
}

/** What the drill saw, in drill-time milliseconds and raw notifications. */
export interface DrillObservations {
  service: string;
  journey: string;
  failure: string;
  factor: number;
  scrapeMs: number;
  evaluationMs: number;
  rate: number;
  requests: number;
  warmupMs: number;
  /** Responses at the ingress by status code, counted from the start: at injection, recovery and the end. */
  statuses: {
    atInjection: Record<string, number>;
    atRecovery: Record<string, number>;
    atEnd: Record<string, number>;
  };
  injected: number;
  recovered: number;
  /** Notifications received before the failure was injected. */
  healthy: Notification[];
  /** Every notification received. */
  notifications: Notification[];
  /** Whether an alert's labels are one of the journey's pages. */
  expected: (labels: Record<string, string>) => boolean;
  page: Notification | null;
  paged: Record<string, string> | undefined;
  resolved: Notification | null;
}

const time = (ms: number, factor: number): DrillTime => ({
  drillSeconds: Math.round(ms / 100) / 10,
  realSeconds: Math.round((ms / 1000) * factor),
});

const names = (notes: Notification[], keep: (a: Notification["alerts"][number]) => boolean) =>
  [...new Set(notes.flatMap((n) => n.alerts.filter(keep).map((a) => a.labels.alertname ?? "")))].sort();

/** The drill's result: when the page arrived and who got it, whether it resolved, and what else fired. */
export function drillReport(o: DrillObservations): DrillResult {
  const { factor, paged } = o;
  const healthyPages = o.healthy.filter((n) =>
    n.alerts.some((a) => a.status === "firing" && o.expected(a.labels)),
  );
  const after = o.notifications.filter((n) => n.at >= o.injected);
  const pagedNow = (a: Notification["alerts"][number]) =>
    a.status === "firing" && a.labels.alertname === paged?.alertname && isPage(a.labels);
  const receivers = [...new Set(after.filter((n) => n.alerts.some(pagedNow)).map((n) => n.receiver))];
  const others = new Set(after.flatMap((n) => n.alerts.map((a) => a.labels.alertname ?? "")));
  if (paged) others.delete(paged.alertname!);
  return {
    service: o.service,
    journey: o.journey,
    failure: o.failure,
    factor,
    intervals: { scrape: formatDuration(o.scrapeMs), evaluation: formatDuration(o.evaluationMs) },
    traffic: {
      drillPerSecond: o.rate,
      realPerMinute: Math.round((o.rate * 60 * 100) / factor) / 100,
      requests: o.requests,
    },
    responses: {
      healthy: o.statuses.atInjection,
      failing: minus(o.statuses.atRecovery, o.statuses.atInjection),
      recovered: minus(o.statuses.atEnd, o.statuses.atRecovery),
    },
    warmup: time(o.warmupMs, factor),
    page:
      o.page && paged
        ? {
            ...time(o.page.at - o.injected, factor),
            alert: paged.alertname ?? "",
            severity: paged.severity ?? "",
            receivers,
          }
        : null,
    resolved: o.resolved ? time(o.resolved.at - o.recovered, factor) : null,
    pagedWhileHealthy: names(healthyPages, () => true),
    firingWhileHealthy: names(o.healthy, (a) => a.status === "firing").filter(Boolean),
    otherAlerts: [...others].filter(Boolean).sort(),
    ok: o.page !== null && o.resolved !== null && healthyPages.length === 0,
  };
}
