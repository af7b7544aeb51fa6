import path from "node:path";
import { safeReadText } from "./safe-read.js";

import { MANIFEST_FILE, PROFILE_FILE } from "../layout.js";

/**
 * Files govops itself wrote into the repository: the profile, the manifest and every file it lists.
 * Analysis leaves them out, so analysing a service twice gives the same facts whether or not its pack exists.
 */
export function govopsOutputs(root: string): Set<string> {
  const outputs = new Set([PROFILE_FILE, MANIFEST_FILE]);
  const read = safeReadText(path.join(root, MANIFEST_FILE), { root });
  if (!read.ok) return outputs;
  try {
    const manifest = JSON.parse(read.text) as {
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
