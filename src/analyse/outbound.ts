import path from "node:path";
import type { CallSite, FileIndex } from "../scan/source-index.js";
import { envVarsIn } from "./clients.js";
import {
  callsOn,
  isProductionSource,
  productionSources,
  resolveImport,
  type DetectorContext,
} from "./context.js";
import { importGraph } from "./imports.js";

/** Env vars that hold a base URL or host of another service. */
export const URL_ENV = /^[A-Z0-9_]*(URL|URI|HOST|ENDPOINT|BASE|ORIGIN|ISSUER|_SERVICE)$/;

/**
 * Addresses that are not another service's API: the service's own URL (`HOST_URL`, `NEXTAUTH_URL`), user
 * interfaces it sends browsers to (`GRANTS_UI_HOST`), and where browsers come back. Reading one is not calling it.
 */
export const SELF_ADDRESS =
  /^(HOST|PORT|DOMAIN)$|^(APP|BASE|SELF|SERVICE|SITE|HOST|PUBLIC|NEXTAUTH|NEXT_PUBLIC\w*|EXTERNAL|INTERNAL|FRONTEND|FRONT_END|WEB|CLIENT|UI|ROOT|CANONICAL)_(BASE_)?(URL|URI|HOST|ORIGIN|DOMAIN)$|_(UI|FRONTEND|WEB_?APP)_(BASE_)?(URL|HOST)$|CALLBACK|REDIRECT|LOGOUT|LOGIN|COOKIE|CORS|ORIGIN|^LOG/;

export function urlEnvIn(call: CallSite): string | undefined {
  return envVarsIn(call.args).find((e) => URL_ENV.test(e));
}

/** Where a helper called in a URL lives: env vars of this reach are locations (`AUTH_DOMAIN` too). */
const HELPER_ENV = /(URL|URI|HOST|ENDPOINT|BASE|ORIGIN|ISSUER|_SERVICE|DOMAIN)$/;

/**
 * The env var behind an accessor called in a URL: `${getApiBaseUrl()}/x` or `{ baseUrl: getApiBaseUrl() }`,
 * where the function, in this module or one it imports, reads one location env var within its first lines.
 */
