import path from "node:path";
import { aliasCandidates, aliasConfigs } from "./aliases.js";
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

/** One package.json: the folder it describes and what it declares. */
export interface Manifest {
  file: string;
  /** The folder, relative to root: "" for the root package. */
  dir: string;
  name?: string;
  deps: Set<string>;
  /** Workspace globs it declares (package.json workspaces, pnpm-workspace.yaml, lerna.json). */
  workspaces: string[];
}

/** What every detector sees: the parsed sources, other text files and declared packages. */
export interface DetectorContext {
  root: string;
  sources: FileIndex[];
  textFiles: TextFile[];
  /** Every file path in the inventory, relative to root. */
  paths: string[];
  packages: Map<string, PackageInfo>;
  /** Every package.json, root first. */
  manifests: Manifest[];
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
      if (imp.typeOnly) continue;
      if (modules.some((m) => imp.module === m || imp.module.startsWith(`${m}/`))) hits.push({ file, imp });
    }
  }
  return hits;
}

/**
 * An answer that depends on one file alone, computed once per file: the top-level run and each workspace
 * package's run share the FileIndex objects, so a monorepo asks every question twice. The answer is shared:
 * callers do not change it.
 */
export function perFile<T>(compute: (file: FileIndex) => T): (file: FileIndex) => T {
  const answers = new WeakMap<FileIndex, T>();
  return (file) => {
    if (answers.has(file)) return answers.get(file) as T;
    const answer = compute(file);
    answers.set(file, answer);
    return answer;
  };
}

/**
 * An answer that depends on one file and one question (a module list, a set of names, a pattern), computed once
 * per pair. The question is remembered by identity: callers pass constants or answers themselves remembered.
 */
function perFileAnd<K, T>(compute: (file: FileIndex, key: K) => T): (file: FileIndex, key: K) => T {
  const answers = new WeakMap<FileIndex, Map<K, T>>();
  return (file, key) => {
    let byKey = answers.get(file);
    if (!byKey) answers.set(file, (byKey = new Map()));
    if (byKey.has(key)) return byKey.get(key) as T;
    const answer = compute(file, key);
    byKey.set(key, answer);
    return answer;
  };
}

/**
 * An answer that depends on a path alone (every detector asks about every file, in each package's run too),
 * remembered within bounds for long-lived processes.
 */
export function perPath<T>(compute: (rel: string) => T): (rel: string) => T {
  const answers = new Map<string, T>();
  return (rel) => {
    if (answers.has(rel)) return answers.get(rel) as T;
    if (answers.size > 100_000) answers.clear();
    const answer = compute(rel);
    answers.set(rel, answer);
    return answer;
  };
}

const boundNames = perFileAnd((file, key: string | readonly string[]) =>
  bindNames(file, typeof key === "string" ? [key] : key),
);

/**
 * The local names a file binds to a module's default, namespace or named imports. Remembered per file and
 * module list (every detector asks, in the top-level run and again in each workspace package's run): the
 * set returned is shared, so callers copy it before adding to it. A list of several modules is remembered by
 * the list itself: pass a constant.
 */
export function localNames(file: FileIndex, modules: readonly string[]): ReadonlySet<string> {
  return boundNames(file, modules.length === 1 ? modules[0]! : modules);
}

function bindNames(file: FileIndex, modules: readonly string[]): Set<string> {
  const names = new Set<string>();
  for (const imp of file.imports) {
    if (imp.typeOnly || !modules.some((m) => imp.module === m || imp.module.startsWith(`${m}/`))) continue;
    if (imp.default) names.add(imp.default);
    if (imp.namespace) names.add(imp.namespace);
    for (const n of imp.names) names.add(n);
  }
  for (const d of file.destructures) if (names.has(d.from)) for (const n of d.names) names.add(n);
  return names;
}

/**
 * Calls whose callee's first segment is one of the given local names. Remembered per file and set of names
 * (the sets localNames returns are themselves remembered): the list returned is shared, so callers do not
 * change it.
 */
export const callsOn: (file: FileIndex, roots: ReadonlySet<string>) => readonly CallSite[] =
  perFileAnd(collectCalls);

