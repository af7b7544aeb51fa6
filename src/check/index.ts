import type { CiPlatform } from "../schemas.js";
import { existsSync } from "node:fs";
import path from "node:path";
import { loadProfile } from "../profile/io.js";
import { MANIFEST_PATH } from "../render/manifest.js";
import type { Cause } from "../render/plan.js";
import { planProfile } from "../packs/index.js";
import { locate } from "./location.js";
import { validators as builtIn } from "./validators/index.js";
import type { Validator } from "./validators/types.js";

export interface CheckOptions {
  profilePath: string;
  /** The folder the profile must stay inside (a link out of it is refused). Default: the profile's folder. */
  profileRoot?: string;
  outDir: string;
  templateDirs?: string[];
  ciPlatform?: CiPlatform;
  validators?: readonly Validator[];
  onProgress?: (message: string) => void;
}

export interface Problem {
  kind: "missing" | "edited" | "drift" | "orphan" | "torn" | "validator" | "manifest";
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
  /** Files at a path the pack would use that govops never wrote: the team's, so neither drift nor linted. */
  kept: string[];
}

/** How `check` reports each plan cause that means the pack on disk is not what `generate` would leave. */
const DRIFT: Partial<Record<Cause, Pick<Problem, "kind" | "message">>> = {
  new: { kind: "missing", message: "not generated yet: run `govops generate`" },
  stale: { kind: "drift", message: "out of date with the profile or templates: run `govops generate`" },
  edited: {
    kind: "edited",
    message: "edited by hand since it was generated; move the change into the profile or a template override",
  },
  torn: {
    kind: "torn",
    message: "an earlier `govops generate` stopped while writing it: run `govops generate` to repair it",
  },
  orphan: {
    kind: "orphan",
    message: "generated earlier but no longer part of the pack: `govops generate` removes it (unless edited)",
  },
};

/** Validates the profile, detects drift between the pack on disk and a fresh render, and runs real validators. */
export async function checkPack(options: CheckOptions): Promise<CheckResult> {
  const problems: Problem[] = [];
  const warnings: string[] = [];
  const validatorsRun: string[] = [];
  const skipped: CheckResult["skipped"] = [];
  const notes: CheckResult["notes"] = [];
  // An invalid profile is an error (exit 2), not a finding: loadProfile's GovopsError goes to the funnel.
  const profile = await loadProfile(options.profilePath, options.profileRoot);
  options.onProgress?.("rendering the pack to compare with the files on disk");
  const { plan, files, previous } = await planProfile(profile, { ...options, force: false });
  if (!previous)
    problems.push({
      kind: "manifest",
      file: MANIFEST_PATH,
      message: "no generation manifest: run `govops generate`",
    });
  for (const entry of plan) {
    const drift = DRIFT[entry.cause];
    if (drift) problems.push({ kind: drift.kind, file: entry.path, message: drift.message });
  }
  // A file that was there before govops and that govops never wrote is the team's: never drift, never linted.
  // A starter file there before govops (the manifest never listed it) is the team's in the same way.
  const wrote = new Set((previous?.files ?? []).map((f) => f.path));
  const kept = plan
    .filter((e) => e.cause === "foreign" || (e.cause === "starter" && !wrote.has(e.path)))
    .map((e) => e.path);
  const onDiskPaths = [
    ...new Set([...files.map((f) => f.path), ...(previous?.files ?? []).map((f) => f.path)]),
  ].filter((p) => !kept.includes(p));
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

  return { ok: problems.length === 0, problems, warnings, validatorsRun, skipped, notes, kept };
}
