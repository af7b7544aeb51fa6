import { posix } from "node:path";
import type { Detector } from "../detector.js";
import { enabledByPackages } from "../detector.js";
import { ev, isNonProductionPath, localNames, type DetectorContext } from "../context.js";
import type { ArgInfo, FileIndex } from "../../scan/source-index.js";
import type { Findings, Route } from "../facts.js";
import {
  joinPath,
  mountTarget,
  normaliseMethod,
  placeRoutes,
  receiverOf,
  ROUTE_METHODS,
  type DeclaredRoute,
  type Mount,
} from "../routes/paths.js";
import { argText } from "../../scan/syntax.js";

const PACKAGES = ["fastify"];
const AUTOLOAD = ["@fastify/autoload"];
const RECEIVER = /^(app|server|fastify|instance|api|f)$/;

export const fastifyDetector: Detector = {
  id: "fastify",
  title: "Fastify servers, plugins with prefixes and routes",
  packages: PACKAGES,
  isEnabled: enabledByPackages(PACKAGES),
  detect(ctx) {
    const findings: Required<Pick<Findings, "frameworks" | "routes">> = { frameworks: [], routes: [] };
    const mounts: Mount[] = [];
    const declared: DeclaredRoute[] = [];
    for (const file of ctx.sources) {
      if (isNonProductionPath(file.rel)) continue;
      const names = localNames(file, PACKAGES);
      const autoload = localNames(file, AUTOLOAD);
      for (const call of file.calls) {
        if (names.has(call.callee) && findings.frameworks.length === 0) {
          findings.frameworks.push({
            name: "fastify",
            evidence: ev(file.rel, call.line, `${call.callee}()`),
          });
        }
        const method = call.name;
        if (method !== "register" && method !== "route" && !ROUTE_METHODS.has(method)) continue;
        const receiver = receiverOf(call);
        if (!RECEIVER.test(receiver)) continue;
        const [first, second] = call.args;
        if (method === "register" && first?.kind === "identifier" && autoload.has(argText(first)) && second) {
          mounts.push(...autoloaded(ctx, file, receiver, second));
        } else if (method === "register" && first && second?.props?.prefix?.value !== undefined) {
          const name = first.callee ?? argText(first);
          mounts.push({
            file: file.rel,
            receiver,
            prefix: second.props.prefix.value,
            ...mountTarget(ctx, file, name),
          });
        } else if (method === "route" && first?.props) {
          const url = first.props.url?.value ?? first.props.path?.value;
          const methods = first.props.method?.value
            ? [first.props.method.value]
            : (first.props.method?.items ?? []).map((i) => i.value ?? "");
          for (const m of methods.filter(Boolean)) {
            if (url) declared.push({ file: file.rel, receiver, route: route(m, url, file.rel, call.line) });
          }
        } else if (
          ROUTE_METHODS.has(method) &&
          first?.kind === "string" &&
          first.value!.startsWith("/") &&
          call.args.length > 1
        ) {
          declared.push({
            file: file.rel,
            receiver,
            route: route(method, first.value!, file.rel, call.line),
          });
        }
      }
    }
    findings.routes.push(...placeRoutes(declared, mounts));
    return findings;
  },
};

/**
 * `register(autoload, { dir: path.join(__dirname, 'routes'), options: { prefix } })`: every plugin file
 * under that folder is mounted at the prefix plus its folder's path, as @fastify/autoload does by default.
 * A plugin's `export const autoPrefix` replaces the folder's path, as autoload does.
 */
function autoloaded(ctx: DetectorContext, file: FileIndex, receiver: string, options: ArgInfo): Mount[] {
  // The folder is the string parts of the expression, relative to the registering file: `__dirname`,
  // `import.meta.url` and `${__dirname}` all name that file's folder.
  const text = (argText(options.props?.dir) ?? "").replace(/\$\{[^}]*\}/g, "");
  const parts = [...text.matchAll(/["'`]([^"'`]+)["'`]/g)].map((m) => m[1]!);
  if (parts.length === 0) return [];
  const dir = posix.join(posix.dirname(file.rel), ...parts);
  const prefix = options.props?.options?.props?.prefix?.value ?? "";
  const byFolder = argText(options.props?.dirNameRoutePrefix) !== "false";
  return ctx.sources
    .filter((s) => s.rel.startsWith(`${dir}/`) && !isNonProductionPath(s.rel))
    .map((s) => {
      const own = s.exports.find((e) => e.name === "autoPrefix")?.value;
      const folder = byFolder ? posix.relative(dir, posix.dirname(s.rel)) : "";
      return { file: file.rel, receiver, prefix: joinPath(prefix, own ?? folder), targetFile: s.rel };
    });
}

function route(method: string, path: string, file: string, line: number): Route {
  return { method: normaliseMethod(method), path, framework: "fastify", evidence: ev(file, line) };
}
