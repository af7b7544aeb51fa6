import { execa } from "execa";
import type { Validator, ValidatorFile, ValidatorProblem, ValidatorResult } from "./types.js";

/** Runs a command-line tool; undefined when it is not installed. */
export async function runTool(bin: string, args: string[], cwd?: string) {
  try {
    return await execa(bin, args, { reject: false, cwd, all: true, timeout: 120_000 });
  } catch {
    return undefined;
  }
}

export function toolMissing(
  result: { exitCode?: number; failed?: boolean; code?: string } | undefined,
): boolean {
  return !result || result.code === "ENOENT" || (result as { errno?: number }).errno === -2;
}

function outputProblems(file: string, all: string | undefined): ValidatorProblem[] {
  const lines = (all ?? "")
    .split("\n")
    .filter((l) => l.trim() && !/^(Checking| {2}SUCCESS|SUCCESS|Unit Testing:)/.test(l.trim()));
  return [{ file, message: lines.slice(0, 20).join("\n") || "failed" }];
}

const MISSING = "promtool is not installed (Debian: apt-get install prometheus)";

/** Runs one promtool subcommand on each file; a non-zero exit becomes that file's problem. */
export async function runPromtool(
  subcommand: string[],
  files: ValidatorFile[],
  problemsOf: (file: string, output: string | undefined) => ValidatorProblem[] = outputProblems,
): Promise<ValidatorResult> {
  const problems: ValidatorProblem[] = [];
  for (const file of files) {
    const result = await runTool("promtool", [...subcommand, file.abs]);
    if (toolMissing(result)) return { skipped: MISSING };
    if (result!.exitCode !== 0) problems.push(...problemsOf(file.rel, result!.all));
  }
  return { problems };
}

export const promtoolRulesValidator: Validator = {
  id: "promtool-check-rules",
  title: "promtool check rules",
  applies: (rel) => /^ops\/monitoring\/[^/]*rules[^/]*\.ya?ml$/.test(rel) && !rel.includes(".test."),
  run: (files) => runPromtool(["check", "rules"], files),
};

export const promtoolTestValidator: Validator = {
  id: "promtool-test-rules",
  title: "promtool test rules",
  applies: (rel) => /^ops\/monitoring\/tests\/[^/]+\.ya?ml$/.test(rel),
  run: (files) => runPromtool(["test", "rules"], files),
};
