import type { ArgInfo, FileIndex } from "../../scan/source-index.js";
import { ev, type DetectorContext } from "../context.js";
import type { Route } from "../facts.js";
import { normaliseMethod } from "./paths.js";
import { exported, flatten, stringsOf, valuesOf, type Located } from "./resolve.js";

/**
 * Route objects (`{ method: 'GET', path: '/x', handler }`), as Hapi's `server.route` and middy's http-router
 * take them: written in place, named, spread into arrays, `[].concat(require(…))`, or exported from modules.
 * `seen` keeps an object found both where it is exported and where it is registered from being counted twice.
 */
export class RouteObjects {
  private readonly seen = new Set<ArgInfo>();

  constructor(
    private readonly ctx: DetectorContext,
    private readonly framework: Route["framework"],
  ) {}

  /** Routes an argument stands for: an object, an array of them, or a name for either. */
  fromArg(file: FileIndex, arg: ArgInfo): Route[] {
    const values = valuesOf(this.ctx, file, arg).flatMap((v) => flatten(this.ctx, v));
    return values.flatMap((v) => this.read(v, false));
  }

  /**
   * Routes a module exports (default or named). Only objects with a handler, options or spread-in parts:
   * `{ method, path }` alone also describes an outbound call.
   */
  exportedBy(file: FileIndex): Route[] {
    const names = ["default", ...file.exports.map((e) => e.name)];
    const values = names.flatMap((n) => exported(this.ctx, file, n)).flatMap((v) => flatten(this.ctx, v));
    return values.flatMap((v) => this.read(v, true));
  }

  private read(value: Located, strict: boolean): Route[] {
    const { arg, file } = value;
    const props = arg.props;
    if (arg.kind !== "object" || !props?.path || !props.method || this.seen.has(arg)) return [];
    if (strict && !(props.handler || props.options || props.config || arg.spreads?.length)) return [];
    const paths = stringsOf(this.ctx, file, props.path).filter((p) => p.startsWith("/") || p === "*");
    const method = props.method;
    const methods =
      method.kind === "array"
        ? (method.items ?? []).flatMap((i) => stringsOf(this.ctx, file, i))
        : stringsOf(this.ctx, file, method);
    if (paths.length === 0 || methods.length === 0) return [];
    this.seen.add(arg);
    return paths.flatMap((path) =>
      methods.map((m) => ({
        method: normaliseMethod(m),
        path,
        framework: this.framework,
        evidence: ev(file.rel, arg.line),
      })),
    );
  }
}
