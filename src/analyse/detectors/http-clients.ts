import type { Detector } from "../detector.js";
import { ev, isNonProductionPath, localNames, resolveImport, type DetectorContext } from "../context.js";
import { clientUses, setsRetry, setsTimeout } from "../clients.js";
import type { Facts, Signal } from "../facts.js";
import type { CallSite, FileIndex } from "../../scan/source-index.js";
import {
  callsInto,
  hostIn,
  injectedUrlEnvs,
  nameFromEnv,
  nameFromFile,
  URL_ENV,
  urlEnvIn,
} from "../outbound.js";

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
];
const FACTORY = /\.(create|extend|agent)$/;
const VERB = /^(get|post|put|patch|delete|del|head|options|request|fetch|stream)$/;
const RETRY_MODULES = ["axios-retry", "p-retry", "async-retry", "retry", "cockatiel", "got"];

/** A configured client: `const api = axios.create({ baseURL: process.env.CASE_API_URL, timeout: 5000 })`. */
interface Instance {
  env?: string;
  host?: string;
  timeout: boolean;
}

interface Outbound {
  file: FileIndex;
  call: CallSite;
  client: string;
  instance?: Instance;
}

export const httpClientsDetector: Detector = {
  id: "http-clients",
  title:
    "Outbound HTTP: fetch, axios, got, superagent and undici calls, their base URLs, timeouts and retries",
  isEnabled: () => true,
  detect(ctx) {
    const instances = new Map<string, Instance>();
    const outbound: Outbound[] = [];
    const production = ctx.sources.filter((f) => !isNonProductionPath(f.rel));
    for (const file of production) {
      for (const call of file.calls) {
        if (!FACTORY.test(call.callee) || !call.assignedTo || !localNames(file, HTTP_MODULES).has(root(call)))
          continue;
        const options = call.args[0];
        instances.set(`${file.rel}#${call.assignedTo}`, {
          env: urlEnvIn(call),
          host: hostIn(options?.props?.baseURL?.text ?? options?.props?.prefixUrl?.text ?? options?.text),
          timeout: setsTimeout(call.args),
        });
      }
    }
    for (const file of production) outbound.push(...outboundCalls(ctx, file, instances));
    const injected = injectedUrlEnvs(ctx);
    const fileUrlEnv = (file: FileIndex) => {
      const envs = [...new Set(file.envReads.map((e) => e.name).filter((n) => URL_ENV.test(n)))];
      return envs.length === 1 ? envs[0] : undefined;
    };
    const integrations: Integration[] = [];
    const transports = new Map<string, boolean>();
    const projectUrlEnvs = [...new Set(production.flatMap((s) => s.envReads.map((e) => e.name)))].filter(
      (n) => URL_ENV.test(n),
    );
    const name = (file: FileIndex, call: CallSite, instance?: Instance) => {
      const host = hostIn(call.args[0]?.text) ?? instance?.host;
      const fromFile = nameFromFile(file.rel);
      const env =
        urlEnvIn(call) ??
        instance?.env ??
        fileUrlEnv(file) ??
        injected.get(file.rel) ??
        (host ? undefined : projectUrlEnvs.find((e) => fromFile && nameFromEnv(e) === fromFile));
      return { env, host, name: env ? nameFromEnv(env) : (host ?? fromFile) };
    };
    const add = (file: FileIndex, call: CallSite, client: string, timeout: boolean, instance?: Instance) => {
      const found = name(file, call, instance);
      if (!found.name) return false;
      const pay =
        /payments\.service\.gov\.uk/.test(found.host ?? "") || /GOVUK_PAY|PAY_API/.test(found.env ?? "");
      integrations.push({
        name: pay ? "GOV.UK Pay" : found.name,
        kind: pay ? "pay" : "http",
        client,
        ...(found.env ? { baseUrlEnv: found.env } : {}),
        hasTimeout: timeout,
        evidence: ev(file.rel, call.line, call.args[0]?.text),
      });
      return true;
    };
    for (const { file, call, client, instance } of outbound) {
      const timeout = setsTimeout(call.args) || Boolean(instance?.timeout) || chainTimeout(file, call);
      // A call with no name of its own is a shared transport (`fetchJson(url)`): its callers are the integrations.
      if (!add(file, call, client, timeout, instance))
        transports.set(file.rel, (transports.get(file.rel) ?? true) && timeout);
    }
    for (const [transport, timeout] of transports) {
      for (const file of production) {
        for (const call of callsInto(ctx, file, transport)) {
          if (add(file, call, "wrapper", timeout || setsTimeout(call.args)))
            outbound.push({ file, call, client: "wrapper" });
        }
      }
    }
    return { integrations, readiness: { outboundRetries: retries(ctx, outbound) } };
  },
};

const root = (call: CallSite) => call.callee.split(/[.(]/, 1)[0]!;

function outboundCalls(ctx: DetectorContext, file: FileIndex, instances: Map<string, Instance>): Outbound[] {
  const clients = localNames(file, HTTP_MODULES);
  const local = new Map<string, Instance>();
  for (const [key, inst] of instances)
    if (key.startsWith(`${file.rel}#`)) local.set(key.slice(file.rel.length + 1), inst);
  for (const imp of file.imports) {
    const target = imp.module.startsWith(".") ? resolveImport(ctx, file.rel, imp.module) : undefined;
    if (!target) continue;
    for (const n of imp.names)
      if (instances.has(`${target.rel}#${n}`)) local.set(n, instances.get(`${target.rel}#${n}`)!);
    if (imp.default && target.defaultExport && instances.has(`${target.rel}#${target.defaultExport}`))
      local.set(imp.default, instances.get(`${target.rel}#${target.defaultExport}`)!);
  }
  const out: Outbound[] = [];
  for (const call of file.calls) {
    if (call.isNew || call.args.length === 0 || FACTORY.test(call.callee)) continue;
    const dot = call.callee.lastIndexOf(".");
    const receiver = dot === -1 ? call.callee : call.callee.slice(0, dot);
    const verb = dot === -1 ? "" : call.callee.slice(dot + 1);
    if (/^(globalThis\.|window\.)?fetch$/.test(call.callee)) out.push({ file, call, client: "fetch" });
    else if (local.has(call.callee) || (local.has(receiver) && VERB.test(verb)))
      out.push({
        file,
        call,
        client: "instance",
        instance: local.get(local.has(call.callee) ? call.callee : receiver),
      });
    else if (clients.has(call.callee) || (clients.has(receiver) && VERB.test(verb)))
      out.push({ file, call, client: receiver });
  }
  return out;
}

/** superagent sets timeouts on the chain: `request.get(url).timeout(5000)`. */
function chainTimeout(file: FileIndex, call: CallSite): boolean {
  return file.calls.some(
    (c) => c.line === call.line && c.callee.startsWith(`${call.callee}()`) && /\.timeout$/.test(c.callee),
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
