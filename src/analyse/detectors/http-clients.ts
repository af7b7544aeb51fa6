import type { Detector } from "../detector.js";
import {
  callsNamed,
  callsOn,
  ev,
  localNames,
  productionSources,
  resolveImport,
  type DetectorContext,
} from "../context.js";
import { clientUses, envVarsIn, setsRetry, setsTimeout } from "../clients.js";
import type { Facts, Signal } from "../facts.js";
import { importGraph } from "../imports.js";
import { mergeIntegration } from "../run-detectors.js";
import type { CallSite, FileIndex } from "../../scan/source-index.js";
import {
  callsInto,
  configHost,
  helperUrlEnv,
  hostIn,
  injectedUrlEnvs,
  nameFromEnv,
  nameFromFile,
  nameFromSetting,
  configEnv,
  SELF_ADDRESS,
  URL_ENV,
  urlEnvIn,
} from "../outbound.js";
import { argText } from "../../scan/syntax.js";

type Integration = Facts["integrations"][number];

const HTTP_MODULES = [
  "axios",
  "got",
  "superagent",
  "undici",
  "node-fetch",
  "ky",
  "cross-fetch",
  "isomorphic-fetch",
  "needle",
  "@hapi/wreck",
  "wreck",
  "request",
  "request-promise",
  "request-promise-native",
  "phin",
  "bent",
];
const FETCH = /^(globalThis\.|window\.)?fetch$/;
const FETCH_NAME = ["fetch"];
const TIMEOUT_NAME = ["timeout"];
const FACTORY = new Set(["create", "extend", "agent", "defaults"]);
/** `axios.create()` and the like: a method call named create, extend or agent. */
const isFactory = (call: CallSite) => FACTORY.has(call.name) && call.name !== call.callee;
/** HTTP verbs as methods, and `wreck[method](url)` (recorded as the computed member `[]`). */
const VERB = /^(get|post|put|patch|delete|del|head|options|request|fetch|stream|\[\])$/;
/** Root folders of tools and utilities: a file there that nothing imports is run on its own, by hand or by CI. */
const TOOL_FOLDER = /^(util|utils|tools|bin)\//;
const RETRY_MODULES = ["axios-retry", "p-retry", "async-retry", "retry", "cockatiel", "got"];

/** A configured client: `const api = axios.create({ baseURL: process.env.CASE_API_URL, timeout: 5000 })`. */
interface Instance {
  env?: string;
  host?: string;
  /** Named by the setting its base URL comes from (`config.apiEndpoint` → `api-endpoint`). */
  setting?: string;
  timeout: boolean;
}

interface Outbound {
  file: FileIndex;
  call: CallSite;
  client: string;
  instance?: Instance;
  timeout?: boolean;
}

const SUFFIXED = /^-(service|client|api|gateway|adapter)$/;

export interface Target {
  name: string;
  env?: string;
  host?: string;
}

const IDENTITY =
  /OIDC|ISSUER|ONE_?LOGIN|IDENTITY_PROVIDER|account\.gov\.uk|login\.microsoftonline\.com|_AUTH_(URL|HOST|ENDPOINT)$|^AUTH_(URL|HOST|DOMAIN|SERVER\w*)$|KEYCLOAK|AZURE_AD|COGNITO|AUTH0/i;

export function kindAndName(target: Target): Pick<Integration, "kind" | "name"> {
  const where = [target.env, target.host].filter((w): w is string => Boolean(w));
  if (where.some((w) => /payments\.service\.gov\.uk|GOVUK_PAY|PAY_API/.test(w)))
    return { kind: "pay", name: "GOV.UK Pay" };
  if (where.some((w) => IDENTITY.test(w))) return { kind: "oidc", name: "OIDC identity provider" };
  return { kind: "http", name: target.name };
}

