import path from "node:path";
import { readInside, removeInside, sweepTemporaries, writeInside } from "../fs/safe.js";
import { MANIFEST_PATH, manifestText, writeManifest, type Manifest, type ManifestEntry } from "./manifest.js";
import type { PlanEntry, RenderedFile } from "./plan.js";

const WRITES = new Set(["create", "update", "repair"]);

/**
 * Applies a plan: records what it is about to write in the manifest (marked in progress), writes created and
 * updated files atomically, deletes retired ones, and writes the finished manifest last. A run that stops
 * part-way leaves the in-progress record, from which the next plan tells finished writes from torn ones.
 */
export async function writePack(
  outDir: string,
  plan: PlanEntry[],
  files: RenderedFile[],
  header: Omit<Manifest, "files" | "inProgress">,
  previous: Manifest | undefined,
): Promise<Manifest> {
  const byPath = new Map(files.map((f) => [f.path, f]));
  const writes = plan.filter((s) => WRITES.has(s.action));
  const deletes = plan.filter((s) => s.action === "delete");
  // What an unfinished earlier run meant to write still counts until this run settles it.
  const oldEntries = new Map<string, ManifestEntry>([
    ...(previous?.files ?? []).map((f) => [f.path, f] as const),
    ...(previous?.inProgress?.pending ?? []).map((f) => [f.path, f] as const),
  ]);
  await sweepTemporaries(outDir, [".", ...plan.map((s) => path.posix.dirname(s.path))]);
  if (writes.length || deletes.length) {
    const pending = new Map(writes.map((s) => [s.path, byPath.get(s.path)!.entry]));
    for (const p of previous?.inProgress?.pending ?? []) if (!pending.has(p.path)) pending.set(p.path, p);
    await writeManifest(outDir, {
      ...(previous ?? header),
      files: previous?.files ?? [],
      inProgress: { pid: process.pid, startedAt: new Date().toISOString(), pending: [...pending.values()] },
    });
  }
  for (const step of writes) {
    const file = byPath.get(step.path)!;
    await writeInside(outDir, step.path, file.content, file.format === "shell" ? { mode: 0o755 } : {});
  }
  for (const step of deletes) await removeInside(outDir, step.path);

  const entries: ManifestEntry[] = [];
  for (const step of plan) {
    const file = byPath.get(step.path);
    // A skipped file keeps its old entry, so the edit stays visible to `check`.
    const keep = step.action.startsWith("skip") ? oldEntries.get(step.path) : undefined;
    if (keep) entries.push(keep);
    else if (file && !step.action.startsWith("skip") && step.action !== "delete") entries.push(file.entry);
  }
  const manifest: Manifest = { ...header, files: entries.sort((a, b) => a.path.localeCompare(b.path)) };
  if ((await readInside(outDir, MANIFEST_PATH)) !== manifestText(manifest))
    await writeManifest(outDir, manifest);
  return manifest;
}
