import { statSync } from "node:fs";
import { z } from "zod";
import { GovopsError } from "../errors.js";

/** The [dir] argument: an empty string is a mistake (an unset variable), never "the current directory". */
export function directoryArgument(dir: string): string {
  if (dir.trim() === "")
    throw new GovopsError(
      "USAGE",
      "The directory argument is empty",
      "Pass a path, or . for the current directory.",
    );
  return dir;
}

function isDirectory(file: string): boolean {
  try {
    return statSync(file, { throwIfNoEntry: false })?.isDirectory() === true;
  } catch {
    return false; // ENOTDIR and the like: the command's own read reports it
  }
}

/** An option naming a file: not empty, and not a directory that exists. */
export const fileOption = z
  .string()
  .min(1, "is empty: name a file")
  .refine((file) => !isDirectory(file), {
    error: (issue) => `${String(issue.input)} is a directory: name a file in it`,
  });
