import type { Detector } from "../detector.js";
import { enabledByPackages } from "../detector.js";
import { ev, isNonProductionPath, localNames } from "../context.js";
import type { ArgInfo } from "../../scan/source-index.js";
import type { Findings } from "../facts.js";
import { normaliseMethod } from "../routes/paths.js";

const PACKAGES = ["@hapi/hapi", "hapi"];

export const hapiDetector: Detector = {
  id: "hapi",
  title: "Hapi servers and server.route definitions",
  packages: PACKAGES,
  isEnabled: enabledByPackages(PACKAGES),
  detect(ctx) {
    const findings: Required<Pick<Findings, "frameworks" | "routes">> = { frameworks: [], routes: [] };
    for (const file of ctx.sources) {
      if (isNonProductionPath(file.rel)) continue;
      const names = localNames(file, PACKAGES);
      for (const call of file.calls) {
        if (names.has(call.root) && /\.server$/i.test(call.callee) && findings.frameworks.length === 0) {
          findings.frameworks.push({ name: "hapi", evidence: ev(file.rel, call.line, `${call.callee}()`) });
        }
        if (call.name !== "route" || call.callee === "route" || !call.args[0]) continue;
        const defs: ArgInfo[] = call.args[0].kind === "array" ? (call.args[0].items ?? []) : [call.args[0]];
        for (const def of defs) {
          const path = def.props?.path?.value;
          const method = def.props?.method;
          if (!path || !method) continue;
          const methods = method.value ? [method.value] : (method.items ?? []).map((i) => i.value ?? "");
          for (const m of methods.filter(Boolean)) {
            findings.routes.push({
              method: normaliseMethod(m),
              path,
              framework: "hapi",
              evidence: ev(file.rel, def.line),
            });
          }
        }
      }
    }
    return findings;
  },
};
