import { readFile } from "node:fs/promises";
import { runTool, toolMissing } from "./promtool.js";
import type { Validator, ValidatorFile, ValidatorProblem } from "./types.js";

const SHELL = /\.sh$/;
const JAVASCRIPT = /\.(m?js|cjs)$/;

async function bashProblems(files: ValidatorFile[]): Promise<ValidatorProblem[] | undefined> {
  const problems: ValidatorProblem[] = [];
  for (const f of files) {
    const result = await runTool("bash", ["-n", f.abs]);
    if (toolMissing(result)) return undefined;
    if (result!.exitCode !== 0)
      problems.push({
        file: f.rel,
        message: `bash -n: ${String(result!.all ?? "").replaceAll(f.abs, f.rel)}`,
      });
  }
  return problems;
}

async function javascriptProblems(files: ValidatorFile[]): Promise<ValidatorProblem[]> {
  if (files.length === 0) return [];
  const { ts } = await import("ts-morph");
  const problems: ValidatorProblem[] = [];
  for (const f of files) {
    const text = await readFile(f.abs, "utf8");
    const out = ts.transpileModule(text, {
      fileName: f.rel,
      reportDiagnostics: true,
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, allowJs: true },
    });
    for (const d of out.diagnostics ?? []) {
      const line = d.start === undefined ? undefined : text.slice(0, d.start).split("\n").length;
      const message = ts.flattenDiagnosticMessageText(d.messageText, " ");
      problems.push({ file: f.rel, message: `${line ? `line ${line}: ` : ""}${message}` });
    }
  }
  return problems;
}

/**
 * Every generated script parses: `bash -n` for shell, the TypeScript parser for JavaScript. Data reaches scripts
 * only through escaping helpers; this is the check that nothing from a repository turned into a syntax change.
 */
export const scriptSyntaxValidator: Validator = {
  id: "script-syntax",
  title: "script syntax (bash -n, JavaScript parse)",
  applies: (rel) => rel.startsWith("ops/") && (SHELL.test(rel) || JAVASCRIPT.test(rel)),
  async run(files) {
    const shell = await bashProblems(files.filter((f) => SHELL.test(f.rel)));
    const js = await javascriptProblems(files.filter((f) => JAVASCRIPT.test(f.rel)));
    if (shell === undefined) return { problems: js, skipped: "bash is not installed" };
    return { problems: [...shell, ...js] };
  },
};
