import path from "node:path";
import type { TextFile } from "./context.js";

/** One tsconfig.json or jsconfig.json: the folder it governs, its baseUrl and its `paths` patterns. */
interface AliasConfig {
  dir: string;
  /** baseUrl relative to the repository root, when set. */
  baseUrl?: string;
  /** `"~/*": ["./*"]` → prefix "~/", targets ["<root-relative>/"] (a pattern without `*` matches exactly). */
  paths: Array<{ prefix: string; exact: boolean; targets: string[] }>;
}

const CONFIG = /(^|\/)(tsconfig|jsconfig)\.json$/;

/** tsconfig allows comments and trailing commas: strip them outside strings before JSON.parse. */
function parseJsonc(text: string): unknown {
  const bare = text.replace(
    /("(?:\\.|[^"\\])*")|\/\/[^\n]*|\/\*[\s\S]*?\*\//g,
    (m, str: string) => str ?? "",
  );
  return JSON.parse(bare.replace(/,(\s*[}\]])/g, "$1"));
}

interface Options {
  baseUrl?: string;
  paths?: unknown;
}

function readConfig(file: TextFile, byRel: Map<string, TextFile>, depth = 0): Options {
  let json: { extends?: unknown; compilerOptions?: { baseUrl?: unknown; paths?: unknown } };
  try {
    json = parseJsonc(file.text) as typeof json;
  } catch {
    return {};
  }
  const own: { baseUrl?: unknown; paths?: unknown } = json?.compilerOptions ?? {};
  const dir = path.posix.dirname(file.rel);
  // Only a local `extends` is followed: a package's base config says nothing about this repository's folders.
  const parentRel =
    typeof json?.extends === "string" && json.extends.startsWith(".")
      ? path.posix.normalize(
          path.posix.join(dir, json.extends.endsWith(".json") ? json.extends : `${json.extends}.json`),
        )
      : undefined;
  const parent = parentRel && depth < 3 ? byRel.get(parentRel) : undefined;
  const inherited = parent ? readConfig(parent, byRel, depth + 1) : {};
  const rebase = (value: unknown, from: string) =>
    typeof value === "string" ? path.posix.normalize(path.posix.join(from, value)) : undefined;
  const baseUrl = rebase(own.baseUrl, dir) ?? inherited.baseUrl;
  return { baseUrl, paths: own.paths ?? inherited.paths };
}

/** The alias configs of a repository, deepest folder first, so a file finds the nearest one. */
export function aliasConfigs(textFiles: readonly TextFile[]): AliasConfig[] {
  const byRel = new Map(textFiles.map((f) => [f.rel, f]));
  const out: AliasConfig[] = [];
  for (const file of textFiles) {
    if (!CONFIG.test(file.rel) || /(^|\/)node_modules\//.test(file.rel)) continue;
    const { baseUrl, paths } = readConfig(file, byRel);
    const dir = path.posix.dirname(file.rel);
    const root = baseUrl ?? dir;
    const patterns: AliasConfig["paths"] = [];
    if (paths && typeof paths === "object")
      for (const [key, targets] of Object.entries(paths as Record<string, unknown>)) {
        if (!Array.isArray(targets)) continue;
        const exact = !key.endsWith("*");
        patterns.push({
          prefix: exact ? key : key.slice(0, -1),
          exact,
          targets: targets
            .filter((t): t is string => typeof t === "string")
            .map((t) => path.posix.join(root, exact ? t : t.replace(/\*$/, ""))),
        });
      }
    if (patterns.length || baseUrl !== undefined)
      out.push({
        dir: dir === "." ? "" : dir,
        ...(baseUrl !== undefined ? { baseUrl } : {}),
        paths: patterns,
      });
  }
  return out.sort((a, b) => b.dir.length - a.dir.length);
}

/**
 * Where a non-relative import may live in the repository under the nearest config's `paths` and `baseUrl`
 * (`@/lib/x` → `src/lib/x`, `~/src/config` → `src/config`), root-relative and without extension.
 */
export function aliasCandidates(configs: readonly AliasConfig[], from: string, spec: string): string[] {
  const config = configs.find((c) => c.dir === "" || from.startsWith(`${c.dir}/`));
  if (!config) return [];
  const out: string[] = [];
  // The longest matching prefix wins, as in TypeScript.
  const matches = config.paths
    .filter((p) => (p.exact ? spec === p.prefix : spec.startsWith(p.prefix)))
    .sort((a, b) => b.prefix.length - a.prefix.length);
  for (const p of matches.slice(0, 1))
    for (const t of p.targets) out.push(p.exact ? t : path.posix.join(t, spec.slice(p.prefix.length)));
  if (config.baseUrl !== undefined) out.push(path.posix.join(config.baseUrl, spec));
  return out.map((c) => path.posix.normalize(c).replace(/^\.\//, ""));
}
