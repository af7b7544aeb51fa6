import type { Detector } from "../detector.js";
import { enabledByPackages } from "../detector.js";
import { ev, isNonProductionPath, localNames } from "../context.js";
import type { Findings } from "../facts.js";
import type { ArgInfo } from "../../scan/source-index.js";
import { joinPath, normaliseMethod } from "../routes/paths.js";
import { argText } from "../../scan/syntax.js";

const PACKAGES = ["@nestjs/core", "@nestjs/common"];
const METHOD_DECORATORS = new Set(["Get", "Post", "Put", "Patch", "Delete", "Head", "Options", "All"]);

/** `'x'`, `['a', 'b']` or `{ path: 'x' }`: every path a decorator argument names. */
function pathsOf(arg: ArgInfo | undefined): string[] {
  if (!arg) return [""];
  if (arg.kind === "string") return [arg.value!];
  if (arg.kind === "array") return (arg.items ?? []).flatMap((i) => (i.value !== undefined ? [i.value] : []));
  if (arg.props?.path) return pathsOf(arg.props.path);
  return [""];
}

/**
 * `RouterModule.register([{ path: 'admin', module: AdminModule, children: [...] }])`: the path each module's
 * controllers are served under. Children may be route objects or bare modules.
 */
function modulePaths(routes: ArgInfo | undefined, parent: string, into: Map<string, string>): void {
  for (const route of routes?.items ?? []) {
    if (route.kind === "identifier") {
      into.set(argText(route), parent);
      continue;
    }
    const path = joinPath(parent, route.props?.path?.value ?? "");
    const module = route.props?.module;
    if (module?.kind === "identifier") into.set(argText(module), path);
    modulePaths(route.props?.children, path, into);
  }
}

export const nestjsDetector: Detector = {
  id: "nestjs",
  title: "NestJS controllers and their route decorators, under the global prefix and URI versions",
  packages: PACKAGES,
  isEnabled: enabledByPackages(PACKAGES),
  detect(ctx) {
    const findings: Required<Pick<Findings, "frameworks" | "routes">> = { frameworks: [], routes: [] };
    let globalPrefix = "";
    let uriVersioning = false;
    const underModule = new Map<string, string>();
    const controllerModule = new Map<string, string>();
    for (const file of ctx.sources) {
      if (isNonProductionPath(file.rel)) continue;
      for (const d of file.decorators) {
        if (d.name !== "Module" || !d.className) continue;
        for (const c of d.args[0]?.props?.controllers?.items ?? [])
          if (c.kind === "identifier") controllerModule.set(argText(c), d.className);
      }
      for (const call of file.calls) {
        if (call.callee === "RouterModule.register") modulePaths(call.args[0], "", underModule);
        if (call.callee === "NestFactory.create" && findings.frameworks.length === 0)
          findings.frameworks.push({
            name: "nestjs",
            evidence: ev(file.rel, call.line, "NestFactory.create()"),
          });
        if (call.callee.endsWith(".setGlobalPrefix") && call.args[0]?.value)
          globalPrefix = call.args[0].value;
        if (
          call.callee.endsWith(".enableVersioning") &&
          /URI|^$/.test(argText(call.args[0]?.props?.type) ?? "")
        )
          uriVersioning = true;
      }
    }
    for (const file of ctx.sources) {
      if (isNonProductionPath(file.rel)) continue;
      // Only decorators imported from NestJS: routing-controllers and others reuse the names.
      const nest = localNames(file, ["@nestjs/common"]);
      const controllers = new Map<string, string[]>();
      for (const d of file.decorators) {
        if (d.name !== "Controller" || !d.className || !nest.has("Controller")) continue;
        const version = d.args[0]?.props?.version?.value;
        const base = uriVersioning && version ? `/v${version}` : "";
        // Nest builds a path as global prefix, version, RouterModule path, controller path, method path.
        const module = underModule.get(controllerModule.get(d.className) ?? "") ?? "";
        controllers.set(
          d.className,
          pathsOf(d.args[0]).map((p) => joinPath(joinPath(joinPath(`/${globalPrefix}`, base), module), p)),
        );
        if (findings.frameworks.length === 0)
          findings.frameworks.push({
            name: "nestjs",
            evidence: ev(file.rel, d.line, `@Controller() ${d.className}`),
          });
      }
      for (const d of file.decorators) {
        if (!METHOD_DECORATORS.has(d.name) || !nest.has(d.name) || !d.className) continue;
        for (const prefix of controllers.get(d.className) ?? []) {
          for (const sub of pathsOf(d.args[0])) {
            findings.routes.push({
              method: normaliseMethod(d.name),
              path: joinPath(prefix, sub),
              framework: "nestjs",
              evidence: ev(file.rel, d.line),
            });
          }
        }
      }
    }
    return findings;
  },
};
