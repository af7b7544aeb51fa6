import { ZodError } from "zod";
import { CommanderError } from "commander";
import { ExitCode, GovopsError, formatZodIssues } from "../errors.js";

/** The one place errors become output and an exit code. Known errors: one line and a hint; others: a bug report. */
export function handleError(error: unknown, stream: NodeJS.WritableStream = process.stderr): void {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? ExitCode.ok : ExitCode.error;
    return;
  }
  if (error instanceof GovopsError) {
    stream.write(`govops: ${error.message}\n`);
    if (error.suggestion) stream.write(`  ${error.suggestion}\n`);
  } else if (error instanceof ZodError) {
    stream.write(
      `govops: invalid options:\n${formatZodIssues(error)
        .map((l) => `  ${l}`)
        .join("\n")}\n`,
    );
  } else {
    const e = error as Error;
    stream.write(
      `govops: internal error: ${e?.message ?? String(error)}\n${process.env.GOVOPS_DEBUG ? `${e?.stack}\n` : "  Set GOVOPS_DEBUG=1 for a stack trace, and please report it.\n"}`,
    );
  }
  process.exitCode = ExitCode.error;
}
