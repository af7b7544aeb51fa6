import type { Detector } from "../detector.js";
import { enabledByPackages } from "../detector.js";
import { ev, isNonProductionPath, localNames } from "../context.js";
import type { Findings } from "../facts.js";
import {
  definedAt,
  mountTarget,
  normaliseMethod,
  placeRoutes,
  receiverOf,
  ROUTE_METHODS,
  type DeclaredRoute,
  type Mount,
  type RouterRef,
} from "../routes/paths.js";

const ROUTERS = ["@koa/router", "koa-router"];
const PACKAGES = ["koa", ...ROUTERS];
/** `nested.routes()` or `nested.middleware()` passed to `use`: a router mounted on another, or on the app. */
const MOUNTED = /^([\w$]+)\.(routes|middleware)$/;

export const koaDetector: Detector = {
  id: "koa",
  title: "Koa applications and @koa/router routes, with router prefixes and nested routers",
  packages: PACKAGES,
  isEnabled: enabledByPackages(PACKAGES),
  detect(ctx) {
    const findings: Required<Pick<Findings, "frameworks" | "routes">> = { frameworks: [], routes: [] };
    /** Every router, by `file#variable`, with its own prefix. */
    const own = new Map<string, string>();
    const key = (ref: RouterRef) => `${ref.file}#${ref.receiver}`;
    const mounts: Mount[] = [];
    const declared: DeclaredRoute[] = [];
    // First every router and its own prefix, so a router imported from a module read later is known.
    const production = ctx.sources.filter((f) => !isNonProductionPath(f.rel));
    for (const file of production) {
      const koa = localNames(file, ["koa"]);
      const routerClasses = localNames(file, ROUTERS);
      for (const call of file.calls) {
        if (!call.isNew) continue;
        if (koa.has(call.callee) && findings.frameworks.length === 0) {
          findings.frameworks.push({
            name: "koa",
            evidence: ev(file.rel, call.line, `new ${call.callee}()`),
          });
        }
        if (routerClasses.has(call.callee) && call.assignedTo) {
          own.set(
            key({ file: file.rel, receiver: call.assignedTo }),
            call.args[0]?.props?.prefix?.value ?? "",
          );
        }
      }
    }
    for (const file of production) {
      for (const call of file.calls) {
        const method = call.name;
        if (method !== "use" && method !== "prefix" && !ROUTE_METHODS.has(method)) continue;
        const receiver = receiverOf(call);
        const [first] = call.args;
        if (method === "use") {
          const at = first?.kind === "string" ? first.value! : "";
          for (const arg of call.args) {
            const nested = arg.kind === "call" ? MOUNTED.exec(arg.callee ?? "") : null;
            if (nested)
              mounts.push({
                ...definedAt(ctx, file, receiver),
                prefix: at,
                ...mountTarget(ctx, file, nested[1]!),
              });
          }
          continue;
        }
        const defined = definedAt(ctx, file, receiver);
        if (!own.has(key(defined))) continue;
        if (method === "prefix") {
          if (first?.kind === "string") own.set(key(defined), first.value!);
          continue;
        }
        const pathArg = call.args.find((a) => a.kind === "string" && a.value!.startsWith("/"));
        if (!pathArg) continue;
        declared.push({
          ...defined,
          route: {
            method: normaliseMethod(method),
            path: pathArg.value!,
            framework: "koa",
            evidence: ev(file.rel, call.line),
          },
        });
      }
    }
    findings.routes.push(...placeRoutes(declared, mounts, (ref) => own.get(key(ref)) ?? ""));
    return findings;
  },
};
