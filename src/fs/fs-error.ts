import { GovopsError } from "../errors.js";

const CAUSES: Record<string, [reason: string, suggestion: string]> = {
  ENOSPC: ["no space left on the device", "Free some disk space and run again."],
  EDQUOT: ["the disk quota is exhausted", "Free some space in your quota and run again."],
  EFBIG: [
    "the file is larger than the system allows",
    "Raise the file size limit (`ulimit -f`) and run again.",
  ],
  EACCES: ["permission denied", "Check the folder's permissions, or write elsewhere with --out."],
  EPERM: ["the operation is not permitted", "Check the folder's permissions, or write elsewhere with --out."],
  EROFS: ["the file system is read-only", "Write elsewhere with --out."],
  EISDIR: ["a folder is in the way", "Move the folder away and run again."],
  ENOTDIR: ["part of the path is a file, not a folder", "Move that file away and run again."],
  EEXIST: ["something already exists at that path", "Move it away and run again."],
  ENAMETOOLONG: ["the path is too long", "Use a shorter path for --out or the repository."],
  ELOOP: ["the path has a loop of symbolic links", "Replace the links with real folders."],
  EMFILE: ["too many open files", "Raise the open file limit (`ulimit -n`) and run again."],
  ENFILE: ["too many open files on the system", "Close some programs and run again."],
  EIO: ["an input/output error", "Check the disk."],
  EBUSY: ["the file is busy", "Close whatever holds it and run again."],
};

/**
 * A failed file system call as a one-line GovopsError naming what govops was doing, the file and the cause.
 * Anything that is not an error from the operating system is a bug, and is passed on unchanged.
 */
export function fsError(cause: unknown, action: string, file: string): unknown {
  if (cause instanceof GovopsError) return cause;
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code !== "string" || !/^E[A-Z]+$/.test(code)) return cause;
  const [reason, suggestion] = CAUSES[code] ?? [
    String((cause as Error).message).split("\n")[0],
    "Check the disk and the folder, then run again.",
  ];
  return new GovopsError("WRITE_ERROR", `Cannot ${action} ${file}: ${reason} (${code})`, suggestion, {
    cause,
  });
}
