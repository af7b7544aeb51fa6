import type { CallSite, FileIndex } from "../../scan/source-index.js";
import type { Route } from "../facts.js";
import type { DetectorContext } from "../context.js";
import { resolveImport } from "../context.js";

export const ROUTE_METHODS = new Set([
  "get",
  "post",
  "put",
  "patch",
  "delete",
  "del",
  "all",
  "head",
  "options",
]);

export function joinPath(prefix: string, sub: string): string {
  const key = `${prefix}\0${sub}`;
  let path = joined.get(key);
  if (path === undefined) {
    // Every route is joined to its prefix, in each package's run too: remembered, within bounds.
    if (joined.size > 100_000) joined.clear();
    joined.set(key, (path = join(prefix, sub)));
  }
  return path;
}

const joined = new Map<string, string>();

function join(prefix: string, sub: string): string {
  const joined = `${prefix.replace(/\/+$/, "")}/${sub.replace(/^\/+/, "")}`;
  const clean = joined.replace(/\/+/g, "/");
  return clean.length > 1 ? clean.replace(/\/$/, "") : "/";
}

export function normaliseMethod(
  method: string,
): "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD" | "OPTIONS" | "ALL" {
  const upper = method.toUpperCase();
  if (upper === "DEL") return "DELETE";
  if (upper === "*") return "ALL";
  return (
    ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"].includes(upper) ? upper : "ALL"
  ) as "GET";
}

/** A router (or app, or Fastify plugin) by the module that defines it and the variable that holds it. */
export interface RouterRef {
  file: string;
  receiver: string;
}

/** A router (or plugin) mounted on another under a prefix: `app.use('/x', router)`, `register(plugin, {prefix})`. */
export interface Mount extends RouterRef {
  prefix: string;
  /** The file that defines the mounted router, when it was imported: any router in it. */
  targetFile?: string;
  /** The mounted router itself, when a module's own variable is mounted. */
  targetVar?: RouterRef;
}

/** A route as its router declares it, before the prefixes it is mounted under are known. */
export interface DeclaredRoute extends RouterRef {
  route: Route;
}

/** Finds where a mounted identifier or factory call comes from: this file's variable or an imported file. */
export function mountTarget(
  ctx: DetectorContext,
  file: FileIndex,
  name: string,
): Pick<Mount, "targetFile" | "targetVar"> {
  const root = name.replace(/\(\)$/, "").split(".")[0]!;
  const imp = file.imports.find((i) => i.default === root || i.names.includes(root) || i.namespace === root);
  if (imp) return { targetFile: resolveImport(ctx, file.rel, imp.module)?.rel };
  return { targetVar: { file: file.rel, receiver: root } };
}

/**
 * Each declared route under the full prefix of its router, following mounts up to the app. `own` gives a
 * router's own prefix (Koa's `new Router({ prefix })`), which applies under whatever it is mounted on.
 */
export function placeRoutes(
  declared: DeclaredRoute[],
  mounts: Mount[],
  own: (ref: RouterRef) => string = () => "",
): Route[] {
  const key = (ref: RouterRef) => `${ref.file}#${ref.receiver}`;
  const byVar = new Map<string, Mount>();
  const byFile = new Map<string, Mount>();
  for (const m of mounts) {
    if (m.targetVar && !byVar.has(key(m.targetVar))) byVar.set(key(m.targetVar), m);
    if (m.targetFile && !byFile.has(m.targetFile)) byFile.set(m.targetFile, m);
  }
  const memo = new Map<string, string>();
  const prefixOf = (ref: RouterRef, depth: number): string => {
    const at = key(ref);
    if (memo.has(at)) return memo.get(at)!;
    const mount = depth > 8 ? undefined : (byVar.get(at) ?? byFile.get(ref.file));
    const above = mount ? joinPath(prefixOf(mount, depth + 1), mount.prefix) : "";
    const mine = own(ref);
    const prefix = mine ? joinPath(above, mine) : above;
    memo.set(at, prefix);
    return prefix;
  };
  return declared.map((d) => ({ ...d.route, path: joinPath(prefixOf(d, 0), d.route.path) }));
}

/**
 * Where a receiver is defined: a router imported from another module (`import router from './router'`)
 * belongs to that module, and takes the prefix that module's router is mounted at.
 */
export function definedAt(ctx: DetectorContext, file: FileIndex, receiver: string): Readonly<RouterRef> {
  // Asked once per route of a file, for the same few receivers: remembered per context, file and receiver.
  let byFile = places.get(ctx);
  if (!byFile) places.set(ctx, (byFile = new WeakMap()));
  let byReceiver = byFile.get(file);
  if (!byReceiver) byFile.set(file, (byReceiver = new Map()));
  let ref = byReceiver.get(receiver);
  if (!ref) byReceiver.set(receiver, (ref = placeOf(ctx, file, receiver)));
  return ref;
}

const places = new WeakMap<DetectorContext, WeakMap<FileIndex, Map<string, RouterRef>>>();

function placeOf(ctx: DetectorContext, file: FileIndex, receiver: string): RouterRef {
  const imp = file.imports.find((i) => i.default === receiver || i.names.includes(receiver));
  const target = imp && resolveImport(ctx, file.rel, imp.module);
  if (!target) return { file: file.rel, receiver };
  const name = imp.default === receiver ? target.defaultExport : receiver;
  return { file: target.rel, receiver: name ?? receiver };
}

export function receiverOf(call: CallSite): string {
  return call.callee.slice(0, call.callee.lastIndexOf("."));
}
