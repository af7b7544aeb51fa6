import type { CallSite, FileIndex } from "../scan/source-index.js";
import { envVarsIn } from "./clients.js";
import { callsOn, isProductionSource, productionSources, type DetectorContext } from "./context.js";
import { importGraph } from "./imports.js";

/** Env vars that hold a base URL or host of another service. */
export const URL_ENV = /^[A-Z0-9_]*(URL|URI|HOST|ENDPOINT|BASE|ORIGIN|ISSUER|_SERVICE)$/;

export function urlEnvIn(call: CallSite): string | undefined {
  return envVarsIn(call.args).find((e) => URL_ENV.test(e));
}

export function hostIn(text: string | undefined): string | undefined {
  return /https?:\/\/([a-z0-9.-]+)/i.exec(text ?? "")?.[1];
}

/** `STATS_API_URL` → `stats-api`. */
export function nameFromEnv(env: string): string {
  return env
    .replace(/_(TOKEN_)?(BASE_)?(URL|URI|HOST|ENDPOINT|BASE|ORIGIN)$/, "")
    .toLowerCase()
    .replace(/_/g, "-");
}

/** A client module's own name (`clients/case-api.ts` → `case-api`), used when its URL comes from elsewhere. */
export function nameFromFile(rel: string): string | undefined {
  const inFolder =
    /(?:^|\/)(?:clients?|integrations?|services|gateways?|adapters?|api|upstreams?|sources)\/([\w-]+?)(?:[-.]?client)?\.[cm]?[jt]s$/i.exec(
      rel,
    );
  const named = /(?:^|\/)([\w-]+?)[-.]?(?:client|api|gateway)\.[cm]?[jt]s$/i.exec(rel);
  const raw =
    inFolder?.[1] ?? (named?.[1] ? `${named[1]}${/api\.[cm]?[jt]s$/i.test(rel) ? "-api" : ""}` : undefined);
  if (!raw || /^(index|http|https|fetch|request|base|api|client)$/i.test(raw)) return undefined;
  return raw.replace(/([a-z])([A-Z])/g, "$1-$2").toLowerCase();
}

/**
 * Base-URL env vars injected into a module from outside: `housingSupplySource(process.env.STATS_API_URL)`
 * or `new CaseApiClient(process.env.CASE_API_URL)` in one file configures the module it imports.
 */
export function injectedUrlEnvs(ctx: DetectorContext): Map<string, string> {
  const injected = new Map<string, string>();
  for (const [target, edges] of importGraph(ctx).importers) {
    for (const edge of edges) {
      if (!isProductionSource(ctx, edge.file.rel)) continue;
      const call = callsOn(edge.file, edge.names).find((c) => urlEnvIn(c));
      if (call) {
        injected.set(target, urlEnvIn(call)!);
        break;
      }
    }
  }
  return injected;
}

/** Calls to a module's functions or classes from the production files that import it. */
export function callsInto(ctx: DetectorContext, target: string): Array<{ file: FileIndex; call: CallSite }> {
  return (importGraph(ctx).importers.get(target) ?? []).flatMap((edge) =>
    !isProductionSource(ctx, edge.file.rel)
      ? []
      : callsOn(edge.file, edge.names).map((call) => ({ file: edge.file, call })),
  );
}

/** One setting in a config module read from an env var on the same line: `caseApi: { url: get('CASE_API_URL') }`. */
export interface ConfigSetting {
  /** The key on the env read's line; undefined when it is a repeated key (`url`) the index keeps once. */
  key?: string;
  /** The enclosing object's key when the setting is generic (`url` under `caseApi`), else undefined. */
  parent?: string;
  env: string;
  file: FileIndex;
  line: number;
  /** A `timeout` setting sits beside it. */
  timeout: boolean;
}

const CONFIG_FILE =
  /(^|\/)(config|configs|configuration|settings|env)(\/|\.[cm]?[jt]s$)|(^|\/)[\w-]*(config|settings|environment)\.[cm]?[jt]s$/i;
const ENV_HELPER = /^(get|env|getEnv|getEnvVar|requireEnv|required|readEnv|fromEnv|envOr|mustGet)$/;
const GENERIC_KEY = /^(url|uri|baseUrl|baseURL|base|endpoint|host|hostname|href|root|origin|prefixUrl)$/i;

