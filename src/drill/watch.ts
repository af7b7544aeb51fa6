import type { Failure } from "./plan.js";
import type { Notification } from "./receiver.js";

/** Waiting on the drill's processes and alerts: readiness checks, the alert watch, time limits. */

export async function httpOk(url: string): Promise<boolean> {
  const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
  await res.arrayBuffer();
  return res.ok;
}

export const isPage = (labels: Record<string, string>) => labels.severity === "page";

export function minus(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(a)
      .map(([k, v]) => [k, v - (b[k] ?? 0)])
      .filter(([, v]) => Number(v) > 0),
  );
}

export function describeFailure(failure: Failure, dependency?: string): string {
  if (failure.kind === "burn") return `${failure.rate}x error-budget burn (errors injected at the ingress)`;
  return failure.kind === "down" ? `${dependency} goes down` : `${dependency} answers with errors`;
}

/** Polls Prometheus for page alerts changing state, for the progress log. */
export function watchAlerts(
  promUrl: string,
  everyMs: number,
  report: (m: string) => void,
): { stop: () => Promise<void> } {
  const seen = new Map<string, string>();
  const timer = setInterval(() => {
    fetch(`${promUrl}/api/v1/alerts`, { signal: AbortSignal.timeout(2000) })
      .then(
        (res) =>
          res.json() as Promise<{ data?: { alerts?: { labels: Record<string, string>; state: string }[] } }>,
      )
      .then((body) => {
        const now = new Map<string, string>();
        for (const a of body.data?.alerts ?? [])
          if (isPage(a.labels)) now.set(a.labels.alertname ?? "", a.state);
        for (const [name, state] of now)
          if (seen.get(name) !== state) report(`${name} ${state} in Prometheus`);
        for (const name of seen.keys()) if (!now.has(name)) report(`${name} inactive in Prometheus`);
        seen.clear();
        for (const [k, v] of now) seen.set(k, v);
      })
      .catch(() => undefined);
  }, everyMs);
  return { stop: async () => clearInterval(timer) };
}

export async function targetUp(promUrl: string): Promise<boolean> {
  const res = await fetch(`${promUrl}/api/v1/targets`, { signal: AbortSignal.timeout(2000) });
  const body = (await res.json()) as { data?: { activeTargets?: { health?: string }[] } };
  return body.data?.activeTargets?.some((t) => t.health === "up") === true;
}

/**
 * An abort signal that fires after `ms`, or when the drill's own signal does. A plain timer holds it: Node 20
 * holds AbortSignal.timeout() weakly inside AbortSignal.any(), so a long wait could be collected and never end.
 * The timer is unref'd so an early answer does not keep the process alive.
 */
export function deadline(ms: number, signal?: AbortSignal): AbortSignal {
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new DOMException("The drill's wait timed out", "TimeoutError")),
    Math.max(1, Math.round(ms)),
  );
  timer.unref();
  if (signal?.aborted) controller.abort(signal.reason);
  signal?.addEventListener("abort", () => (clearTimeout(timer), controller.abort(signal.reason)), {
    once: true,
  });
  return controller.signal;
}

/** The notification, or null when the wait timed out; an interruption still throws. */
export async function waitOrNull(
  wait: Promise<Notification>,
  signal?: AbortSignal,
): Promise<Notification | null> {
  try {
    return await wait;
  } catch (error) {
    if (signal?.aborted) throw error;
    return null;
  }
}
