import { randomBytes } from "node:crypto";
import { constants, type Stats } from "node:fs";
import { lstat, mkdir, open, readdir, realpath, rename, rm, unlink } from "node:fs/promises";
import path from "node:path";
import { GovopsError } from "../errors.js";
import { fsError } from "./fs-error.js";
import { assertRelativeInside, relativeInside } from "./paths.js";

/** Files govops owns are small; anything larger is not one of them and is not read into memory. */
const MAX_READ_BYTES = 32 * 1024 * 1024;
const { O_CREAT, O_EXCL, O_NOFOLLOW, O_RDONLY, O_WRONLY } = constants;

function refuse(rel: string, what: string, suggestion: string): GovopsError {
  return new GovopsError("UNSAFE_PATH", `Refusing ${rel}: ${what}`, suggestion);
}

const LINK_HINT =
  "govops never writes or reads its files through links: replace the link with a real file or folder.";

async function lstatOrUndefined(abs: string, rel: string): Promise<Stats | undefined> {
  try {
    return await lstat(abs);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return undefined;
    throw fsError(cause, "inspect", rel);
  }
}

/** The real path of a folder govops writes into, created when missing: the user named it, so a link to it is fine. */
export async function realFolder(dir: string): Promise<string> {
  try {
    await mkdir(dir, { recursive: true });
    return await realpath(dir);
  } catch (cause) {
    throw fsError(cause, "create the folder", dir);
  }
}

/**
 * Walks `relDir` below `root` one segment at a time, refusing links and files in the way, and creates missing
 * folders when `create` is set. Returns the real folder, or undefined when it is missing and not created.
 */
async function folderInside(root: string, relDir: string, create: boolean): Promise<string | undefined> {
  let current = root;
  let rel = "";
  for (const part of relDir === "." ? [] : relDir.split("/")) {
    current = path.join(current, part);
    rel = rel ? `${rel}/${part}` : part;
    const info = await lstatOrUndefined(current, rel);
    if (info?.isSymbolicLink()) throw refuse(rel, "the folder is a symbolic link", LINK_HINT);
    if (info && !info.isDirectory())
      throw refuse(rel, "a file is where a folder should be", "Move that file away and run again.");
    if (info) continue;
    if (!create) return undefined;
    try {
      await mkdir(current);
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code !== "EEXIST") throw fsError(cause, "create the folder", rel);
      const raced = await lstat(current);
      if (!raced.isDirectory()) throw refuse(rel, "it changed to something other than a folder", LINK_HINT);
    }
  }
  const real = await realpath(current).catch((cause: unknown) => {
    throw fsError(cause, "resolve", rel || ".");
  });
  if (real !== root && relativeInside(root, real) === undefined)
    throw refuse(rel, "it resolves outside the folder", LINK_HINT);
  return real;
}

async function realRoot(root: string): Promise<string> {
  return realpath(root).catch((cause: unknown) => {
    throw fsError(cause, "open the folder", root);
  });
}

/** Whether a file govops is about to replace or delete may be: missing, or a regular file, never a link. */
function assertPlainFile(info: Stats | undefined, rel: string): void {
  if (!info) return;
  if (info.isSymbolicLink()) throw refuse(rel, "it is a symbolic link", LINK_HINT);
  if (info.isDirectory()) throw refuse(rel, "a folder is where a file should be", "Move the folder away.");
  if (!info.isFile())
    throw refuse(rel, "it is not a regular file", "Remove it (a pipe or device) and run again.");
}

