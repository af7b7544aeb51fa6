import { ZodError } from "zod";
import { CommanderError } from "commander";
import { ExitCode, GovopsError, formatZodIssues } from "../errors.js";
import { stripControl } from "./terminal.js";

/** The one place errors become output and an exit code. Known errors: one line and a hint; others: a bug report. */
export function handleError(error: unknown, stream: NodeJS.WritableStream = process.stderr): void {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? ExitCode.ok : ExitCode.error;
    return;
  }
  // Messages quote paths and values from the repository: no control character reaches the terminal.
  const write = (text: string) => void stream.write(stripControl(text));
  if (isPromptCancelled(error)) {
    write("govops: cancelled, nothing written\n");
    process.exitCode = ExitCode.interrupted;
    return;
  }
  if (error instanceof GovopsError) {
    write(`govops: ${error.message}\n`);
    if (error.suggestion) write(`  ${error.suggestion}\n`);
  } else if (error instanceof ZodError) {
    write(
      `govops: invalid options:\n${formatZodIssues(error)
        .map((l) => `  ${l}`)
        .join("\n")}\n`,
    );
  } else {
    const e = error as Error;
    write(
      `govops: internal error: ${e?.message ?? String(error)}\n${process.env.GOVOPS_DEBUG ? `${e?.stack}\n` : "  Set GOVOPS_DEBUG=1 for a stack trace, and please report it.\n"}`,
    );
  }
  process.exitCode = ExitCode.error;
}

/** Ctrl-C (or a closed terminal) in an @inquirer prompt, matched by name as its own instanceof may differ. */
function isPromptCancelled(error: unknown): boolean {
  return error instanceof Error && error.name === "ExitPromptError";
}