export const httpClientsDetector: Detector = {
  id: "http-clients",
  title:
    "Outbound HTTP: fetch, axios, got, superagent and undici calls, their base URLs, timeouts and retries",
  isEnabled: () => true,
  detect(ctx) {
    const instances = new Map<string, Map<string, Instance>>();
    const outbound: Outbound[] = [];
    // Scripts at the root (seeding, one-off imports) run by hand, and tools nothing imports (a release step
    // that sets a platform's callback URLs): what they call is not a runtime dependency.
    const { importers } = importGraph(ctx);
    const production = productionSources(ctx).filter(
      (f) => !/^scripts?\//.test(f.rel) && !(TOOL_FOLDER.test(f.rel) && !importers.has(f.rel)),
    );
    for (const file of production) {
      const clients = localNames(file, HTTP_MODULES);
      if (clients.size === 0) continue;
      for (const call of callsOn(file, clients)) {
        if (!isFactory(call) || !call.assignedTo) continue;
        const options = call.args[0];
        if (!instances.has(file.rel)) instances.set(file.rel, new Map());
        const base = options?.props?.baseURL ?? options?.props?.prefixUrl ?? options?.props?.baseUrl;
        instances.get(file.rel)!.set(call.assignedTo, {
          env: urlEnvIn(call) ?? configEnv(ctx, argText(base)),
          host: hostIn(argText(base) ?? argText(options)),
          setting: nameFromSetting(argText(base)),
          timeout: setsTimeout(call.args),
        });
      }
    }
    for (const file of production) outbound.push(...outboundCalls(ctx, file, instances));
    // Built only when some call is named by nothing nearer: it walks every import edge of the repository.
    let injected: Map<string, string> | undefined;
    const urlEnvOfFile = new Map<FileIndex, string | undefined>();
    // A guess from the file alone: the one upstream URL env var it reads, never the service's own address.
    const fileUrlEnv = (file: FileIndex) => {
      if (!urlEnvOfFile.has(file)) {
        const envs = [
          ...new Set(
            file.envReads.map((e) => e.name).filter((n) => URL_ENV.test(n) && !SELF_ADDRESS.test(n)),
          ),
        ];
        urlEnvOfFile.set(file, envs.length === 1 ? envs[0] : undefined);
      }
      return urlEnvOfFile.get(file);
    };
    const projectUrlEnvs = [...new Set(production.flatMap((s) => s.envReads.map((e) => e.name)))].filter(
      (n) => URL_ENV.test(n),
    );
    /**
     * Named by its own URL, most direct first: an env var or literal host in the URL, the client instance's
     * base, a setting or accessor it is handed, the setting's name; then what the file alone suggests.
     */
    const strong = (file: FileIndex, call: CallSite, instance?: Instance): Target | "self" | undefined => {
      const url = urlArg(call);
      const others = call.args.filter((a) => a !== url);
      // `/api/x` with no base: the browser calling the service's own routes (same origin), not an upstream.
      if (!instance && /^[`'"]\//.test(argText(url) ?? "")) return "self";
      const inUrl =
        url &&
        (envVarsIn([url]).find((e) => URL_ENV.test(e)) ??
          configEnv(ctx, argText(url)) ??
          baseConstEnv(ctx, file, argText(url)));
      if (inUrl && SELF_ADDRESS.test(inUrl)) return "self";
      const host = hostIn(argText(url));
      const env =
        inUrl ||
        (host
          ? undefined
          : (instance?.env ??
            urlEnvIn(call) ??
            // `new RestClient('casework api', config.apis.caseworkApi)`: the settings object handed to a client.
            others.map((a) => configEnv(ctx, argText(a))).find(Boolean) ??
            [url, ...others].map((a) => helperUrlEnv(ctx, file, argText(a))).find(Boolean)));
      const where =
        host ??
        instance?.host ??
        (url?.kind === "identifier" && !env ? configHost(ctx, argText(url)) : undefined);
      if (env || where) return { env, host: where, name: env ? nameFromEnv(env) : where! };
      // `config.apis.caseApi.url`, `settings.paymentServiceUrl`: named by the setting.
      const setting = instance?.setting ?? nameFromSetting(argText(url));
      if (setting) return { name: setting };
      const guess = fileUrlEnv(file) ?? (injected ??= injectedUrlEnvs(ctx)).get(file.rel);
      return guess ? { env: guess, name: nameFromEnv(guess) } : undefined;
    };
    /** Named by its module (`clients/case-api.ts`), with the project's env var of that name if there is one. */
    const weak = (file: FileIndex): Target | undefined => {
      const name = nameFromFile(file.rel);
      if (!name) return undefined;
      const env = projectUrlEnvs.find((e) => nameFromEnv(e) === name);
      // `dynamics-service.ts` calling what DYNAMICS_URL locates: one upstream, named by its setting.
      const near = env
        ? undefined
        : projectUrlEnvs.find(
            (e) => SUFFIXED.test(name.slice(nameFromEnv(e).length)) && name.startsWith(nameFromEnv(e)),
          );
      return near ? { env: near, name: nameFromEnv(near) } : { env, name };
    };
    // Busy clients make thousands of calls to a few services: merge by name here, as the merge would.
    const integrations = new Map<string, Integration>();
    // Thousands of calls name a few targets: each target's kind once.
    const kinds = new Map<string, Pick<Integration, "kind" | "name">>();
    const add = (target: Target, file: FileIndex, call: CallSite, client: string, hasTimeout: boolean) => {
      const key = `${target.name}\0${target.env ?? ""}\0${target.host ?? ""}`;
      let known = kinds.get(key);
      if (!known) kinds.set(key, (known = kindAndName(target)));
      const { kind, name } = known;
      const seen = integrations.get(name);
      if (seen) return mergeIntegration(seen, { baseUrlEnv: target.env, hasTimeout });
      integrations.set(name, {
        kind,
        name,
        client,
        ...(target.env ? { baseUrlEnv: target.env } : {}),
        hasTimeout,
        evidence: ev(file.rel, call.line, argText(call.args[0])),
      });
    };
    // A call whose URL is a parameter (`request(url)`) is a shared transport: its callers are the integrations.
    const transports = new Map<string, Outbound[]>();
    for (const o of outbound) {
      const timeout =
        setsTimeout(o.call.args) || Boolean(o.instance?.timeout) || chainTimeout(o.file, o.call);
      const parameter = urlArg(o.call)?.kind === "identifier";
      const target = strong(o.file, o.call, o.instance) ?? (parameter ? undefined : weak(o.file));
      if (target === "self") continue;
      if (target) add(target, o.file, o.call, o.client, timeout);
      else if (!parameter) continue;
      else {
        const own = transports.get(o.file.rel);
        if (own) own.push({ ...o, timeout });
        else transports.set(o.file.rel, [{ ...o, timeout }]);
      }
    }
    const viaWrappers: Outbound[] = [];
    for (const [transport, own] of transports) {
      const timeout = own.every((o) => o.timeout);
      // The transport's own default base (`baseUrl = getApiBaseUrl()`), for callers that do not give one.
      const home = own[0]!.file;
      const fallbackEnv =
        fileUrlEnv(home) ??
        [...new Set(home.calls.map((c) => helperUrlEnv(ctx, home, `${c.callee}(`)).filter(Boolean))].find(
          (_, i, all) => all.length === 1,
        );
      const byDefault = fallbackEnv ? { env: fallbackEnv, name: nameFromEnv(fallbackEnv) } : undefined;
      let named = 0;
      for (const { file, call } of callsInto(ctx, transport)) {
        const given = strong(file, call);
        if (given === "self") continue;
        // Without a URL of its own, a call counts only when it hands the transport a path: `client('pages/x')`.
        const path = call.args.some((a) => /^(string|template|concat)$/.test(a.kind));
        const target = given ?? (path ? (weak(file) ?? byDefault) : undefined);
        if (!target) continue;
        add(target, file, call, "wrapper", timeout || setsTimeout(call.args));
        viaWrappers.push({ file, call, client: "wrapper" });
        named++;
      }
      const fallback = weak(home);
      if (fallback && named === 0)
        for (const o of own) add(fallback, o.file, o.call, o.client, Boolean(o.timeout));
    }
    outbound.push(...viaWrappers);
    return {
      integrations: [...integrations.values()],
      readiness: { outboundRetries: retries(ctx, outbound) },
    };
  },
};

/**
 * The env var behind a module constant a URL starts with: `${ENDPOINT_API}/x` where the module sets
 * `const ENDPOINT_API = process.env.ENDPOINT_API`, or through a chain (`BASE = HOST + '/forms'`,
 * `HOST = serverRuntimeConfig.backendHost`, a setting of next.config.js).
 */
function baseConstEnv(ctx: DetectorContext, file: FileIndex, text: string, depth = 0): string | undefined {
  const base = /^(?:`\$\{\s*([A-Za-z_$][\w$]*)\s*\}|([A-Za-z_$][\w$]*)\s*(?:\+|$))/.exec(text);
  const name = base?.[1] ?? base?.[2];
  if (!name || depth > 3) return undefined;
  const direct = file.settings.find((s) => s.path.length === 1 && s.path[0] === name)?.env;
  if (direct) return direct;
  const bound = argText(file.bindings.find((b) => b.name === name && !b.each)?.value);
  return bound ? (configEnv(ctx, bound) ?? baseConstEnv(ctx, file, bound, depth + 1)) : undefined;
}

function outboundCalls(
  ctx: DetectorContext,
  file: FileIndex,
  instances: Map<string, Map<string, Instance>>,
): Outbound[] {
  // Shared with other callers: copied only when a re-export adds to it.
  let clients = localNames(file, HTTP_MODULES);
  const local = new Map<string, Instance>(instances.get(file.rel) ?? []);
  // An instance exported by another module and imported here: `import { caseApi } from './http/case-api.js'`.
  for (const imp of file.imports) {
    const target = resolveImport(ctx, file.rel, imp.module);
    if (!target) continue;
    // `export { axios }` from a module that configures the library's interceptors: still the library.
    const reexported = localNames(target, HTTP_MODULES);
    for (const n of imp.names) if (reexported.has(n) && !clients.has(n)) clients = new Set(clients).add(n);
    const theirs = instances.get(target.rel);
    if (!theirs) continue;
    for (const n of imp.names) if (theirs.has(n)) local.set(n, theirs.get(n)!);
    if (imp.default && target.defaultExport && theirs.has(target.defaultExport))
      local.set(imp.default, theirs.get(target.defaultExport)!);
  }
  const isFetch = (c: CallSite) => c.name === "fetch" && FETCH.test(c.callee);
  if (clients.size === 0 && local.size === 0 && !callsNamed(file, FETCH_NAME).some(isFetch)) return [];
  // A call on a client or instance starts with that name's first segment, as its root does: most calls stop here.
  const roots = new Set([...clients, ...local.keys()].map((n) => n.split(/[.([]/, 1)[0]!));
  const out: Outbound[] = [];
  for (const call of file.calls) {
    if (
      (call.name !== "fetch" && !roots.has(call.root)) ||
      call.isNew ||
      call.args.length === 0 ||
      isFactory(call)
    )
      continue;
    // A method call's receiver is only needed when the method is an HTTP verb: most calls stop here.
    const verb = call.name !== call.callee && VERB.test(call.name);
    const receiver = !verb
      ? call.callee
      : call.name === "[]"
        ? call.callee.slice(0, -2)
        : call.callee.slice(0, call.callee.lastIndexOf("."));
    if (isFetch(call)) out.push({ file, call, client: "fetch" });
    else if (local.has(call.callee) || (verb && local.has(receiver)))
      out.push({
        file,
        call,
        client: "instance",
        instance: local.get(local.has(call.callee) ? call.callee : receiver),
      });
    else if (clients.has(call.callee) || (verb && clients.has(receiver)))
      out.push({ file, call, client: receiver });
  }
  return out;
}

/** The argument holding the URL: the first, or the second after a method (`Wreck.request('GET', url)`). */
function urlArg(call: CallSite): CallSite["args"][number] | undefined {
  const [first, second] = call.args;
  return first?.value && /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)$/i.test(first.value) ? second : first;
}

/** A file's `.timeout()` calls, found once: every outbound call of the file asks. */
/** superagent sets timeouts on the chain: `request.get(url).timeout(5000)`. */
function chainTimeout(file: FileIndex, call: CallSite): boolean {
  return callsNamed(file, TIMEOUT_NAME).some(
    (c) =>
      argText(c.chainArgs?.[0]) === argText(call.args[0]) &&
      c.callee.startsWith(`${call.callee}()`) &&
      c.callee.endsWith(".timeout"),
  );
}

function retries(ctx: DetectorContext, outbound: Outbound[]): Signal {
  const libs = clientUses(ctx, RETRY_MODULES).filter(
    (u) => u.module !== "got" || outbound.some((o) => o.client === "got"),
  );
  const configured = outbound.filter((o) => setsRetry(o.call));
  const evidence = [
    ...libs.map((u) => ev(u.file.rel, u.line, u.module)),
    ...configured.map((o) => ev(o.file.rel, o.call.line)),
  ].slice(0, 3);
  if (evidence.length === 0)
    return { present: false, detail: "no retries found on outbound calls", evidence };
  return { present: true, detail: "outbound calls are retried", evidence };
}
