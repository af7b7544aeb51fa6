import { readFile } from "node:fs/promises";
import path from "node:path";
import { parse, stringify } from "yaml";
import { GovopsError, formatZodIssues } from "../errors.js";
import { relativeInside } from "../fs/paths.js";
import { realFolder, writeInside } from "../fs/safe.js";
import { profileSchema, type Profile } from "./schema.js";

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

/** Loads and validates a profile; errors name the file and the field path. */
export async function loadProfile(file: string): Promise<Profile> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (cause) {
    throw new GovopsError(
      "PROFILE_NOT_FOUND",
      `Profile not found: ${file}`,
      "Run `govops analyse` first, or pass --profile FILE.",
      { cause },
    );
  }
  let data: unknown;
  try {
    data = file.endsWith(".json") ? JSON.parse(text) : parse(text);
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