function collectCalls(file: FileIndex, roots: ReadonlySet<string>): CallSite[] {
  if (roots.size === 0) return [];
  const byRoot = callsByRoot(file);
  const lists = [...roots].flatMap((r) => byRoot.get(r) ?? []);
  return roots.size > 1 ? lists.sort((a, b) => a.line - b.line) : lists;
}

/** Where a file's calls of each last name (`get` in `app.get()`) sit in its call list, built on first use. */
const callIndexByName = perFile((file): Map<string, number[]> => {
  const index = new Map<string, number[]>();
  const calls = file.calls;
  for (let i = 0; i < calls.length; i++) {
    const list = index.get(calls[i]!.name);
    if (list) list.push(i);
    else index.set(calls[i]!.name, [i]);
  }
  return index;
});

const NO_CALLS: readonly CallSite[] = Object.freeze([]);

/**
 * A file's calls whose last name (`get` in `app.get()`, `fetch` in `fetch()`) is one of the names, in source
 * order: what a scan of every call filtered by name would give, from an index built once per file. Remembered
 * per file and list (pass a constant list of distinct names); the list returned is shared, so callers do not
 * change it.
 */
export const callsNamed: (file: FileIndex, names: readonly string[]) => readonly CallSite[] =
  perFileAnd(pick);

/**
 * A file's calls whose last name the pattern accepts, in source order: the pattern is tried once per distinct
 * name, not once per call. Remembered per file and pattern (pass a constant pattern, without the g flag).
 */
export const callsMatching: (file: FileIndex, pattern: RegExp) => readonly CallSite[] = perFileAnd(
  (file, pattern: RegExp) =>
    pick(
      file,
      [...callIndexByName(file).keys()].filter((n) => pattern.test(n)),
    ),
);

function pick(file: FileIndex, names: readonly string[]): readonly CallSite[] {
  const index = callIndexByName(file);
  let at: number[] | undefined;
  let lists = 0;
  for (const n of names) {
    const list = index.get(n);
    if (!list) continue;
    at = lists++ === 0 ? list : at!.concat(list);
  }
  if (!at) return NO_CALLS;
  if (lists > 1) at.sort((a, b) => a - b);
  return at.map((i) => file.calls[i]!);
}

/** A file's calls grouped by the first name of their callee, built on first use. */
export const callsByRoot = perFile((file): Map<string, CallSite[]> => {
  const index = new Map<string, CallSite[]>();
  for (const call of file.calls) {
    const list = index.get(call.root);
    if (list) list.push(call);
    else index.set(call.root, [call]);
  }
  return index;
});

/**
 * Whether a path is not the running service: tests and mocks (`integration_tests/`, `mockApis/`, wiremock,
 * `*.test.*`), vendored caches (`.yarn/`, `.pnp.*`), Helm chart folders, translations, documentation, tool
 * configs (lint, audit, test runners, bundlers) and build output. No code fact comes from these; deploy and CI
 * detectors still read deploy files where they live.
 */
export const isNonProductionPath: (rel: string) => boolean = perPath((rel) =>
  NON_PRODUCTION.some((re) => re.test(rel)),
);

/** Whether a path is a test, mock or fixture (a narrower rule than isNonProductionPath, for deploy files). */
export function isTestPath(rel: string): boolean {
  return NON_PRODUCTION[0]!.test(rel) || NON_PRODUCTION[1]!.test(rel) || NON_PRODUCTION[2]!.test(rel);
}

