import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { MANIFEST_PATH, type Manifest, type ManifestEntry } from "./manifest.js";
import type { PlanEntry, RenderedFile } from "./plan.js";

/** Applies a plan: writes created and updated files, deletes retired ones, and records the manifest. */
export async function writePack(
  outDir: string,
  plan: PlanEntry[],
  files: RenderedFile[],
  header: Omit<Manifest, "files">,
  previous: Manifest | undefined,
): Promise<Manifest> {
  const byPath = new Map(files.map((f) => [f.path, f]));
  const oldEntries = new Map((previous?.files ?? []).map((f) => [f.path, f]));
  const entries: ManifestEntry[] = [];
  for (const step of plan) {
    const file = byPath.get(step.path);
    const target = path.join(outDir, step.path);
    if (step.action === "create" || step.action === "update") {
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, file!.content, file!.format === "shell" ? { mode: 0o755 } : {});
    } else if (step.action === "delete") {
      await rm(target, { force: true });
      continue;
    }
    // A skipped file keeps its old entry, so the edit stays visible to `check`.
    const keep =
      step.action === "skip-edited" || step.action === "skip-starter" ? oldEntries.get(step.path) : undefined;
    if (keep) entries.push(keep);
    else if (file && !step.action.startsWith("skip")) entries.push(file.entry);
  }
  const manifest: Manifest = { ...header, files: entries.sort((a, b) => a.path.localeCompare(b.path)) };
  await mkdir(path.join(outDir, path.dirname(MANIFEST_PATH)), { recursive: true });
  await writeFile(path.join(outDir, MANIFEST_PATH), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
