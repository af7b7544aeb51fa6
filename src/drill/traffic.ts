import { ROUTE_HEADER } from "./ingress.js";

export interface TrafficRoute {
  method: string;
  /** The route template from the profile: /apply/:id or /assessments/{id}. */
  path: string;
}

/** A concrete path for a route template: each parameter becomes "drill-1". */
export function concretePath(template: string): string {
  return template.replace(/:[A-Za-z_][A-Za-z0-9_]*\??/g, "drill-1").replace(/\{[^}]+\}/g, "drill-1");
}

/** The journey's GET routes (safe to repeat); all its routes when it has none. */
export function trafficRoutes(routes: TrafficRoute[]): TrafficRoute[] {
  const safe = routes.filter((r) => r.method.toUpperCase() === "GET");
  return safe.length > 0 ? safe : routes;
}

export interface Traffic {
  sent(): number;
  stop(): Promise<void>;
}

/**
 * Drives requests at a steady rate through the ingress, round-robin over the routes, keeping cookies the way a
 * browser does so a session-backed service reads its session store on every request.
 */
export function driveTraffic(
  baseUrl: string,
  routes: TrafficRoute[],
  perSecond: number,
  timeoutMs: number,
): Traffic {
  const cookies = new Map<string, string>();
  const inFlight = new Set<Promise<void>>();
  let sent = 0;
  let next = 0;
  const fire = () => {
    if (inFlight.size >= 50 || routes.length === 0) return;
    const route = routes[next++ % routes.length]!;
    sent++;
    const cookie = [...cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const request = fetch(`${baseUrl}${concretePath(route.path)}`, {
      method: route.method.toUpperCase(),
      redirect: "manual",
      headers: { [ROUTE_HEADER]: route.path, ...(cookie ? { cookie } : {}) },
      signal: AbortSignal.timeout(timeoutMs),
    })
      .then(async (res) => {
        for (const line of res.headers.getSetCookie()) {
          const [pair = ""] = line.split(";");
          const eq = pair.indexOf("=");
          if (eq > 0) cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
        }
        await res.arrayBuffer();
      })
      .catch(() => undefined)
      .finally(() => inFlight.delete(request));
    inFlight.add(request);
  };
  const timer = setInterval(fire, Math.max(1, Math.round(1000 / perSecond)));
  return {
    sent: () => sent,
    stop: async () => {
      clearInterval(timer);
      await Promise.allSettled([...inFlight]);
    },
  };
}
