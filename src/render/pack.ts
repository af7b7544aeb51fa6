import type { CiPlatform } from "../schemas.js";
import type { Profile } from "../profile/schema.js";

export type FileFormat = "yaml" | "markdown" | "json" | "shell" | "text" | "javascript";

/** one file a pack wants written. */
export interface OutputFile {
  /** Path relative to the output directory, forward slashes. */
  path: string;
  template: string;
  context: object;
  format: FileFormat;
  /**
   * owned: govops regenerates it and refuses to overwrite human edits without --force.
   * starter: written once for people to edit, then left alone.
   */
  kind: "owned" | "starter";
}

export interface RenderOptions {
  /** CI platform to generate pipelines for. Default: the profile's `service.ciPlatform`. */
  ciPlatform?: CiPlatform;
}

/** An output pack: a group of related artefacts (delivery, monitoring, incident …), rendered from the profile. */
export interface Pack {
  id: string;
  title: string;
  outputs(profile: Profile, options: RenderOptions): OutputFile[];
}

/** A Markdown file of a pack: owned unless it is a starter for people to edit. */
export function markdownFile(
  path: string,
  template: string,
  context: object,
  kind: OutputFile["kind"] = "owned",
): OutputFile {
  return { path, template, context, format: "markdown", kind };
}
