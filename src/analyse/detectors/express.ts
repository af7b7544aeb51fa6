import type { Detector } from "../detector.js";
import { enabledByPackages } from "../detector.js";
import {
  callsNamed,
  callsOn,
  declares,
  ev,
  isNonProductionPath,
  localNames,
  resolveImport,
} from "../context.js";
import type { Findings } from "../facts.js";
import type { ArgInfo, FileIndex } from "../../scan/source-index.js";
import {
  definedAt,
  mountTarget,
  normaliseMethod,
  placeRoutes,
  receiverOf,
  ROUTE_METHODS,
  type DeclaredRoute,
  type Mount,
} from "../routes/paths.js";
import { stringsOf } from "../routes/resolve.js";
import { argText } from "../../scan/syntax.js";

const PACKAGES = ["express"];
const LIKELY_RECEIVER = /^(app|router|api|server|\w+(Router|Routes|App))$/;
const BARE_RECEIVER = /^(app|router)$/;
const OTHER_FRAMEWORKS = ["fastify", "koa", "@hapi/hapi", "hapi", "restify", "@nestjs/core", "next", "polka"];
const HELPERS = new Set(["get", "post", "put", "patch", "del"]);
/** Calls that mount or declare: `use` and the route methods. */
const ROUTING_CALLS = ["use", ...ROUTE_METHODS];
const CHAIN = /^(.+?)\.route\(\)(?:\.\w+\(\))*\.(\w+)$/;

export const expressDetector: Detector = {
  id: "express",
  title: "Express applications, routers and routes",
  packages: PACKAGES,
  isEnabled: enabledByPackages(PACKAGES),
  detect(ctx) {
    const findings: Required<Pick<Findings, "frameworks" | "routes">> = { frameworks: [], routes: [] };
    const mounts: Mount[] = [];
    const declared: DeclaredRoute[] = [];
    // Route modules of older apps take the app as a parameter and never import express
    // (`module.exports = (app) => { app.get(…) }`): trusted only when no other framework could own them.
    const onlyExpress = !OTHER_FRAMEWORKS.some((p) => ctx.packages.has(p));
    for (const file of ctx.sources) {
      if (isNonProductionPath(file.rel)) continue;
      const names = localNames(file, PACKAGES);
      const imported = names.size > 0 || file.imports.some((i) => i.module === "express");
      if (!imported && !(onlyExpress && declares(ctx, file.rel, "express"))) continue;
      const receivers = new Set<string>();
      /** A mount's prefix: a literal, or a constant or template that resolves to a path. */
      const mountPrefix = (arg: ArgInfo): string | undefined => {
        if (arg.kind === "string") return arg.value;
        if (arg.kind === "function" || arg.kind === "call") return undefined;
        return stringsOf(ctx, file, arg).find((p) => p.startsWith("/"));
      };
      for (const call of callsOn(file, names)) {
        if (/^\w+(\.Router)?$/.test(call.callee)) {
          if (call.assignedTo) receivers.add(call.assignedTo);
          if (call.callee === call.root && call.assignedTo && findings.frameworks.length === 0) {
            findings.frameworks.push({
              name: "express",
              evidence: ev(file.rel, call.line, `${call.assignedTo} = ${call.callee}()`),
            });
          }
        }
      }
      for (const call of callsNamed(file, ROUTING_CALLS)) {
        const chained = call.callee.includes("()") ? CHAIN.exec(call.callee) : null;
        // `get('/x', handler)`: a helper a route module is handed, or a local closure around a router.
        const helper = call.callee === call.name && HELPERS.has(call.name) && !bindsImport(file, call.name);
        const receiver = helper ? call.name : chained ? chained[1]! : receiverOf(call);
        if (
          !receiver ||
          (!helper &&
            !receivers.has(receiver) &&
            !(imported ? LIKELY_RECEIVER : BARE_RECEIVER).test(receiver))
        )
          continue;
        const method = chained ? chained[2]! : call.name;
        const [first, ...rest] = call.args;
        const prefix =
          !chained && method === "use" && first && rest.length > 0 ? mountPrefix(first) : undefined;
        if (prefix !== undefined) {
          const target = rest[rest.length - 1]!;
          const name = target.callee ?? (target.kind === "identifier" ? argText(target) : undefined);
          if (target.callee === "require" && target.value)
            mounts.push({
              ...definedAt(ctx, file, receiver),
              prefix,
              targetFile: resolveImport(ctx, file.rel, target.value)?.rel,
            });
          else if (name)
            mounts.push({ ...definedAt(ctx, file, receiver), prefix, ...mountTarget(ctx, file, name) });
          continue;
        }
        // router.route('/x').get(h).post(h): the path is the chain's first argument, handlers are here.
        const pathArg = chained ? call.chainArgs?.[0] : first;
        const handlers = chained ? call.args : rest;
        if (!ROUTE_METHODS.has(method) || handlers.length === 0 || !pathArg) continue;
        const paths =
          pathArg.kind === "array"
            ? (pathArg.items ?? []).flatMap((i) => stringsOf(ctx, file, i))
            : stringsOf(ctx, file, pathArg);
        for (const p of paths) {
          if (!p.startsWith("/") && p !== "*") continue;
          declared.push({
            ...definedAt(ctx, file, receiver),
            route: {
              method: normaliseMethod(method),
              path: p,
              framework: "express",
              evidence: ev(file.rel, call.line),
            },
          });
        }
      }
    }
    findings.routes.push(...placeRoutes(declared, mounts));
    return findings;
  },
};

/** Whether a name comes from an import or require (lodash's `get`, a config `get`): then it is no route helper. */
function bindsImport(file: FileIndex, name: string): boolean {
  return (
    file.imports.some((i) => i.default === name || i.names.includes(name)) ||
    file.destructures.some((d) => d.names.includes(name))
  );
}
