import type { FileIndex } from "../scan/source-index.js";
import { ev, isNonProductionPath } from "./context.js";
import type { Facts } from "./facts.js";
import { SESSION_STORE } from "./detectors/auth.js";
import type { Merged } from "./run-detectors.js";

const HEALTH =
  /\/(health|healthz|healthcheck|health-check|ready|readyz|readiness|live|livez|liveness|ping|ping\.xml|ping\.json|heartbeat)(\/(info|status|check|live|liveness|ready|readiness))?$/;

/** Facts that need more than one detector's findings: health endpoints, outbound timeouts, no auth. */
export function finish(merged: Merged, sources: FileIndex[]): Merged {
  return { ...merged, readiness: finishReadiness(merged, sources), auth: finishAuth(merged) };
}

function finishReadiness(merged: Merged, sources: FileIndex[]): Facts["readiness"] {
  const readiness = { ...merged.readiness };
  const health = merged.routes
    .filter((r, i, all) => HEALTH.test(r.path) && all.findIndex((o) => o.path === r.path) === i)
    .map((r) => ({ path: r.path, evidence: r.evidence }));
  if (health.length === 0) {
    for (const s of sources) {
      if (isNonProductionPath(s.rel)) continue;
      const hit = s.pathLiterals.find((l) => HEALTH.test(l.name));
      if (hit) {
        health.push({ path: hit.name, evidence: ev(s.rel, hit.line) });
        break;
      }
    }
  }
  readiness.healthEndpoints = health;
  readiness.outboundTimeouts = outboundTimeouts(merged.integrations);
  return readiness;
}

/**
 * Timeouts are present only when every outbound client is known to set one. HTTP upstreams whose calls were not
 * seen (declared in config only) count as unknown, so not present; "no outbound calls" only when none was found.
 */
function outboundTimeouts(integrations: Facts["integrations"]): Facts["readiness"]["outboundTimeouts"] {
  if (integrations.length === 0) return { present: true, detail: "no outbound calls found", evidence: [] };
  const relevant = integrations.filter(
    (i) => i.hasTimeout !== undefined || i.kind === "http" || i.kind === "pay",
  );
  if (relevant.length === 0)
    return {
      present: false,
      detail: `no outbound HTTP calls found; timeouts of SDK clients not known: ${integrations.map((i) => i.name).join(", ")}`,
      evidence: integrations.slice(0, 3).map((i) => i.evidence),
    };
  const missing = relevant.filter((i) => i.hasTimeout === false);
  const unknown = relevant.filter((i) => i.hasTimeout === undefined);
  if (missing.length || unknown.length)
    return {
      present: false,
      detail: [
        missing.length ? `no timeout on: ${missing.map((i) => i.name).join(", ")}` : "",
        unknown.length ? `timeout not known for: ${unknown.map((i) => i.name).join(", ")}` : "",
      ]
        .filter(Boolean)
        .join("; "),
      evidence: [...missing, ...unknown].map((i) => i.evidence),
    };
  return {
    present: true,
    detail: `all ${relevant.length} outbound integrations set a timeout`,
    evidence: relevant.map((i) => i.evidence),
  };
}

/**
 * No sign-in found for the routes: sessions alone keep state, they do not say who someone is. Beside a sign-in,
 * session middleware is how the sign-in is kept: it is named in the sign-in's detail, not listed as auth.
 */
function finishAuth(merged: Merged): Facts["auth"] {
  const isStore = (a: Facts["auth"][number]) => a.kind === "session" && !!a.detail?.startsWith(SESSION_STORE);
  const signIn = merged.auth.filter((a) => !isStore(a));
  const store = merged.auth.find(isStore);
  const roles = merged.signals.find((s) => s.name === "role-guards")?.evidence;
  if (signIn[0]) {
    const notes = [
      roles ? `role guards (${roles.snippet ?? "checks"} at ${roles.file}:${roles.line})` : "",
      store ? `kept in ${store.detail} at ${store.evidence.file}:${store.evidence.line}` : "",
    ].filter(Boolean);
    return merged.auth
      .filter((a) => a !== store)
      .map((a) =>
        a === signIn[0] && notes.length ? { ...a, detail: [a.detail ?? a.kind, ...notes].join("; ") } : a,
      );
  }
  if (roles) {
    const guards = `role guards (${roles.snippet ?? "checks"} at ${roles.file}:${roles.line})`;
    return [{ kind: "custom", detail: `${guards}, no sign-in found`, evidence: roles }, ...merged.auth];
  }
  if (signIn.length > 0 || merged.routes.length === 0) return merged.auth;
  const first = merged.routes[0]!;
  const sessions = merged.auth.length ? "; sessions alone are not authentication" : "";
  return [
    {
      kind: "none",
      detail: `no authentication found for ${merged.routes.length} route(s)${sessions}`,
      evidence: first.evidence,
    },
    ...merged.auth,
  ];
}