export function helperUrlEnv(
  ctx: DetectorContext,
  file: FileIndex,
  text: string | undefined,
): string | undefined {
  if (!text || !text.includes("(")) return undefined;
  for (const m of text.matchAll(/([A-Za-z_$][\w$]*)\(/g)) {
    const name = m[1]!;
    const imp = file.imports.find((i) => i.names.includes(name));
    const target = imp ? resolveImport(ctx, file.rel, imp.module) : file;
    const exp = target?.exports.find((e) => e.name === name);
    if (!target || !exp) continue;
    // The accessor's own lines: up to three, and never into the next export.
    const next = target.exports.find((e) => e.line > exp.line)?.line ?? Infinity;
    const end = Math.min(exp.line + 3, next - 1);
    const envs = new Set(
      target.envReads
        .filter(
          (r) => r.line >= exp.line && r.line <= end && HELPER_ENV.test(r.name) && !SELF_ADDRESS.test(r.name),
        )
        .map((r) => r.name),
    );
    if (envs.size === 1) return [...envs][0];
  }
  return undefined;
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

/** One setting in a config module that an env var supplies: `caseApi: { url: get('CASE_API_URL') }`. */
export interface ConfigSetting {
  /** The setting's own key (`url`), or undefined when the env var is read outside any object or assignment. */
  key?: string;
  /** The key of the object it sits in (`caseApi`), when there is one. */
  parent?: string;
  /** Every key above it, outermost first. */
  path: string[];
  env: string;
  file: FileIndex;
  line: number;
  /** A `timeout` setting sits beside it. */
  timeout: boolean;
}

const CONFIG_FILE =
  /(^|\/)(config|configs|configuration|settings|env)(\/|\.[cm]?[jt]s$)|(^|\/)[\w.-]*(config|settings|environment)\.[cm]?[jt]s$/i;
const GENERIC_KEY = /^(url|uri|baseUrl|baseURL|base|endpoint|host|hostname|href|root|origin|prefixUrl)$/i;

const inventories = new WeakMap<DetectorContext, ConfigSetting[]>();

/** Every setting of the config modules that an env var supplies, in file order. */
export function configSettings(ctx: DetectorContext): ConfigSetting[] {
  const cached = inventories.get(ctx);
  if (cached) return cached;
  const out: ConfigSetting[] = [];
  for (const file of productionSources(ctx)) {
    if (!CONFIG_FILE.test(file.rel) || file.settings.length === 0) continue;
    for (const s of file.settings) {
      const key = s.path[s.path.length - 1];
      const parent = s.path[s.path.length - 2];
      const timeout = file.settings.some((t) => Math.abs(t.line - s.line) <= 4 && /TIMEOUT/.test(t.env));
      out.push({
        ...(key ? { key } : {}),
        ...(parent ? { parent } : {}),
        path: s.path,
        env: s.env,
        file,
        line: s.line,
        timeout,
      });
    }
  }
  inventories.set(ctx, out);
  return out;
}

const literalHosts = new WeakMap<DetectorContext, Map<string, string | undefined>>();

/**
 * The host of a URL a config module writes out under a key (`graphUrl: 'https://graph.microsoft.com/v1.0/me'`),
 * for a call whose URL variable has that key's name (`axios.get(graphUrl)` after `const graphUrl = config.auth.graphUrl`).
 */
export function configHost(ctx: DetectorContext, key: string): string | undefined {
  let hosts = literalHosts.get(ctx);
  if (!hosts) {
    hosts = new Map();
    for (const file of productionSources(ctx)) {
      if (!CONFIG_FILE.test(file.rel)) continue;
      for (const p of file.properties) {
        const host = hostIn(p.value);
        // A key used twice with different hosts says nothing.
        if (host) hosts.set(p.name, hosts.has(p.name) && hosts.get(p.name) !== host ? undefined : host);
      }
    }
    literalHosts.set(ctx, hosts);
  }
  return hosts.get(key);
}

/** A key whose literal value is where an upstream lives: `url`, `baseUrl`, `apiUrl`, `companiesHouseEndpoint`. */
const LITERAL_URL_KEY =
  /^(url|uri|baseUrl|baseURL|prefixUrl|endpoint|host|\w*Api(Url|Uri|Endpoint|Host)|\w*(Url|URL|Endpoint))$/;
/** A host that serves an API by its name (`api.companieshouse.gov.uk`, `case-api.example.org`), not pages to link to. */
const API_HOST = /^api\.|[.-]api\./i;
/** Hosts an SDK detector already names (GOV.UK Notify's client sets its own URL). */
const SDK_HOST = /notifications\.service\.gov\.uk$/i;
/** Config module names that say nothing about the upstream: `app.config.js`, a tool's config. */
const GENERIC_CONFIG =
  /^(app|application|server|index|base|default|main|env|environment|settings|config|shared|common|vite|vitest|jest|webpack|babel|next|eslint|playwright|cypress|tailwind|postcss|rollup|nuxt|svelte|astro|tsup)$/i;

/** A literal API address a config module declares: the upstream is named by the module, else by the host. */
export interface LiteralUpstream {
  name: string;
  /** The key it is written under (`url`). */
  key: string;
  host: string;
  file: FileIndex;
  line: number;
  value: string;
}

/**
 * Upstreams a config module writes out as literals (`export default { apiKey: process.env.X, url:
 * 'https://api.companieshouse.gov.uk/' }` in `companies-house.config.js`): no env var names them, so only the
 * literal says the service calls them. Only config modules some production code imports, and only API hosts.
 */
export function literalUpstreams(ctx: DetectorContext): LiteralUpstream[] {
  const out: LiteralUpstream[] = [];
  const importers = importGraph(ctx).importers;
  // The service's own address (`land-grants-api.api.dev.…` in land-grants-api) is not an upstream.
  const own = new Set(
    [...ctx.manifests.map((m) => m.name), path.basename(ctx.root)]
      .filter((n): n is string => Boolean(n))
      .map((n) => n.replace(/^@[^/]+\//, "").toLowerCase()),
  );
  for (const file of productionSources(ctx)) {
    if (!CONFIG_FILE.test(file.rel) || !importers.get(file.rel)?.length) continue;
    const named = /(?:^|\/)([\w-]+)\.config\.[cm]?[jt]s$/.exec(file.rel)?.[1];
    const found: LiteralUpstream[] = [];
    const hostsByKey = new Map<string, Set<string>>();
    for (const p of file.properties) {
      if (p.value === undefined || !LITERAL_URL_KEY.test(p.name) || !/^https?:\/\//i.test(p.value)) continue;
      const host = hostIn(p.value)?.toLowerCase();
      if (!host || !API_HOST.test(host) || SDK_HOST.test(host) || own.has(host.split(".")[0]!)) continue;
      hostsByKey.set(p.name, (hostsByKey.get(p.name) ?? new Set()).add(host));
      const name = named && !GENERIC_CONFIG.test(named) ? named.toLowerCase() : host;
      found.push({ name, key: p.name, host, file, line: p.line, value: p.value });
    }
    // One key with a host per environment: which of them production calls is not written here.
    out.push(...found.filter((u) => hostsByKey.get(u.key)!.size === 1));
  }
  return out;
}

/** The dotted path a setting is read through: `config.apis.caseApi.url` → [apis, caseApi, url]. */
function settingPath(text: string | undefined): string[] | undefined {
  if (!text) return undefined;
  // Only a URL that starts with the setting: `config.apis.x.url + '/a'`, `${config.x}/a`, `config.get('x.url')`.
  const got = /^`?(?:\$\{\s*)?\w+\.(?:get|has)\(\s*['"]([\w.]+)['"]/.exec(text)?.[1];
  if (got) return got.split(".");
  const m =
    /^`?(?:\$\{\s*)?(?:this\.)?(?:config|conf|settings|options|env|apis|services|urls|\w*Config)((?:\.\w+)+)/.exec(
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
  const inside = hits.length
    ? hits
    : settings.filter((s) => s.parent === key && (URL_ENV.test(s.env) || GENERIC_KEY.test(s.key ?? "")));
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
