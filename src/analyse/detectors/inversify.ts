import type { Detector } from "../detector.js";
import { enabledByPackages } from "../detector.js";
import { ev, isNonProductionPath, localNames } from "../context.js";
import type { Findings } from "../facts.js";
import { joinPath, normaliseMethod } from "../routes/paths.js";
import { stringsOf } from "../routes/resolve.js";

const PACKAGES = ["inversify-express-utils"];
const METHODS: Record<string, string> = {
  httpGet: "GET",
  httpPost: "POST",
  httpPut: "PUT",
  httpPatch: "PATCH",
  httpDelete: "DELETE",
  httpHead: "HEAD",
  httpOptions: "OPTIONS",
  all: "ALL",
};

/** inversify-express-utils: `@controller('/x')` classes with `@httpGet('/y')` methods, under the server's rootPath. */
export const inversifyDetector: Detector = {
  id: "inversify",
  title: "inversify-express-utils controllers and their method decorators",
  packages: PACKAGES,
  isEnabled: enabledByPackages(PACKAGES),
  detect(ctx) {
    const findings: Required<Pick<Findings, "frameworks" | "routes">> = { frameworks: [], routes: [] };
    const production = ctx.sources.filter((f) => !isNonProductionPath(f.rel));
    let root = "";
    for (const file of production) {
      const names = localNames(file, PACKAGES);
      for (const call of file.calls) {
        if (!call.isNew || call.callee !== "InversifyExpressServer" || !names.has(call.callee)) continue;
        const rootPath = call.args[2]?.props?.rootPath;
        root = rootPath ? (stringsOf(ctx, file, rootPath)[0] ?? "") : "";
        findings.frameworks.push({
          name: "express",
          evidence: ev(file.rel, call.line, "new InversifyExpressServer()"),
        });
      }
    }
    for (const file of production) {
      const names = localNames(file, PACKAGES);
      const prefixes = new Map<string, readonly string[]>();
      for (const d of file.decorators)
        if (d.name === "controller" && names.has(d.name) && d.className && d.args[0])
          prefixes.set(d.className, stringsOf(ctx, file, d.args[0]));
      for (const d of file.decorators) {
        const fixed = METHODS[d.name];
        if (!names.has(d.name) || !d.className || (!fixed && d.name !== "httpMethod")) continue;
        const [first, second] = fixed ? [undefined, d.args[0]] : d.args;
        const methods = fixed ? [fixed] : first ? stringsOf(ctx, file, first) : [];
        const paths = second ? stringsOf(ctx, file, second) : ["/"];
        for (const prefix of prefixes.get(d.className) ?? [])
          for (const path of paths)
            for (const method of methods)
              findings.routes.push({
                method: normaliseMethod(method),
                path: joinPath(joinPath(root || "/", prefix), path),
                framework: "express",
                evidence: ev(file.rel, d.line),
              });
      }
    }
    if (findings.frameworks.length === 0 && findings.routes[0])
      findings.frameworks.push({ name: "express", evidence: findings.routes[0].evidence });
    return findings;
  },
};
