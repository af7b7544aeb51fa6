import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { loadProfile } from "../profile/io.js";
import { MANIFEST_PATH, readManifest, sha256 } from "../render/manifest.js";
import { renderProfile } from "../render/index.js";
import { locate } from "./location.js";
import { validators as builtIn } from "./validators/index.js";
import type { Validator } from "./validators/types.js";

export interface CheckOptions {
  profilePath: string;
  outDir: string;
  templateDirs?: string[];
  ciPlatform?: "github" | "gitlab";
  validators?: readonly Validator[];
  onProgress?: (message: string) => void;
}

export interface Problem {
  kind: "missing" | "edited" | "drift" | "validator" | "manifest";
  file?: string;
  /** The line in `file`, where the validator gives one. */
  line?: number;
  message: string;
}

export interface CheckResult {
  ok: boolean;
  problems: Problem[];
  warnings: string[];
  validatorsRun: string[];
  /** Validators that applied but could not run (their tool is missing); `--strict` fails on these. */
  skipped: Array<{ validator: string; title: string; reason: string }>;
  /** The validators' warnings with their file and line (also in `warnings` as text). */
  notes: Array<{ validator: string; file: string; line?: number; message: string }>;
}

/** Validates the profile, detects drift between the pack on disk and a fresh render, and runs real validators. */
export async function checkPack(options: CheckOptions): Promise<CheckResult> {
  const problems: Problem[] = [];
  const warnings: string[] = [];
  const validatorsRun: string[] = [];
  const skipped: CheckResult["skipped"] = [];
  const notes: CheckResult["notes"] = [];
  // An invalid profile is an error (exit 2), not a finding: loadProfile's GovopsError goes to the funnel.
  const profile = await loadProfile(options.profilePath);
  const manifest = await readManifest(options.outDir);
  if (!manifest)
    problems.push({
      kind: "manifest",
      file: MANIFEST_PATH,
      message: "no generation manifest: run `govops generate`",
    });
  const recorded = new Map((manifest?.files ?? []).map((f) => [f.path, f]));
  options.onProgress?.("rendering the pack to compare with the files on disk");
  const files = await renderProfile(profile, options);
  for (const file of files) {
    const onDisk = await readFile(path.join(options.outDir, file.path), "utf8").catch(() => undefined);
    const entry = recorded.get(file.path);
    if (onDisk === undefined) {
      problems.push({
        kind: "missing",
        file: file.path,
        message: "not generated yet: run `govops generate`",
      });
    } else if (file.kind === "starter") {
      continue;
    } else if (entry && sha256(onDisk) !== entry.sha256) {
      problems.push({
        kind: "edited",
        file: file.path,
        message:
          "edited by hand since it was generated; move the change into the profile or a template override",
      });
    } else if (onDisk !== file.content) {
      problems.push({
        kind: "drift",
        file: file.path,
        message: "out of date with the profile or templates: run `govops generate`",
      });
    }
  }
  const onDiskPaths = [...new Set([...files.map((f) => f.path), ...recorded.keys()])];
  // Validators are separate tools (promtool, amtool, shellcheck, markdownlint …): run them side by side,
  // then report in registry order so the output does not depend on which finished first.
  const results = await Promise.all(
    (options.validators ?? builtIn).map(async (validator) => {
      const files = onDiskPaths
        .filter((p) => validator.applies(p))
        .map((rel) => ({ rel, abs: path.join(options.outDir, rel) }))
        .filter((f) => existsSync(f.abs));
      if (!files.length) return { validator, result: undefined };
      const result = await validator.run(files);
      options.onProgress?.(
        `${validator.title}: ${files.length} file(s) ${result.skipped ? "skipped" : "checked"}`,
      );
      return { validator, result };
    }),
  );
  for (const { validator, result } of results) {
    if (!result) continue;
    if (result.skipped) {
      warnings.push(`${validator.title} skipped: ${result.skipped}`);
      skipped.push({ validator: validator.id, title: validator.title, reason: result.skipped });
    } else validatorsRun.push(validator.id);
    for (const w of result.warnings ?? []) {
      warnings.push(`${w.file}: ${w.message}`);
      const line = locate(w.message);
      notes.push({ validator: validator.id, file: w.file, ...(line ? { line } : {}), message: w.message });
    }
    for (const p of result.problems ?? []) {
      const line = locate(p.message);
      problems.push({
        kind: "validator",
        file: p.file,
        ...(line ? { line } : {}),
        message: `${validator.title}: ${p.message}`,
      });
    }
  }

  return { ok: problems.length === 0, problems, warnings, validatorsRun, skipped, notes };
}
