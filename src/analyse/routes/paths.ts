import type { CallSite, FileIndex } from "../../scan/source-index.js";
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

/** A router (or plugin) mounted under a prefix: `app.use('/x', router)`, `register(plugin, {prefix})`. */
export interface Mount {
  inFile: string;
  receiver: string;
  prefix: string;
  /** The file that defines the mounted router, when it was imported. */
  targetFile?: string;
  /** The local variable mounted, when it was defined in the same file. */
  targetVar?: string;
  /** The file that defines targetVar: not inFile when the mount is made on an imported router. */
  targetIn?: string;
}

/** Finds where a mounted identifier or factory call comes from: this file's variable or an imported file. */
export function mountTarget(
  ctx: DetectorContext,
  file: FileIndex,
  name: string,
): Pick<Mount, "targetFile" | "targetVar" | "targetIn"> {
  const root = name.replace(/\(\)$/, "").split(".")[0]!;
  const imp = file.imports.find((i) => i.default === root || i.names.includes(root) || i.namespace === root);
  if (imp) return { targetFile: resolveImport(ctx, file.rel, imp.module)?.rel };
  return { targetVar: root, targetIn: file.rel };
}

/** The full prefix for routes declared on `receiver` in `file`, following mounts up to the app. */
export function prefixFor(mounts: Mount[], file: string, receiver: string): string {
  return prefixResolver(mounts)(file, receiver);
}

/**
 * Resolves prefixes for many routes: mounts are indexed once and each answer is remembered. `own` gives a
 * router's own prefix (Koa's `new Router({ prefix })`), which applies under whatever it is mounted on.
 */
export function prefixResolver(
  mounts: Mount[],
  own: (file: string, receiver: string) => string = () => "",
): (file: string, receiver: string) => string {
  const byVar = new Map<string, Mount>();
  const byFile = new Map<string, Mount>();
  for (const m of mounts) {
    const local = m.targetVar && `${m.targetIn ?? m.inFile}#${m.targetVar}`;
    if (local && !byVar.has(local)) byVar.set(local, m);
    if (m.targetFile && !byFile.has(m.targetFile)) byFile.set(m.targetFile, m);
  }
  const memo = new Map<string, string>();
  const resolve = (file: string, receiver: string, depth: number): string => {
    const key = `${file}#${receiver}`;
    if (memo.has(key)) return memo.get(key)!;
    const mount = depth > 8 ? undefined : (byVar.get(key) ?? byFile.get(file));
    const above = mount ? joinPath(resolve(mount.inFile, mount.receiver, depth + 1), mount.prefix) : "";
    const mine = own(file, receiver);
    const prefix = mine ? joinPath(above, mine) : above;
    memo.set(key, prefix);
    return prefix;
  };
  return (file, receiver) => resolve(file, receiver, 0);
}

/**
 * Where a receiver is defined: a router imported from another module (`import router from './router'`)
 * belongs to that module, and takes the prefix that module's router is mounted at.
 */
export function definedAt(
  ctx: DetectorContext,
  file: FileIndex,
  receiver: string,
): { file: string; receiver: string } {
  const imp = file.imports.find((i) => i.default === receiver || i.names.includes(receiver));
  const target = imp && resolveImport(ctx, file.rel, imp.module);
  if (!target) return { file: file.rel, receiver };
  const name = imp.default === receiver ? target.defaultExport : receiver;
  return { file: target.rel, receiver: name ?? receiver };
}

/** The router a mount is made on, as a mount's `inFile` and `receiver`. */
export function mountedOn(
  ctx: DetectorContext,
  file: FileIndex,
  receiver: string,
): Pick<Mount, "inFile" | "receiver"> {
  const at = definedAt(ctx, file, receiver);
  return { inFile: at.file, receiver: at.receiver };
}

export function receiverOf(call: CallSite): string {
  return call.callee.slice(0, call.callee.lastIndexOf("."));
}
