import type { FileIndex } from "../scan/source-index.js";
import { ev, isNonProductionPath, isTestPath, type TextFile } from "./context.js";
import type { Facts } from "./facts.js";
import { SESSION_STORE } from "./detectors/auth.js";
import type { Merged } from "./run-detectors.js";

const HEALTH =
  /\/(health|healthz|healthcheck|health-check|ready|readyz|readiness|live|livez|liveness|ping|ping\.xml|ping\.json|heartbeat)(\/(info|status|check|live|liveness|ready|readiness))?$/;

/** Facts that need more than one detector's findings: health endpoints, outbound timeouts, no auth. */
export function finish(merged: Merged, sources: FileIndex[], textFiles: readonly TextFile[] = []): Merged {
  // A client whose timeout could not be read (options built elsewhere, an SDK, an upstream named in config)
  // has none when nothing in the service's code sets a timeout at all: no option could have carried one.
  const noneInCode =
    merged.integrations.some((i) => i.hasTimeout === undefined) && !setsTimeoutAnywhere(sources, textFiles);
  const integrations = noneInCode
    ? merged.integrations.map((i) => (i.hasTimeout === undefined ? { ...i, hasTimeout: false } : i))
    : merged.integrations;
  const settled = { ...merged, integrations };
  return {
    ...settled,
    readiness: finishReadiness(settled, sources, textFiles, noneInCode),
    auth: finishAuth(merged),
  };
}

/** A name that sets a timeout or aborts a call: `timeout:`, `requestTimeout`, `API_TIMEOUT`, `AbortSignal.timeout()`. */
const TIMEOUT_WORD = /timeout/i;
/** Timers are not timeouts on a call (a hand-made one aborts, and `abort` is looked for). */
const TIMERS = new Set(["setTimeout", "clearTimeout"]);
/** Sessions and sign-out timers time people out, not calls: `SESSION_TIMEOUT`, `session.timeout`, an idle modal. */
const NOT_A_CALL = /session|cookie|idle|inactiv|sign.?out|log.?out/i;
/** Settings files a timeout may be kept in (`config/default.json` read through `config.get('api.timeout')`). */
const SETTINGS_FILE = /(^|\/)(config|settings)\/[^/]+\.(json|ya?ml)$|(^|\/)\.env[\w.-]*$/;

/**
 * Whether the service's own code may set a timeout on a call anywhere: a key, a property read, a setting, an env
 * var or a call that names one, or an abort. Tests, mocks and tool configs do not count (a test runner's timeout
 * is not the service's), nor do session and sign-out timeouts.
 */
function setsTimeoutAnywhere(sources: readonly FileIndex[], textFiles: readonly TextFile[]): boolean {
  const timeout = (name: string) => TIMEOUT_WORD.test(name) && !NOT_A_CALL.test(name);
  for (const s of sources) {
    if (isNonProductionPath(s.rel) || NOT_A_CALL.test(s.rel)) continue;
    // `timeout: process.env.SESSION_TIMEOUT`: the line's setting says what the key is for.
    const session = new Set<number>();
    for (const x of s.settings)
      if (NOT_A_CALL.test(x.env) || x.path.some((k) => NOT_A_CALL.test(k))) session.add(x.line);
    for (const e of s.envReads) if (NOT_A_CALL.test(e.name)) session.add(e.line);
    if (s.properties.some((p) => (timeout(p.name) || p.name === "signal") && !session.has(p.line)))
      return true;
    if (s.accessed.some((a) => timeout(a.name) || a.name === "signal")) return true;
    if (s.envReads.some((e) => timeout(e.name))) return true;
    if (
      s.settings.some(
        (x) => timeout(x.env) || (x.path.some(timeout) && !x.path.some((k) => NOT_A_CALL.test(k))),
      )
    )
      return true;
    for (const call of s.calls) {
      if (call.name === "abort" || (timeout(call.name) && !TIMERS.has(call.name))) return true;
      const first = call.args[0]?.value;
      if (first !== undefined && timeout(first)) return true;
    }
  }
  return textFiles.some(
    (f) =>
      SETTINGS_FILE.test(f.rel) &&
      !isNonProductionPath(f.rel) &&
      f.text.split("\n").some((line) => timeout(line)),
  );
}

function finishReadiness(
  merged: Merged,
  sources: FileIndex[],
  textFiles: readonly TextFile[],
  noneInCode: boolean,
): Facts["readiness"] {
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
  // Served by a framework or a dependency (HOF serves /healthz/ping): the platform's probes say where.
  if (health.length === 0) health.push(...probePaths(textFiles));
  readiness.healthEndpoints = health;
  readiness.outboundTimeouts = outboundTimeouts(merged.integrations, noneInCode);
  return readiness;
}

/** Kubernetes manifests and chart values: YAML, or YAML templates (`deployment.yaml.tpl`). */
const MANIFEST = /\.ya?ml(\.(tpl|template|j2|tmpl))?$/;

/**
 * The paths Kubernetes probes request (`livenessProbe: httpGet: path: /healthz`), in manifests and chart values
 * wherever they live, except tests. Only plain URL paths are taken: templated ones (`{{ .Values.x }}`) are left out.
 */
function probePaths(textFiles: readonly TextFile[]): Facts["readiness"]["healthEndpoints"] {
  const found: Facts["readiness"]["healthEndpoints"] = [];
  for (const file of textFiles) {
    if (!MANIFEST.test(file.rel) || isTestPath(file.rel) || !file.text.includes("httpGet")) continue;
    const lines = file.text.split("\n");
    lines.forEach((line, i) => {
      const probe = /^(\s*)(- )?httpGet:\s*$/.exec(line);
      if (!probe) return;
      const indent = probe[1]!.length + (probe[2] ? 2 : 0);
      for (let j = i + 1; j < lines.length; j++) {
        const next = lines[j]!;
        if (next.trim() === "" || next.trim().startsWith("#")) continue;
        if (next.length - next.trimStart().length <= indent) break;
        const path = /^\s*path:\s*["']?(\/[\w\-./~%]*)["']?\s*(#.*)?$/.exec(next)?.[1];
        if (path && !found.some((h) => h.path === path)) found.push({ path, evidence: ev(file.rel, j + 1) });
      }
    });
  }
  return found;
}

/**
 * Timeouts are present only when every outbound client is known to set one. HTTP upstreams whose calls were not
 * seen (declared in config only) count as unknown, so not present; "no outbound calls" only when none was found.
 */
function outboundTimeouts(
  integrations: Facts["integrations"],
  noneInCode: boolean,
): Facts["readiness"]["outboundTimeouts"] {
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
        noneInCode ? "nothing in the service's code sets a timeout" : "",
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