/** The text of `rel` inside `root`, or undefined when it does not exist. Links and special files are refused. */
export async function readInside(root: string, rel: string): Promise<string | undefined> {
  assertRelativeInside(rel, root);
  if (!(await lstatOrUndefined(root, root))) return undefined;
  const base = await realRoot(root);
  const dir = await folderInside(base, path.posix.dirname(rel), false);
  if (!dir) return undefined;
  const abs = path.join(dir, path.posix.basename(rel));
  const info = await lstatOrUndefined(abs, rel);
  if (!info) return undefined;
  assertPlainFile(info, rel);
  if (info.size > MAX_READ_BYTES)
    throw refuse(rel, `it is larger than ${MAX_READ_BYTES / 1024 / 1024} MiB`, "Remove it and run again.");
  try {
    const handle = await open(abs, O_RDONLY | O_NOFOLLOW);
    try {
      return await handle.readFile("utf8");
    } finally {
      await handle.close();
    }
  } catch (cause) {
    throw fsError(cause, "read", rel);
  }
}

export interface WriteOptions {
  /** File mode for the new file. Default 0o644 (less the umask). */
  mode?: number;
}

/**
 * Writes `rel` inside `root` atomically: a temporary file in the same folder, then a rename over the target,
 * so a crash or a full disk leaves the old file or the new one, never half of one. Links are refused.
 */
export async function writeInside(
  root: string,
  rel: string,
  content: string,
  options: WriteOptions = {},
): Promise<void> {
  assertRelativeInside(rel, root);
  const base = await realRoot(root);
  const dir = (await folderInside(base, path.posix.dirname(rel), true))!;
  const abs = path.join(dir, path.posix.basename(rel));
  assertPlainFile(await lstatOrUndefined(abs, rel), rel);
  const temp = path.join(dir, `.govops-${process.pid}-${randomBytes(6).toString("hex")}.tmp`);
  try {
    const handle = await open(temp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, options.mode ?? 0o644);
    try {
      await handle.writeFile(content);
    } finally {
      await handle.close();
    }
    await rename(temp, abs);
  } catch (cause) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw fsError(cause, "write", rel);
  }
}

/** Deletes `rel` inside `root` when it is there; links and folders are refused, never followed. */
export async function removeInside(root: string, rel: string): Promise<void> {
  assertRelativeInside(rel, root);
  const base = await realRoot(root);
  const dir = await folderInside(base, path.posix.dirname(rel), false);
  if (!dir) return;
  const abs = path.join(dir, path.posix.basename(rel));
  const info = await lstatOrUndefined(abs, rel);
  if (!info) return;
  assertPlainFile(info, rel);
  await unlink(abs).catch((cause: unknown) => {
    if ((cause as NodeJS.ErrnoException).code !== "ENOENT") throw fsError(cause, "delete", rel);
  });
}

/** Creates `rel` inside `root` only if nothing is there (O_EXCL): false when something already is. */
export async function createExclusive(root: string, rel: string, content: string): Promise<boolean> {
  assertRelativeInside(rel, root);
  const base = await realRoot(root);
  const dir = (await folderInside(base, path.posix.dirname(rel), true))!;
  const abs = path.join(dir, path.posix.basename(rel));
  try {
    const handle = await open(abs, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0o644);
    try {
      await handle.writeFile(content);
    } finally {
      await handle.close();
    }
    return true;
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw fsError(cause, "create", rel);
  }
}

/** The real path of folder `rel` inside `root` when it is there; undefined when missing; links refused. */
export async function repoFolder(root: string, rel: string): Promise<string | undefined> {
  assertRelativeInside(rel, root);
  if (!(await lstatOrUndefined(root, root))) return undefined;
  return folderInside(await realRoot(root), rel, false);
}

const TEMPORARY = /^\.govops-\d+-[0-9a-f]{12}\.tmp$/;

/**
 * Removes temporary files a stopped run left in the folders `relDirs` (missing ones are skipped). Call it only
 * while holding the folder's lock: then no other run can be writing them.
 */
export async function sweepTemporaries(root: string, relDirs: Iterable<string>): Promise<number> {
  const base = await realRoot(root);
  let removed = 0;
  for (const relDir of new Set(relDirs)) {
    const dir = await folderInside(base, relDir, false);
    if (!dir) continue;
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (!entry.isFile() || !TEMPORARY.test(entry.name)) continue;
      await unlink(path.join(dir, entry.name)).catch(() => undefined);
      removed++;
    }
  }
  return removed;
}