const inventories = new WeakMap<DetectorContext, ConfigSetting[]>();

/** Every setting of the config modules that an env var supplies, in file order. */
export function configSettings(ctx: DetectorContext): ConfigSetting[] {
  const cached = inventories.get(ctx);
  if (cached) return cached;
  const out: ConfigSetting[] = [];
  for (const file of productionSources(ctx)) {
    if (!CONFIG_FILE.test(file.rel)) continue;
    const envAt = new Map<number, string>();
    for (const r of file.envReads) if (!envAt.has(r.line)) envAt.set(r.line, r.name);
    for (const c of file.calls) {
      const v = c.args[0]?.value;
      if (v && ENV_HELPER.test(c.name) && /^[A-Z][A-Z0-9_]+$/.test(v) && !envAt.has(c.line))
        envAt.set(c.line, v);
    }
    if (envAt.size === 0) continue;
    // Keys without a string value are indexed once per file, so `url` under a second API has no entry of its
    // own: the nearest earlier key names the object it sits in.
    const keyAt = new Map<number, string>();
    for (const p of file.properties) if (!keyAt.has(p.line)) keyAt.set(p.line, p.name);
    const keyed = file.properties.filter((p) => p.value === undefined);
    const lines = [...envAt.keys()].sort((x, y) => x - y);
    for (const line of lines) {
      const env = envAt.get(line)!;
      const key = keyAt.get(line);
      const parent =
        !key || GENERIC_KEY.test(key)
          ? keyed.filter((q) => q.line < line && !GENERIC_KEY.test(q.name)).pop()?.name
          : undefined;
      const timeout = lines.some((l) => Math.abs(l - line) <= 4 && /TIMEOUT/.test(envAt.get(l)!));
      out.push({ ...(key ? { key } : {}), ...(parent ? { parent } : {}), env, file, line, timeout });
    }
  }
  inventories.set(ctx, out);
  return out;
}

/** The dotted path a setting is read through: `config.apis.caseApi.url` → [apis, caseApi, url]. */
function settingPath(text: string | undefined): string[] | undefined {
  if (!text) return undefined;
  // Only a URL that starts with the setting: `config.apis.x.url + '/a'`, `${config.x}/a`, `config.get('x.url')`.
  const got = /^`?(?:\$\{\s*)?\w+\.(?:get|has)\(\s*['"]([\w.]+)['"]/.exec(text)?.[1];
  if (got) return got.split(".");
  const m =
    /^`?(?:\$\{\s*)?(?:this\.)?(?:config|conf|settings|options|env|apis|services|urls|appConfig)((?:\.\w+)+)/.exec(
      text,
    );
  return m ? m[1]!.slice(1).split(".") : undefined;
}

/** The env var behind a setting an outbound call reads (`config.apis.caseApi.url` → CASE_API_URL). */
export function configEnv(ctx: DetectorContext, text: string | undefined): string | undefined {
  const path = settingPath(text);
  if (!path?.length) return undefined;
  const key = path[path.length - 1]!;
  const parent = path[path.length - 2];
  const settings = configSettings(ctx);
  // `config.url` inside a client class is its constructor's parameter, not a setting: generic keys need a parent.
  if (GENERIC_KEY.test(key) && !parent) return undefined;
  const hits = GENERIC_KEY.test(key)
    ? settings.filter((s) => (s.key === undefined || s.key === key) && s.parent === parent)
    : settings.filter((s) => s.key === key);
  // An object of settings (`config.apis.caseApi`, handed to a client class): its url inside.
  const inside = hits.length ? hits : settings.filter((s) => s.parent === key);
  return new Set(inside.map((s) => s.env)).size === 1 ? inside[0]!.env : undefined;
}

/** A name from the setting an outbound call reads: `config.apis.caseApi.url` → `case-api`. */
export function nameFromSetting(text: string | undefined): string | undefined {
  const path = settingPath(text)?.filter(
    (p) => !GENERIC_KEY.test(p) && !/^(apis?|services|urls|upstreams?)$/i.test(p),
  );
  const last = path?.[path.length - 1];
  if (!last) return undefined;
  const name = last
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .toLowerCase()
    .replace(/[-_](base[-_])?(url|uri|endpoint|host|base)$/, "");
  return name || undefined;
}
