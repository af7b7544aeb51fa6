import type { CallSite, FileIndex } from "../scan/source-index.js";
import { envVarsIn } from "./clients.js";
import { callsOn, isNonProductionPath, type DetectorContext } from "./context.js";
import { importGraph } from "./imports.js";

/** Env vars that hold a base URL or host of another service. */
export const URL_ENV = /^[A-Z0-9_]*(URL|URI|HOST|ENDPOINT|BASE|ORIGIN|ISSUER)$/;

export function urlEnvIn(call: CallSite): string | undefined {
  return envVarsIn(call.args).find((e) => URL_ENV.test(e));
}

export function hostIn(text: string | undefined): string | undefined {
  return /https?:\/\/([a-z0-9.-]+)/i.exec(text ?? "")?.[1];
}

/** `STATS_API_URL` → `stats-api`. */
export function nameFromEnv(env: string): string {
  return env
    .replace(/_(BASE_)?(URL|URI|HOST|ENDPOINT|BASE|ORIGIN)$/, "")
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
      if (isNonProductionPath(edge.file.rel)) continue;
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
    isNonProductionPath(edge.file.rel)
      ? []
      : callsOn(edge.file, edge.names).map((call) => ({ file: edge.file, call })),
  );
}
