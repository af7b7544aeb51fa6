import path from "node:path";
import type { Evidence } from "./facts.js";
import type { CallSite, FileIndex, ImportInfo } from "../scan/source-index.js";

export interface TextFile {
  rel: string;
  text: string;
}

export interface PackageInfo {
  name: string;
  version: string;
  /** The package.json that declares it. */
  file: string;
}

/** What every detector sees: the parsed sources, other text files and declared packages. */
export interface DetectorContext {
  root: string;
  sources: FileIndex[];
  textFiles: TextFile[];
  /** Every file path in the inventory, relative to root. */
  paths: string[];
  packages: Map<string, PackageInfo>;
}

export interface ImportHit {
  file: FileIndex;
  imp: ImportInfo;
}

export function ev(file: string, line: number, snippet?: string): Evidence {
  return snippet ? { file, line, snippet: snippet.slice(0, 160) } : { file, line };
}

/** Files that import a module (exact name, or a subpath of it). */
export function importsOf(ctx: DetectorContext, modules: readonly string[]): ImportHit[] {
  const hits: ImportHit[] = [];
  for (const file of ctx.sources) {
    for (const imp of file.imports) {
      if (modules.some((m) => imp.module === m || imp.module.startsWith(`${m}/`))) hits.push({ file, imp });
    }
  }
  return hits;
}

/** The local names a file binds to a module's default, namespace or named imports. */
export function localNames(file: FileIndex, modules: readonly string[]): Set<string> {
  const names = new Set<string>();
  for (const imp of file.imports) {
    if (!modules.some((m) => imp.module === m || imp.module.startsWith(`${m}/`))) continue;
    if (imp.default) names.add(imp.default);
    if (imp.namespace) names.add(imp.namespace);
    for (const n of imp.names) names.add(n);
  }
  return names;
}

/** Calls whose callee's first segment is one of the given local names. */
export function callsOn(file: FileIndex, roots: Set<string>): CallSite[] {
  return file.calls.filter((c) => roots.has(c.callee.split(/[.(]/, 1)[0]!));
}

/** Whether a path is a test, fixture, example or build output: routes there are not the service's routes. */
export function isNonProductionPath(rel: string): boolean {
  return /(^|\/)(test|tests|__tests__|spec|fixtures?|__mocks__|e2e|cypress|playwright|stories|dist|build)(\/|$)|\.(test|spec|stories)\.[cm]?[jt]sx?$/.test(
    rel,
  );
}

/** Resolves a relative import from one source file to another indexed file. */
export function resolveImport(ctx: DetectorContext, from: string, spec: string): FileIndex | undefined {
  if (!spec.startsWith(".")) return undefined;
  const base = path.posix
    .normalize(path.posix.join(path.posix.dirname(from), spec))
    .replace(/\.[cm]?js$/, "");
  const candidates = ["", ".ts", ".tsx", ".js", ".mjs", ".cjs", "/index.ts", "/index.js"].map(
    (ext) => base + ext,
  );
  return ctx.sources.find((s) => candidates.includes(s.rel));
}