const NON_PRODUCTION = [
  // Tests, fixtures, mocks and stubs of other services.
  /(^|\/)(test|tests|testing|__tests__|spec|specs|fixtures?|__fixtures__|__mocks__|fakes?|stubs?|e2e|cypress|playwright|stories|dist|build|(integration|acceptance|functional|smoke|performance|load|a11y|accessibility)[-_]?tests?|acceptance|wiremock|test-?utils|test-?helpers|testdata|test-data)(\/|$)/i,
  // Folders named for mocks: mock, mocks, mock-server, mockApis, mock-date (a fake clock mounted outside production).
  /(^|\/)([Mm]ocks?|[Mm]ocked|[Mm]ock-?(servers?|apis?)|[Mm]ock[-_.][\w.-]+|[Mm]ock[A-Z]\w*|MOCKS?)(\/|$)/,
  /\.(test|spec|stories|mock|mocks|fixture|e2e|cy)\.[cm]?[jt]sx?$|(^|\/)test-?(utils|helpers|setup)\.[cm]?[jt]sx?$/i,
  // Vendored package caches and Plug'n'Play loaders.
  /(^|\/)(\.yarn|\.pnp\.[cm]?js|\.pnp\.loader\.mjs|vendor|third[-_]party|bower_components)(\/|$)/,
  /\.min\.[cm]?js$/,
  // Helm chart folders (deploy-ci still reads them), translations, documentation, CI helper scripts.
  /^(charts?|docs?|documentation)\//,
  /(^|\/)(helm|helm[-_]deploy|helm[-_]charts?|locales?|translations?|i18n|l10n|ci-scripts|\.github|\.circleci|\.husky|\.azuredevops|\.teamcity|\.drone)(\/|$)/,
  // Tool configs: lint, format, audit, test runners, bundlers, commit hooks.
  /(^|\/)(\.?eslintrc[\w.]*|eslint\.config\.[\w.]+|\.?prettierrc[\w.]*|prettier\.config\.[\w.]+|\.?stylelintrc[\w.]*|stylelint\.config\.[\w.]+|audit-?ci\.jsonc?|\.nsprc|\.?(jest|vitest|vite|playwright|cypress|babel|webpack|rollup|esbuild|postcss|tailwind|commitlint|lint-staged|knip|nyc|c8|karma|mocha|wdio|gulpfile|gruntfile|sonar-project)(\.config)?(\.[\w-]+)*\.[cm]?[jt]sx?|\.mocharc[\w.]*|\.lintstagedrc[\w.]*|\.c8rc[\w.]*|\.nycrc[\w.]*)$/i,
];

/**
 * Whether a source file runs only in the browser: scripts under public/, static/ or assets/, a top-level
 * client/ bundle, or a `'use client'` React component. Such code never reaches a datastore or holds a secret,
 * so no server fact comes from it (routes still do: a Next.js page may be a client component).
 */
export function isBrowserCode(file: Pick<FileIndex, "rel" | "useClient">): boolean {
  return Boolean(file.useClient) || BROWSER.test(file.rel);
}

const BROWSER =
  /(^|\/)(public|static|assets|wwwroot)\/|^(client|frontend|web-?client)\/|(^|\/)(javascripts|client-?side)\//;

const serverOnly = new WeakMap<DetectorContext, FileIndex[]>();

/**
 * The service's own server-side sources: not tests, mocks, vendored, tool or browser code. Decided once per
 * analysis, so every fact detector applies the same rule.
 */
export function productionSources(ctx: DetectorContext): FileIndex[] {
  let list = serverOnly.get(ctx);
  if (!list) {
    list = ctx.sources.filter((f) => !isNonProductionPath(f.rel) && !isBrowserCode(f));
    serverOnly.set(ctx, list);
  }
  return list;
}

const productionSet = new WeakMap<DetectorContext, Set<string>>();

/** Whether a source path is among the production sources (see productionSources). */
export function isProductionSource(ctx: DetectorContext, rel: string): boolean {
  let set = productionSet.get(ctx);
  if (!set) productionSet.set(ctx, (set = new Set(productionSources(ctx).map((f) => f.rel))));
  return set.has(rel);
}

const nearest = new WeakMap<DetectorContext, Map<string, Manifest | undefined>>();

/** The nearest package.json above a file (remembered per folder: detectors ask for every file). */
export function manifestFor(ctx: DetectorContext, rel: string): Manifest | undefined {
  const dir = path.posix.dirname(rel);
  let byDir = nearest.get(ctx);
  if (!byDir) nearest.set(ctx, (byDir = new Map()));
  if (byDir.has(dir)) return byDir.get(dir);
  let best: Manifest | undefined;
  for (const m of ctx.manifests) {
    if ((m.dir === "" || rel.startsWith(`${m.dir}/`)) && (!best || m.dir.length > best.dir.length)) best = m;
  }
  byDir.set(dir, best);
  return best;
}

