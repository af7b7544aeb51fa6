import path from "node:path";
import type { Level } from "../schemas.js";
import { GovopsError } from "../errors.js";
import { govopsOutputs } from "../scan/generated.js";
import { scanInventory, type InventoryOptions } from "../scan/inventory.js";
import { classify, type Classification } from "./classify.js";
import type { DetectorContext } from "./context.js";
import type { Detector } from "./detector.js";
import { detectors as builtIn } from "./detectors/index.js";
import { factsSchema, type Facts } from "./facts.js";
import { finish } from "./finish.js";
import { loadFiles } from "./load.js";
import { readManifests } from "./manifests.js";
import { runDetectors } from "./run-detectors.js";
import { analysePackages } from "./workspaces.js";

export interface AnalyseOptions extends InventoryOptions {
  /** Override the classified archetype level. */
  level?: Level;
  /** Called with a short message as files are parsed; for progress on stderr. */
  onProgress?: (message: string) => void;
  detectors?: readonly Detector[];
}

export interface Analysis {
  root: string;
  serviceName: string;
  facts: Facts;
  level: Classification & { overridden?: boolean };
}

export async function analyse(dir: string, options: AnalyseOptions = {}): Promise<Analysis> {
  const scanned = await scanInventory(dir, options);
  const generated = govopsOutputs(scanned.root);
  const inventory = { ...scanned, files: scanned.files.filter((f) => !generated.has(f.rel)) };
  if (inventory.files.length === 0) {
    throw new GovopsError(
      "EMPTY_REPOSITORY",
      `Nothing to analyse in ${dir}: the directory has no files`,
      "Point govops at the root of a service repository.",
    );
  }
  const { sources, textFiles, skipped, lines } = await loadFiles(inventory, options);
  const { manifests, packages } = readManifests(textFiles, skipped);
  const ctx: DetectorContext = {
    root: inventory.root,
    sources,
    textFiles,
    paths: inventory.files.map((f) => f.rel),
    packages,
    manifests,
  };
  const detectors = options.detectors ?? builtIn;
  const merged = finish(runDetectors(ctx, detectors), sources, textFiles);
  if (sources.length === 0)
    skipped.push({ file: ".", reason: "no JavaScript or TypeScript source files: code facts are empty" });
  const workspace = analysePackages(ctx, detectors, sanitiseName);
  const facts = factsSchema.parse({
    ...merged,
    skipped,
    stats: { files: inventory.files.length, sourceFiles: sources.length, lines },
    ...(workspace ? { packages: workspace } : {}),
  });
  const classification = classify(facts);
  const level = options.level
    ? {
        ...classification,
        value: options.level,
        overridden: true,
        unsure: false,
        reasons: [`level ${options.level} set by --level`, ...classification.reasons],
      }
    : classification;
  const rootName = manifests.find((m) => m.dir === "")?.name;
  return {
    root: inventory.root,
    serviceName: sanitiseName(rootName ?? path.basename(inventory.root)),
    facts,
    level,
  };
}

/** Service names reach file names, YAML and PromQL: keep them to a safe slug. */
export function sanitiseName(name: string): string {
  const slug = name
    .replace(/^@[^/]+\//, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 63);
  return slug || "service";
}
