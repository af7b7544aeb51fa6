import { readFileSync } from "node:fs";
import path from "node:path";

import { MANIFEST_FILE, PROFILE_FILE } from "../layout.js";

/**
 * Files govops itself wrote into the repository: the profile, the manifest and every file it lists.
 * Analysis leaves them out, so analysing a service twice gives the same facts whether or not its pack exists.
 */
export function govopsOutputs(root: string): Set<string> {
  const outputs = new Set([PROFILE_FILE, MANIFEST_FILE]);
  try {
    const manifest = JSON.parse(readFileSync(path.join(root, MANIFEST_FILE), "utf8")) as {
      generator?: string;
      files?: Array<{ path?: unknown }>;
    };
    if (manifest.generator === "govops") {
      for (const f of manifest.files ?? []) if (typeof f.path === "string") outputs.add(f.path);
    }
  } catch {
    // No manifest, or not ours: nothing more to leave out.
  }
  return outputs;
}
