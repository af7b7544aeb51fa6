import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";

import { MANIFEST_FILE } from "../layout.js";

export const MANIFEST_PATH = MANIFEST_FILE;

export const manifestSchema = z
  .object({
    generator: z.literal("govops"),
    version: z.string(),
    /** sha256 of the profile the pack was rendered from. */
    profileSha256: z.string(),
    /** The recorded AI answers the profile carries items from: present only when it has any. */
    ai: z
      .array(z.object({ model: z.string(), requestHash: z.string(), answerHash: z.string() }).strict())
      .optional(),
    files: z.array(
      z
        .object({
          path: z.string(),
          kind: z.enum(["owned", "starter"]),
          template: z.string(),
          /** "bundled" or the override directory the template came from. */
          templateSource: z.string(),
          templateSha256: z.string(),
          sha256: z.string(),
        })
        .strict(),
    ),
  })
  .strict();

export type Manifest = z.infer<typeof manifestSchema>;
export type ManifestEntry = Manifest["files"][number];

export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** The manifest in a pack, or undefined when there is none or it cannot be read. */
export async function readManifest(outDir: string): Promise<Manifest | undefined> {
  const text = await readFile(path.join(outDir, MANIFEST_PATH), "utf8").catch(() => undefined);
  if (!text) return undefined;
  try {
    const parsed = manifestSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
