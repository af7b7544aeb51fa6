import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readSync,
  realpathSync,
  type Stats,
} from "node:fs";
import path from "node:path";

export type SafeRead =
  | { ok: true; buffer: Buffer }
  /** `missing`: nothing there (or a dangling link), which most callers treat as "not given". */
  | { ok: false; missing: boolean; reason: string };

export interface SafeReadOptions {
  /** The folder the file belongs to: a path, or a symlink, resolving outside it is refused. */
  root: string;
  /** Larger files are refused. Default 4 MiB. */
  maxBytes?: number;
}

const DEFAULT_MAX = 4 * 1024 * 1024;
// O_NONBLOCK: opening a FIFO never waits for a writer; O_NOFOLLOW: a link swapped in after the checks is refused.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);
const NOFOLLOW = constants.O_NOFOLLOW ?? 0;

/** What a non-regular file is, for a skip reason people can act on. */
export function kindOf(info: Stats): string {
  if (info.isDirectory()) return "a directory";
  if (info.isFIFO()) return "a FIFO (named pipe)";
  if (info.isSocket()) return "a socket";
  if (info.isCharacterDevice() || info.isBlockDevice()) return "a device";
  if (info.isSymbolicLink()) return "a symlink";
  return "not a regular file";
}

export function isInside(root: string, target: string): boolean {
  const rel = path.relative(root, target);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}

/**
 * Reads a file govops did not write: only a regular file, no larger than the cap, whose real path stays inside
 * `root`. FIFOs, sockets and devices are refused before they are opened, so a read never waits.
 */
export function safeRead(file: string, options: SafeReadOptions): SafeRead {
  const abs = path.resolve(file);
  const link = lstatOrCode(abs);
  if (typeof link === "string")
    return refuse(link === "ENOENT" ? "not found" : `unreadable (${link})`, link === "ENOENT");
  let real: string;
  try {
    real = realpathSync(abs);
  } catch {
    return refuse("broken symlink", true);
  }
  const root = realOrSelf(options.root);
  if (!isInside(root, real)) return refuse(`resolves outside ${root} (to ${real})`);
  if (!link.isSymbolicLink() && !link.isFile()) return refuse(`${kindOf(link)}, not a regular file`);
  return readRegularFile(real, options.maxBytes);
}

/**
 * Opens without following a final symlink and without waiting on a FIFO, then reads only a regular file.
 * For paths already checked (the inventory walk lists only regular files inside the repository).
 */
export function readRegularFile(abs: string, maxBytes = DEFAULT_MAX): SafeRead {
  let fd: number;
  try {
    fd = openSync(abs, OPEN_FLAGS | NOFOLLOW);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "error";
    return code === "ELOOP"
      ? refuse("a symlink, not followed")
      : refuse(`unreadable (${code})`, code === "ENOENT");
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) return refuse(`${kindOf(info)}, not a regular file`);
    if (info.size > maxBytes) return refuse(`larger than ${Math.round(maxBytes / 1024)} KiB`);
    return readAll(fd, info.size, maxBytes);
  } catch (error) {
    return refuse(`unreadable (${(error as NodeJS.ErrnoException).code ?? "error"})`);
  } finally {
    closeSync(fd);
  }
}

function refuse(reason: string, missing = false): SafeRead {
  return { ok: false, missing, reason };
}

/** Reads to the end, or refuses when the file has grown past the cap since it was measured. */
function readAll(fd: number, size: number, max: number): SafeRead {
  const tooLarge: SafeRead = {
    ok: false,
    missing: false,
    reason: `larger than ${Math.round(max / 1024)} KiB`,
  };
  const first = Buffer.allocUnsafe(Math.min(size, max) + 1);
  let total = fill(fd, first);
  if (total < first.length) return { ok: true, buffer: first.subarray(0, total) };
  const chunks = [first];
  while (total <= max) {
    const chunk = Buffer.allocUnsafe(64 * 1024);
    const n = fill(fd, chunk);
    chunks.push(chunk.subarray(0, n));
    total += n;
    if (n < chunk.length) break;
  }
  return total > max ? tooLarge : { ok: true, buffer: Buffer.concat(chunks, total) };
}

function fill(fd: number, buffer: Buffer): number {
  let length = 0;
  while (length < buffer.length) {
    const n = readSync(fd, buffer, length, buffer.length - length, null);
    if (n === 0) break;
    length += n;
  }
  return length;
}

/** UTF-8 text (a byte-order mark dropped), or the reason it cannot be read. */
export function safeReadText(
  file: string,
  options: SafeReadOptions,
): { ok: true; text: string } | { ok: false; missing: boolean; reason: string } {
  const read = safeRead(file, options);
  if (!read.ok) return read;
  const b = read.buffer;
  const bom = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
  return { ok: true, text: b.toString("utf8", bom) };
}

function lstatOrCode(abs: string): Stats | string {
  try {
    return lstatSync(abs);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? "error";
  }
}

function realOrSelf(dir: string): string {
  try {
    return realpathSync(dir);
  } catch {
    return path.resolve(dir);
  }
}
