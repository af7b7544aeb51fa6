import { execa } from "execa";
import type { Validator, ValidatorFile, ValidatorProblem, ValidatorResult } from "./types.js";

/** How long a tool may run before it is stopped, in milliseconds. */
export const TOOL_TIMEOUT_MS = 120_000;

/**
 * promtool's unit tests evaluate every rule of a file at every step of every test group, so a service with
 * many journeys takes minutes on a busy machine; they get longer than the other tools.
 */
export const PROMTOOL_TEST_TIMEOUT_MS = 600_000;

/** Runs a command-line tool; undefined when it is not installed. */
export async function runTool(bin: string, args: string[], cwd?: string, timeout = TOOL_TIMEOUT_MS) {
  try {
    return await execa(bin, args, { reject: false, cwd, all: true, timeout });
  } catch {
    return undefined;
  }
}

export function toolMissing(
  result: { exitCode?: number; failed?: boolean; code?: string } | undefined,
): boolean {
  return !result || result.code === "ENOENT" || (result as { errno?: number }).errno === -2;
}

function outputProblems(file: string, all: string | undefined, exitCode?: number): ValidatorProblem[] {
  const lines = (all ?? "")
    .split("\n")
    .filter((l) => l.trim() && !/^(Checking| {2}SUCCESS|SUCCESS|Unit Testing:)/.test(l.trim()));
  return [
    { file, message: lines.slice(0, 20).join("\n") || `failed with exit code ${exitCode ?? "unknown"}` },
  ];
}

function timedOutProblem(file: string, subcommand: string[], timeout: number): ValidatorProblem {
  const command = `promtool ${subcommand.join(" ")} ${file}`;
  return {
    file,
    message: `timed out after ${timeout / 1000} s, not failed: \`${command}\` was stopped before it finished; run it by hand to see its result`,
  };
}

const MISSING = "promtool is not installed (Debian: apt-get install prometheus)";

/** Runs one promtool subcommand on each file; a non-zero exit becomes that file's problem. */
export async function runPromtool(
  subcommand: string[],
  files: ValidatorFile[],
  problemsOf: (
    file: string,
    output: string | undefined,
    exitCode?: number,
  ) => ValidatorProblem[] = outputProblems,
  timeout = TOOL_TIMEOUT_MS,
): Promise<ValidatorResult> {
  const problems: ValidatorProblem[] = [];
  for (const file of files) {
    const result = await runTool("promtool", [...subcommand, file.abs], undefined, timeout);
    if (toolMissing(result)) return { skipped: MISSING };
    if (result!.timedOut) problems.push(timedOutProblem(file.rel, subcommand, timeout));
    else if (result!.exitCode !== 0) problems.push(...problemsOf(file.rel, result!.all, result!.exitCode));
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
  run: (files) => runPromtool(["test", "rules"], files, outputProblems, PROMTOOL_TEST_TIMEOUT_MS),
};
