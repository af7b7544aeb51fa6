import type { Detector } from "../detector.js";
import { enabledByPackages } from "../detector.js";
import { ev, isNonProductionPath } from "../context.js";
import type { Findings } from "../facts.js";
import { joinPath, normaliseMethod } from "../routes/paths.js";

const PACKAGES = ["@nestjs/core", "@nestjs/common"];
const METHOD_DECORATORS = new Set(["Get", "Post", "Put", "Patch", "Delete", "Head", "Options", "All"]);

export const nestjsDetector: Detector = {
  id: "nestjs",
  title: "NestJS controllers and their route decorators",
  packages: PACKAGES,
  isEnabled: enabledByPackages(PACKAGES),
  detect(ctx) {
    const findings: Required<Pick<Findings, "frameworks" | "routes">> = { frameworks: [], routes: [] };
    let globalPrefix = "";
    for (const file of ctx.sources) {
      for (const call of file.calls) {
        if (call.callee === "NestFactory.create") {
          findings.frameworks.push({
            name: "nestjs",
            evidence: ev(file.rel, call.line, "NestFactory.create()"),
          });
        }
        if (call.callee.endsWith(".setGlobalPrefix") && call.args[0]?.value)
          globalPrefix = call.args[0].value;
      }
    }
    for (const file of ctx.sources) {
      if (isNonProductionPath(file.rel)) continue;
      const controllers = new Map<string, string>();
      for (const d of file.decorators) {
        if (d.name === "Controller" && d.className)
          controllers.set(d.className, d.args[0]?.value ?? d.args[0]?.props?.path?.value ?? "");
      }
      for (const d of file.decorators) {
        if (!METHOD_DECORATORS.has(d.name) || !d.className || !controllers.has(d.className)) continue;
        const sub = d.args[0]?.value ?? "";
        const path = joinPath(joinPath(`/${globalPrefix}`, controllers.get(d.className)!), sub);
        findings.routes.push({
          method: normaliseMethod(d.name),
          path,
          framework: "nestjs",
          evidence: ev(file.rel, d.line),
        });
      }
    }
    if (findings.frameworks.length > 1) findings.frameworks.length = 1;
    return findings;
  },
};
