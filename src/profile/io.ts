import path from "node:path";
import { parse, stringify } from "yaml";
import { GovopsError, formatZodIssues } from "../errors.js";
import { relativeInside } from "../fs/paths.js";
import { realFolder, writeInside } from "../fs/safe.js";
import { safeReadText } from "../scan/safe-read.js";
import { profileSchema, type Profile } from "./schema.js";

/** Profiles of the largest real services are a few hundred KiB. */
const MAX_PROFILE_BYTES = 16 * 1024 * 1024;

export { PROFILE_FILE as DEFAULT_PROFILE_PATH } from "../layout.js";

const HEADER = [
  "# Risk profile for this service: the single source govops renders the operations pack from.",
  "# Written by `govops analyse`; review it, and put your own decisions in govops.config.yaml.",
  "",
].join("\n");

export function profileToYaml(profile: Profile): string {
  return HEADER + stringify(profile, { lineWidth: 0, aliasDuplicateObjects: false });
}

/**
 * Writes the profile atomically. With `root` (the service) and a file inside it, no folder between them may be
 * a link, so a repository cannot send the write elsewhere; otherwise only the file itself is checked.
 */
export async function saveProfile(file: string, profile: Profile, root?: string): Promise<void> {
  const abs = path.resolve(file);
  const inRoot = root === undefined ? undefined : relativeInside(path.resolve(root), abs);
  const base = inRoot ? path.resolve(root!) : await realFolder(path.dirname(abs));
  await writeInside(base, inRoot ?? path.basename(abs), profileToYaml(profile));
}

/**
 * Loads and validates a profile; errors name the file and the field path. Only a regular file whose real
 * path is inside `root` is read (default: the profile's own folder; the repository or output folder
 * for `ops/profile.yaml`).
 */
export async function loadProfile(file: string, root = path.dirname(path.resolve(file))): Promise<Profile> {
  const read = safeReadText(file, { root, maxBytes: MAX_PROFILE_BYTES });
  if (!read.ok && read.missing)
    throw new GovopsError(
      "PROFILE_NOT_FOUND",
      `Profile not found: ${file}`,
      "Run `govops analyse` first, or pass --profile FILE.",
    );
  if (!read.ok)
    throw new GovopsError(
      "INVALID_PROFILE",
      `Cannot read profile ${file}: ${read.reason}`,
      "Make it a regular file inside the service folder, or re-run `govops analyse`.",
    );
  const text = read.text;
  let data: unknown;
  try {
    data = file.endsWith(".json") ? JSON.parse(text) : parse(text, { maxAliasCount: 100 });
  } catch (cause) {
    throw new GovopsError(
      "INVALID_PROFILE",
      `${file} is not valid YAML: ${(cause as Error).message.split("\n")[0]}`,
      undefined,
      { cause },
    );
  }
  const result = profileSchema.safeParse(data);
  if (!result.success) {
    const issues = formatZodIssues(result.error);
    throw new GovopsError(
      "INVALID_PROFILE",
      `Invalid profile ${file}: ${issues.slice(0, 5).join("; ")}${issues.length > 5 ? ` (+${issues.length - 5} more)` : ""}`,
      "Fix the fields named, or re-run `govops analyse`.",
    );
  }
  return result.data;
}
