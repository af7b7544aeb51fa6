import type { Detector } from "../detector.js";
import { callsByRoot, ev, isNonProductionPath, localNames, type DetectorContext } from "../context.js";
import type { FileIndex } from "../../scan/source-index.js";
import type { Findings } from "../facts.js";
import { RouteObjects } from "../routes/objects.js";

const PACKAGES = ["@hapi/hapi", "hapi"];
/** Receivers a Hapi route is registered on: the server, or a plugin's `server` under another name. */
const SERVER_NAMES = ["server", "srv", "hapiServer", "plugin"];

/**
 * `server.route(routes)` in production code, given routes rather than a path (Express's `server.route('/x')`):
 * Hapi in use even when it comes from a git dependency or a wrapper.
 */
function routeCalls(file: FileIndex) {
  return SERVER_NAMES.flatMap((n) => callsByRoot(file).get(n) ?? []).filter(
    (c) => c.name === "route" && c.args[0] && c.args[0].kind !== "string" && c.args[0].kind !== "template",
  );
}

function usedInCode(ctx: DetectorContext): boolean {
  return ctx.sources.some((f) => !isNonProductionPath(f.rel) && routeCalls(f).length > 0);
}

export const hapiDetector: Detector = {
  id: "hapi",
  title: "Hapi servers and routes: server.route with objects, arrays and route modules, in plugins",
  packages: PACKAGES,
  isEnabled: (ctx) => PACKAGES.some((p) => ctx.packages.has(p)) || usedInCode(ctx),
  detect(ctx) {
    const findings: Required<Pick<Findings, "frameworks" | "routes">> = { frameworks: [], routes: [] };
    const objects = new RouteObjects(ctx, "hapi");
    const production = ctx.sources.filter((f) => !isNonProductionPath(f.rel));
    let registered: { file: string; line: number } | undefined;
    for (const file of production) {
      const names = localNames(file, PACKAGES);
      for (const call of file.calls) {
        if (names.has(call.root) && /\.server$/i.test(call.callee) && findings.frameworks.length === 0)
          findings.frameworks.push({ name: "hapi", evidence: ev(file.rel, call.line, `${call.callee}()`) });
      }
      for (const call of routeCalls(file)) {
        registered ??= { file: file.rel, line: call.line };
        findings.routes.push(...objects.fromArg(file, call.args[0]!));
      }
    }
    // Route modules registered where their list cannot be followed (through a filter, a loader): by shape.
    for (const file of production) findings.routes.push(...objects.exportedBy(file));
    if (findings.frameworks.length === 0 && registered)
      findings.frameworks.push({
        name: "hapi",
        evidence: ev(registered.file, registered.line, "server.route()"),
      });
    return findings;
  },
};