/** Whether the file's own package or the root package declares a dependency (hoisted in workspaces). */
export function declares(ctx: DetectorContext, rel: string, pkg: string): boolean {
  return Boolean(
    manifestFor(ctx, rel)?.deps.has(pkg) || ctx.manifests.find((m) => m.dir === "")?.deps.has(pkg),
  );
}

const resolvers = new WeakMap<DetectorContext, (from: string, spec: string) => FileIndex | undefined>();

/**
 * Resolves an import from one source file to another indexed file: relative specifiers, and aliases from the
 * nearest tsconfig.json or jsconfig.json `paths` and `baseUrl` (memoised per folder and specifier).
 */
export function resolveImport(ctx: DetectorContext, from: string, spec: string): FileIndex | undefined {
  let resolve = resolvers.get(ctx);
  if (!resolve) resolvers.set(ctx, (resolve = resolver(ctx)));
  return resolve(from, spec);
}

const EXTENSIONS = [
  "",
  ".ts",
  ".tsx",
  ".js",
  ".jsx",
  ".mjs",
  ".cjs",
  ".mts",
  ".cts",
  "/index.ts",
  "/index.tsx",
  "/index.js",
  "/index.jsx",
  "/index.mjs",
];

function resolver(ctx: DetectorContext): (from: string, spec: string) => FileIndex | undefined {
  const aliases = aliasConfigs(ctx.textFiles);
  // Answers per folder and specifier, reached through the importing file's path (no key to build per lookup).
  const byFolder = new Map<string, Map<string, FileIndex | undefined>>();
  const byFile = new Map<string, { dir: string; memo: Map<string, FileIndex | undefined> }>();
  // Each indexed file under every path it answers to (`a/x.ts` as `a/x.ts`, `a/x`; `a/index.ts` also as `a`),
  // with the rank of the extension that reaches it: the first extension in EXTENSIONS wins, as a search would.
  const byBase = new Map<string, { file: FileIndex; rank: number }>();
  for (const s of ctx.sources) {
    for (let rank = 0; rank < EXTENSIONS.length; rank++) {
      const ext = EXTENSIONS[rank]!;
      if (!s.rel.endsWith(ext)) continue;
      const base = s.rel.slice(0, s.rel.length - ext.length);
      const known = byBase.get(base);
      // At one rank both have the same path: the later wins, as in a Map by path.
      if (!known || rank <= known.rank) byBase.set(base, { file: s, rank });
    }
  }
  // The first extension that names an indexed file, with `.js` in the specifier read as its TypeScript source:
  // at each extension the stem (`x` for `x.js`) is tried before the path as written.
  const find = (base: string) => {
    const stem = base.replace(/\.[cm]?jsx?$/, "");
    const viaStem = byBase.get(stem);
    if (stem === base) return viaStem?.file;
    const asWritten = byBase.get(base);
    if (!viaStem) return asWritten?.file;
    return !asWritten || viaStem.rank <= asWritten.rank ? viaStem.file : asWritten.file;
  };
  return (from, spec) => {
    const relative = spec.startsWith(".");
    // A package import can only be a repository file when some config declares aliases.
    if (!relative && (aliases.length === 0 || spec.startsWith("node:"))) return undefined;
    let folder = byFile.get(from);
    if (!folder) {
      const dir = path.posix.dirname(from);
      let memo = byFolder.get(dir);
      if (!memo) byFolder.set(dir, (memo = new Map()));
      byFile.set(from, (folder = { dir, memo }));
    }
    const { dir, memo } = folder;
    if (memo.has(spec)) return memo.get(spec);
    const found = relative
      ? find(path.posix.normalize(path.posix.join(dir, spec)))
      : aliasCandidates(aliases, from, spec).map(find).find(Boolean);
    memo.set(spec, found);
    return found;
  };
}
