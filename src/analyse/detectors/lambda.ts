import type { Detector } from "../detector.js";
import { isNonProductionPath, localNames } from "../context.js";
import type { Findings } from "../facts.js";
import { RouteObjects } from "../routes/objects.js";
import { templateRoutes } from "../routes/templates.js";

const ROUTERS = ["@middy/http-router"];
/** serverless.yml, or a SAM template (template.yaml, or any YAML naming AWS::Serverless). */
export const TEMPLATE = /(^|\/)(serverless\.ya?ml|template\.ya?ml|sam[\w.-]*\.ya?ml)$/;

/**
 * AWS Lambda HTTP routes: `{ method, path, handler }` arrays for @middy/http-router, wherever they are
 * declared, and the http events of functions in Serverless Framework and SAM templates.
 */
export const lambdaDetector: Detector = {
  id: "lambda",
  title: "Lambda HTTP routes: middy http-router route arrays, Serverless and SAM template events",
  packages: ROUTERS,
  isEnabled: (ctx) => ROUTERS.some((p) => ctx.packages.has(p)) || ctx.paths.some((p) => TEMPLATE.test(p)),
  detect(ctx) {
    const findings: Required<Pick<Findings, "frameworks" | "routes">> = { frameworks: [], routes: [] };
    if (ROUTERS.some((p) => ctx.packages.has(p))) {
      const objects = new RouteObjects(ctx, "lambda");
      for (const file of ctx.sources) {
        if (isNonProductionPath(file.rel)) continue;
        const router = localNames(file, ROUTERS);
        for (const call of file.calls) {
          if (!router.has(call.callee) || !call.args[0]) continue;
          const arg = call.args[0];
          findings.routes.push(...objects.fromArg(file, arg.props?.routes ?? arg));
        }
      }
      // Route arrays are usually handed to the router through a helper: read them where they are exported.
      for (const file of ctx.sources)
        if (!isNonProductionPath(file.rel)) findings.routes.push(...objects.exportedBy(file));
    }
    for (const file of ctx.textFiles)
      if (TEMPLATE.test(file.rel) && !isNonProductionPath(file.rel))
        findings.routes.push(...templateRoutes(file));
    if (findings.routes[0])
      findings.frameworks.push({ name: "lambda", evidence: findings.routes[0].evidence });
    return findings;
  },
};
