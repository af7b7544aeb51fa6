import { statSync } from "node:fs";
import path from "node:path";
import { CONFIG_FILES } from "../profile/config.js";

/** undefined for a path that is not there, or not reachable (ENOTDIR, EACCES): the walk moves on. */
function stat(file: string) {
  try {
    return statSync(file, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}
const exists = (file: string) => stat(file) !== undefined;
const isFile = (file: string) => stat(file)?.isFile() === true;

/**
 * govops.config.yaml (or .yml) for a directory: in it, or in the nearest folder above it, so a service in
 * a monorepo can share the repository's config. The walk stops at the repository root (the first folder
 * holding `.git`, a directory or a worktree's file) and never looks above it; outside a repository it
 * goes up to the filesystem root. `--config FILE` skips the walk.
 */
export function locateConfig(dir: string, explicit?: string): string | undefined {
  if (explicit) return explicit;
  for (let at = path.resolve(dir); ; at = path.dirname(at)) {
    for (const name of CONFIG_FILES) if (isFile(path.join(at, name))) return path.join(at, name);
    if (exists(path.join(at, ".git")) || path.dirname(at) === at) return undefined;
  }
}
