import path from "node:path";
import { GovopsError } from "../errors.js";
import { scanInventory, type InventoryOptions } from "../scan/inventory.js";
import { looksGenerated, looksMinified, readText } from "../scan/read.js";
import { indexSource, type FileIndex } from "../scan/source-index.js";
import { classify, type Classification } from "./classify.js";
import type { DetectorContext, PackageInfo, TextFile } from "./context.js";
import { ev } from "./context.js";
import type { Detector } from "./detector.js";
import { detectors as builtIn } from "./detectors/index.js";
import { factsSchema, type Facts } from "./facts.js";
import { runDetectors, type Merged } from "./run-detectors.js";

export interface AnalyseOptions extends InventoryOptions {
  /** Override the classified archetype level. */
  level?: 1 | 2 | 3 | 4 | 5;
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

const SOURCE = /\.(ts|tsx|js|jsx|mjs|cjs|mts|cts)$/;
const TEXT =
  /(\.(njk|html|hbs|ejs|pug|prisma|sql|ya?ml|tf|json)|(^|\/)(Dockerfile[\w.-]*|Jenkinsfile|Procfile|\.env\.[\w-]+|\.env-example))$/;

export async function analyse(dir: string, options: AnalyseOptions = {}): Promise<Analysis> {
  const inventory = await scanInventory(dir, options);
  const skipped = [...inventory.skipped];
  const sources: FileIndex[] = [];
  const textFiles: TextFile[] = [];
  const packages = new Map<string, PackageInfo>();
  let lines = 0;
  let serviceName = path.basename(inventory.root);
  for (const [i, file] of inventory.files.entries()) {
    if (i % 500 === 0 && i > 0) options.onProgress?.(`parsed ${i} of ${inventory.files.length} files`);
    const isSource = SOURCE.test(file.rel) && !file.rel.endsWith(".d.ts");
    if (!isSource && !TEXT.test(file.rel)) continue;
    const read = await readText(file);
    if (!read.ok) {
      skipped.push({ file: file.rel, reason: read.reason });
      continue;
    }
    if (!isSource) {
      textFiles.push({ rel: file.rel, text: read.text });
      if (path.posix.basename(file.rel) === "package.json") {
        const name = readPackage(file.rel, read.text, packages, skipped);
        if (file.rel === "package.json" && name) serviceName = name;
      }
      continue;
    }
    if (looksMinified(read.text)) {
      skipped.push({ file: file.rel, reason: "minified or bundled code" });
      continue;
    }
    if (looksGenerated(read.text)) {
      skipped.push({ file: file.rel, reason: "generated code" });
      continue;
    }
    const index = indexSource(file.rel, read.text);
    if (index.parseErrors > 0)
      skipped.push({ file: file.rel, reason: `${index.parseErrors} syntax error(s); analysed what parsed` });
    lines += index.lines;
    sources.push(index);
  }
  if (inventory.files.length === 0) {
    throw new GovopsError(
      "EMPTY_REPOSITORY",
      `Nothing to analyse in ${dir}: the directory has no files`,
      "Point govops at the root of a service repository.",
    );
  }
  const ctx: DetectorContext = {
    root: inventory.root,
    sources,
    textFiles,
    paths: inventory.files.map((f) => f.rel),
    packages,
  };
  const merged = runDetectors(ctx, options.detectors ?? builtIn);
  if (sources.length === 0)
    skipped.push({ file: ".", reason: "no JavaScript or TypeScript source files: code facts are empty" });
  const facts = factsSchema.parse({
    ...merged,
    readiness: finishReadiness(merged, sources),
    skipped,
    stats: { files: inventory.files.length, sourceFiles: sources.length, lines },
  });
  const classification = classify(facts);
  const level = options.level
    ? {
        ...classification,
        value: options.level,
        overridden: true,
        reasons: [`level ${options.level} set by --level`, ...classification.reasons],
      }
    : classification;
  return { root: inventory.root, serviceName: sanitiseName(serviceName), facts, level };
}

const HEALTH = /\/(health|healthz|healthcheck|health-check|ready|readyz|readiness|live|livez|liveness|ping)$/;

function finishReadiness(merged: Merged, sources: FileIndex[]): Facts["readiness"] {
  const readiness = { ...merged.readiness };
  const health = merged.routes
    .filter((r) => HEALTH.test(r.path))
    .map((r) => ({ path: r.path, evidence: r.evidence }));
  if (health.length === 0) {
    for (const s of sources) {
      const hit = s.pathLiterals.find((l) => HEALTH.test(l.name));
      if (hit) {
        health.push({ path: hit.name, evidence: ev(s.rel, hit.line) });
        break;
      }
    }
  }
  readiness.healthEndpoints = health;
  const http = merged.integrations.filter((i) => i.kind === "http" || i.kind === "pay");
  const missing = http.filter((i) => i.hasTimeout === false);
  readiness.outboundTimeouts =
    http.length === 0
      ? { present: true, detail: "no outbound HTTP calls found", evidence: [] }
      : {
          present: missing.length === 0,
          detail: missing.length
            ? `no timeout on: ${missing.map((i) => i.name).join(", ")}`
            : `all ${http.length} outbound HTTP integrations set a timeout`,
          evidence: (missing.length ? missing : http).map((i) => i.evidence),
        };
  return readiness;
}

function readPackage(
  rel: string,
  text: string,
  packages: Map<string, PackageInfo>,
  skipped: Facts["skipped"],
): string | undefined {
  try {
    const json = JSON.parse(text) as {
      name?: string;
      dependencies?: Record<string, string>;
      devDependencies?: Record<string, string>;
    };
    for (const deps of [json.dependencies, json.devDependencies]) {
      for (const [name, version] of Object.entries(deps ?? {}))
        if (!packages.has(name)) packages.set(name, { name, version, file: rel });
    }
    return json.name;
  } catch {
    skipped.push({ file: rel, reason: "package.json is not valid JSON" });
    return undefined;
  }
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
