import type { Detector } from "../detector.js";
import { enabledByPackages } from "../detector.js";
import { ev, isNonProductionPath, localNames } from "../context.js";
import type { Findings } from "../facts.js";
import { joinPath, normaliseMethod, receiverOf, ROUTE_METHODS } from "../routes/paths.js";

const ROUTERS = ["@koa/router", "koa-router"];
const PACKAGES = ["koa", ...ROUTERS];

export const koaDetector: Detector = {
  id: "koa",
  title: "Koa applications and @koa/router routes with prefixes",
  packages: PACKAGES,
  isEnabled: enabledByPackages(PACKAGES),
  detect(ctx) {
    const findings: Required<Pick<Findings, "frameworks" | "routes">> = { frameworks: [], routes: [] };
    for (const file of ctx.sources) {
      if (isNonProductionPath(file.rel)) continue;
      const koa = localNames(file, ["koa"]);
      const routerClasses = localNames(file, ROUTERS);
      const prefixes = new Map<string, string>();
      for (const call of file.calls) {
        if (call.isNew && koa.has(call.callee) && findings.frameworks.length === 0) {
          findings.frameworks.push({
            name: "koa",
            evidence: ev(file.rel, call.line, `new ${call.callee}()`),
          });
        }
        if (call.isNew && routerClasses.has(call.callee) && call.assignedTo) {
          prefixes.set(call.assignedTo, call.args[0]?.props?.prefix?.value ?? "");
        }
      }
      for (const call of prefixes.size > 0 ? file.calls : []) {
        const method = call.name;
        if (!ROUTE_METHODS.has(method)) continue;
        const prefix = prefixes.get(receiverOf(call));
        if (prefix === undefined) continue;
        const pathArg = call.args.find((a) => a.kind === "string" && a.value!.startsWith("/"));
        if (!pathArg) continue;
        findings.routes.push({
          method: normaliseMethod(method),
          path: joinPath(prefix, pathArg.value!),
          framework: "koa",
          evidence: ev(file.rel, call.line),
        });
      }
    }
    return findings;
  },
};
