import { lstatSync, statSync, type Stats } from "node:fs";
import { readdir, realpath, stat } from "node:fs/promises";
import path from "node:path";
import { GovopsError } from "../errors.js";
import { loadIgnore } from "./ignore.js";

export interface InventoryFile {
  /** Path relative to the scanned root, with forward slashes. */
  rel: string;
  abs: string;
  size: number;
}

export interface Skipped {
  file: string;
  reason: string;
}

export interface Inventory {
  root: string;
  files: InventoryFile[];
  skipped: Skipped[];
}

export interface InventoryOptions {
  /** Source and text files larger than this are not read, and are listed as skipped. Default 1 MiB. */
  maxFileBytes?: number;
  /** Stop after this many files; the rest are reported as skipped. Default 200 000. */
  maxFiles?: number;
}

const ALWAYS_IGNORED = new Set([
  ".git",
  "node_modules",
  "dist",
  "build",
  "out",
  "coverage",
  ".next",
  ".nuxt",
  ".turbo",
  ".cache",
  "vendor",
  ".govops",
]);

export async function assertDirectory(dir: string): Promise<string> {
  const abs = path.resolve(dir);
  const info = await stat(abs).catch(() => undefined);
  if (!info)
    throw new GovopsError("DIR_NOT_FOUND", `Directory not found: ${dir}`, "Check the path you passed.");
  if (!info.isDirectory()) {
    throw new GovopsError("NOT_A_DIRECTORY", `Not a directory: ${dir}`, "Pass the service's root folder.");
  }
  return abs;
}

/** Lists the repository's files, ignoring build output, dependencies and .gitignore'd paths. */
export async function scanInventory(dir: string, options: InventoryOptions = {}): Promise<Inventory> {
  const root = await assertDirectory(dir);
  const maxFiles = options.maxFiles ?? 200_000;
  const files: InventoryFile[] = [];
  const skipped: Skipped[] = [];
  const seenDirs = new Set<string>();
  let overLimit = 0;
  const isIgnored = await loadIgnore(root);

  async function walk(absDir: string, relDir: string): Promise<void> {
    const real = await realpath(absDir).catch(() => undefined);
    if (!real) return void skipped.push({ file: relDir || ".", reason: "unreadable directory" });
    if (seenDirs.has(real))
      return void skipped.push({ file: relDir, reason: "symlink loop or repeated directory" });
    seenDirs.add(real);
    const entries = await readdir(absDir, { withFileTypes: true }).catch(() => undefined);
    if (!entries) return void skipped.push({ file: relDir || ".", reason: "unreadable directory" });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const rel = relDir ? `${relDir}/${entry.name}` : entry.name;
      const abs = path.join(absDir, entry.name);
      if (ALWAYS_IGNORED.has(entry.name) || isIgnored(rel, entry.isDirectory())) continue;
      // Synchronous like the reads: thousands of small stats are several times faster without a thread-pool trip each.
      const info = entry.isSymbolicLink() ? statOrUndefined(abs) : lstatSync(abs);
      if (!info) {
        skipped.push({ file: rel, reason: "broken symlink" });
        continue;
      }
      if (info.isDirectory()) {
        await walk(abs, rel);
        continue;
      }
      if (!info.isFile()) continue;
      if (files.length >= maxFiles) {
        overLimit++;
        continue;
      }
      files.push({ rel, abs, size: info.size });
    }
  }

  await walk(root, "");
  if (overLimit > 0)
    skipped.push({
      file: ".",
      reason: `${overLimit} more file(s) not scanned: limit of ${maxFiles} files reached`,
    });
  return { root, files, skipped };
}

/** A symlink's target, or undefined when the link is broken. */
function statOrUndefined(abs: string): Stats | undefined {
  try {
    return statSync(abs);
  } catch {
    return undefined;
  }
}
