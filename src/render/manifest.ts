import { createHash } from "node:crypto";
import { z } from "zod";
import { GovopsError } from "../errors.js";
import { unsafeReason } from "../fs/paths.js";
import { readInside, writeInside } from "../fs/safe.js";
import { MANIFEST_FILE } from "../layout.js";

export const MANIFEST_PATH = MANIFEST_FILE;

/** A path inside the output folder: a committed manifest is data, and must not point govops anywhere else. */
const insidePath = z.string().superRefine((value, ctx) => {
  const reason = unsafeReason(value);
  if (reason) ctx.addIssue({ code: "custom", message: `unsafe path ${JSON.stringify(value)}: ${reason}` });
});

const entrySchema = z
  .object({
    path: insidePath,
    kind: z.enum(["owned", "starter"]),
    template: z.string(),
    /** "bundled" or the override directory the template came from. */
    templateSource: z.string(),
    templateSha256: z.string(),
    sha256: z.string(),
  })
  .strict();

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
    files: z.array(entrySchema),
    /**
     * Present only while a run writes: the files it is about to write, with the hashes they will have.
     * A run that stops leaves it, so the next one tells a finished write from a torn one or a person's edit.
     */
    inProgress: z
      .object({ pid: z.number().int(), startedAt: z.string(), pending: z.array(entrySchema) })
      .strict()
      .optional(),
  })
  .strict();

export type Manifest = z.infer<typeof manifestSchema>;
export type ManifestEntry = Manifest["files"][number];

export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

function invalid(message: string, cause?: unknown): GovopsError {
  return new GovopsError(
    "INVALID_MANIFEST",
    `${MANIFEST_PATH} ${message}`,
    "If govops wrote it, delete it and run `govops generate --dry-run` to see what differs; otherwise move it away.",
    { cause },
  );
}

/**
 * The manifest in a pack, or undefined when there is none. One that is a link, not JSON, not govops', or that
 * names a path outside the pack is refused: govops would otherwise overwrite or delete what it does not own.
 */
export async function readManifest(outDir: string): Promise<Manifest | undefined> {
  const text = await readInside(outDir, MANIFEST_PATH);
  if (text === undefined) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (cause) {
    throw invalid("is not valid JSON (a run may have stopped while writing it)", cause);
  }
  const parsed = manifestSchema.safeParse(data);
  if (parsed.success) return parsed.data;
  const unsafe = parsed.error.issues.find((i) => i.code === "custom");
  if (unsafe)
    throw new GovopsError(
      "UNSAFE_PATH",
      `${MANIFEST_PATH} lists an ${unsafe.message}`,
      "govops only writes and deletes files inside the output folder; remove that entry (--force does not override this).",
    );
  const issue = parsed.error.issues[0]!;
  throw invalid(`is not a govops manifest: ${issue.path.join(".") || "(root)"}: ${issue.message}`);
}

export function manifestText(manifest: Manifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** Writes the manifest atomically. */
export async function writeManifest(outDir: string, manifest: Manifest): Promise<void> {
  await writeInside(outDir, MANIFEST_PATH, manifestText(manifest));
}
