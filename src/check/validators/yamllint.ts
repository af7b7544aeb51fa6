import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { isGitlabCi } from "./gitlab.js";
import { runTool, toolMissing } from "./promtool.js";
import type { Validator, ValidatorFile, ValidatorProblem, ValidatorResult } from "./types.js";

/**
 * yamllint's defaults, adapted to CI files: `on:` is a key, not a boolean; no `---` after the
 * generated marker; one space before a `# vX.Y.Z` pin comment, as Dependabot writes them.
 */
export const YAMLLINT_CONFIG = `extends: default
rules:
  truthy:
    check-keys: false
  document-start: disable
  line-length:
    max: 160
  comments:
    min-spaces-from-content: 1
`;

export const yamllintValidator: Validator = {
  id: "yamllint",
  title: "yamllint",
  applies: (rel) => /^\.github\/.+\.ya?ml$/.test(rel) || isGitlabCi(rel),
  run: (files) => yamllint(files),
};

/** yamllint over the files with the given configuration; each output line becomes its file's problem. */
export async function yamllint(
  files: ValidatorFile[],
  yamlConfig = YAMLLINT_CONFIG,
): Promise<ValidatorResult> {
  const dir = await mkdtemp(path.join(tmpdir(), "govops-yamllint-"));
  try {
    const config = path.join(dir, "yamllint.yml");
    await writeFile(config, yamlConfig);
    const result = await runTool("yamllint", ["-f", "parsable", "-c", config, ...files.map((f) => f.abs)]);
    if (toolMissing(result))
      return { skipped: "yamllint is not installed (Debian: apt-get install yamllint)" };
    const byAbs = new Map(files.map((f) => [f.abs, f.rel]));
    const problems: ValidatorProblem[] = (result!.stdout ?? "")
      .split("\n")
      .filter((l) => l.trim())
      .map((line) => {
        const abs = files.map((f) => f.abs).find((a) => line.startsWith(`${a}:`));
        return abs
          ? { file: byAbs.get(abs)!, message: line.slice(abs.length + 1) }
          : { file: files[0]!.rel, message: line };
      });
    return { problems };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
