import type { FileIndex } from "../scan/source-index.js";
import { ev, isNonProductionPath } from "./context.js";
import type { Facts } from "./facts.js";
import type { Merged } from "./run-detectors.js";

const HEALTH = /\/(health|healthz|healthcheck|health-check|ready|readyz|readiness|live|livez|liveness|ping)$/;

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
  // Only integrations whose calls the analyser could inspect say anything about timeouts.
  const outbound = merged.integrations.filter((i) => i.hasTimeout !== undefined);
  const missing = outbound.filter((i) => i.hasTimeout === false);
  readiness.outboundTimeouts =
    outbound.length === 0
      ? { present: true, detail: "no outbound HTTP calls found", evidence: [] }
      : {
          present: missing.length === 0,
          detail: missing.length
            ? `no timeout on: ${missing.map((i) => i.name).join(", ")}`
            : `all ${outbound.length} outbound integrations set a timeout`,
          evidence: (missing.length ? missing : outbound).map((i) => i.evidence),
        };
  return readiness;
}

function finishAuth(merged: Merged): Facts["auth"] {
  if (merged.auth.length > 0 || merged.routes.length === 0) return merged.auth;
  const first = merged.routes[0]!;
  return [
    {
      kind: "none",
      detail: `no authentication found for ${merged.routes.length} route(s)`,
      evidence: first.evidence,
    },
  ];
}
