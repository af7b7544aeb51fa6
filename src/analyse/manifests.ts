import path from "node:path";
import picomatch from "picomatch";
import { parse as parseYaml } from "yaml";
import type { Skipped } from "../scan/inventory.js";
import type { Manifest, PackageInfo, TextFile } from "./context.js";

interface PackageJson {
  name?: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  workspaces?: string[] | { packages?: string[] };
}

/** Reads every package.json, plus pnpm-workspace.yaml and lerna.json for workspace globs. */
export function readManifests(
  textFiles: TextFile[],
  skipped: Skipped[],
): { manifests: Manifest[]; packages: Map<string, PackageInfo> } {
  const manifests: Manifest[] = [];
  const packages = new Map<string, PackageInfo>();
  for (const file of textFiles) {
    if (path.posix.basename(file.rel) !== "package.json") continue;
    let json: PackageJson;
    try {
      json = JSON.parse(file.text) as PackageJson;
    } catch {
      skipped.push({ file: file.rel, reason: "package.json is not valid JSON" });
      continue;
    }
    const deps = new Set<string>();
    for (const group of [
      json.dependencies,
      json.devDependencies,
      json.peerDependencies,
      json.optionalDependencies,
    ]) {
      for (const [name, version] of Object.entries(group ?? {})) {
        deps.add(name);
        if (!packages.has(name)) packages.set(name, { name, version: String(version), file: file.rel });
      }
    }
    const workspaces = Array.isArray(json.workspaces) ? json.workspaces : (json.workspaces?.packages ?? []);
    const dir = path.posix.dirname(file.rel);
    manifests.push({
      file: file.rel,
      dir: dir === "." ? "" : dir,
      ...(typeof json.name === "string" ? { name: json.name } : {}),
      deps,
      workspaces: workspaces.filter((w): w is string => typeof w === "string"),
    });
  }
  const root = manifests.find((m) => m.dir === "");
  for (const [name, key] of [
    ["pnpm-workspace.yaml", "packages"],
    ["lerna.json", "packages"],
  ] as const) {
    const file = textFiles.find((f) => f.rel === name);
    if (!file) continue;
    try {
      const globs = (parseYaml(file.text) as Record<string, unknown> | null)?.[key];
      if (Array.isArray(globs) && root) root.workspaces.push(...globs.filter((g) => typeof g === "string"));
      else if (Array.isArray(globs))
        manifests.push({
          file: name,
          dir: "",
          deps: new Set(),
          workspaces: globs.filter((g) => typeof g === "string"),
        });
    } catch {
      skipped.push({ file: name, reason: `${name} could not be parsed` });
    }
  }
  manifests.sort((a, b) => a.dir.length - b.dir.length || a.dir.localeCompare(b.dir));
  return { manifests, packages };
}

/** The workspace packages the root declares: package.json folders matching its globs (negations honoured). */
export function workspacePackages(manifests: Manifest[]): Manifest[] {
  const root = manifests.find((m) => m.dir === "");
  if (!root || root.workspaces.length === 0) return [];
  const globs = (negated: boolean) =>
    root.workspaces
      .filter((g) => g.startsWith("!") === negated)
      .map((g) => folderGlob(negated ? g.slice(1) : g));
  const include = picomatch(globs(false));
  const exclude = picomatch(globs(true));
  return manifests.filter((m) => m.dir !== "" && include(m.dir) && !exclude(m.dir));
}

/** Workspace globs name folders: `./packages/x/` and `packages/x` are the same. */
function folderGlob(glob: string): string {
  return glob.replace(/^(\.\/)+/, "").replace(/\/+$/, "") || ".";
}
