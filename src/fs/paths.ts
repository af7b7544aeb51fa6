import path from "node:path";
import { GovopsError } from "../errors.js";

/** Why `rel` cannot name a file inside a folder, or undefined when it can: relative, forward slashes, no `..`. */
export function unsafeReason(rel: string): string | undefined {
  if (rel === "") return "it is empty";
  // Control characters would reach the terminal in messages; a backslash is a separator on Windows.
  if ([...rel].some((c) => c < " " || c === "\u007f" || c === "\\"))
    return "it contains a control character or a backslash";
  if (path.posix.isAbsolute(rel) || /^[A-Za-z]:/.test(rel)) return "it is absolute";
  const parts = rel.split("/");
  if (parts.includes("..")) return "it leaves the folder (..)";
  if (parts.some((p) => p === "" || p === ".")) return "it is not a plain relative path";
  return undefined;
}

/** Throws UNSAFE_PATH unless `rel` stays inside the folder it is relative to. */
export function assertRelativeInside(rel: string, where: string): void {
  const reason = unsafeReason(rel);
  if (reason)
    throw new GovopsError(
      "UNSAFE_PATH",
      `Refusing the path ${JSON.stringify(rel)} in ${where}: ${reason}`,
      "govops only writes and deletes files inside the output folder; remove the entry.",
    );
}

/** `abs` relative to `base` with forward slashes, or undefined when it is not inside `base`. */
export function relativeInside(base: string, abs: string): string | undefined {
  const rel = path.relative(base, abs);
  if (rel === "" || rel.startsWith("..") || path.isAbsolute(rel)) return undefined;
  return rel.split(path.sep).join("/");
}
