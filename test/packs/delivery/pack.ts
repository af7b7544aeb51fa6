import { chmod, mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { RenderedFile } from "../../../src/render/plan.js";
import type { Validator, ValidatorProblem } from "../../../src/check/validators/types.js";

/** Writes rendered files under dir, shell scripts executable, as `govops generate` would. */
export async function writeFiles(dir: string, files: RenderedFile[]): Promise<void> {
  for (const file of files) {
    const abs = path.join(dir, file.path);
    await mkdir(path.dirname(abs), { recursive: true });
    await writeFile(abs, file.content);
    if (file.format === "shell") await chmod(abs, 0o755);
  }
}

/** Runs a validator on the files it applies to; fails the test if its tool is missing or nothing matched. */
export async function runValidator(
  validator: Validator,
  dir: string,
  paths: string[],
): Promise<{ checked: string[]; problems: ValidatorProblem[] }> {
  const checked = paths.filter((p) => validator.applies(p));
  if (checked.length === 0) throw new Error(`${validator.id}: no files to check`);
  const result = await validator.run(checked.map((rel) => ({ rel, abs: path.join(dir, rel) })));
  if (result.skipped) throw new Error(`${validator.id} did not run: ${result.skipped}`);
  return { checked, problems: result.problems ?? [] };
}
