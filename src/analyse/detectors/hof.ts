import type { Detector } from "../detector.js";
import { enabledByPackages } from "../detector.js";
import { ev, isNonProductionPath, localNames } from "../context.js";
import type { Findings } from "../facts.js";
import { joinPath } from "../routes/paths.js";
import { exported, stringsOf } from "../routes/resolve.js";

const PACKAGES = ["hof", "hof-bootstrap"];

/**
 * HOF (Home Office Forms) builds an Express app from config: each app module exports `{ baseUrl, steps }`
 * and every step is a page, shown with GET and, when it asks for something, submitted with POST. HOF keeps every
 * session in Redis (its default store, at REDIS_HOST and REDIS_PORT): a form's answers live there until submitted.
 */
export const hofDetector: Detector = {
  id: "hof",
  title: "HOF apps: form steps declared in a steps map",
  packages: PACKAGES,
  isEnabled: enabledByPackages(PACKAGES),
  detect(ctx) {
    const findings: Required<Pick<Findings, "frameworks" | "routes" | "datastores">> = {
      frameworks: [],
      routes: [],
      datastores: [],
    };
    for (const file of ctx.sources) {
      if (isNonProductionPath(file.rel)) continue;
      const hof = localNames(file, PACKAGES);
      const bootstrap = file.calls.find((c) => hof.has(c.callee));
      if (bootstrap && findings.frameworks.length === 0) {
        findings.frameworks.push({
          name: "express",
          evidence: ev(file.rel, bootstrap.line, `${bootstrap.callee}()`),
        });
        findings.datastores.push({
          kind: "redis",
          client: "hof",
          envVar: "REDIS_HOST",
          evidence: ev(file.rel, bootstrap.line, `${bootstrap.callee}(): sessions in Redis`),
        });
      }
      for (const app of exported(ctx, file)) {
        const steps = app.arg.props?.steps?.props;
        if (!steps) continue;
        const base = app.arg.props?.baseUrl;
        const prefix = base ? stringsOf(ctx, app.file, base)[0] : "";
        if (prefix === undefined) continue;
        for (const [step, config] of Object.entries(steps)) {
          if (!step.startsWith("/")) continue;
          const path = joinPath(prefix, step);
          const at = ev(app.file.rel, config.line);
          findings.routes.push({ method: "GET", path, framework: "express", evidence: at });
          const props = config.props ?? {};
          if (props.fields || props.next || props.forks)
            findings.routes.push({ method: "POST", path, framework: "express", evidence: at });
        }
      }
    }
    if (findings.frameworks.length === 0 && findings.routes[0])
      findings.frameworks.push({ name: "express", evidence: findings.routes[0].evidence });
    return findings;
  },
};
