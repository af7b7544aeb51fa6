import { ZodError } from "zod";

/** 130 is 128 + SIGINT, what a shell reports for Ctrl-C: a person stopped the run, nothing went wrong. */
export const ExitCode = { ok: 0, findings: 1, error: 2, interrupted: 130 } as const;

export type ErrorCode =
  | "DIR_NOT_FOUND"
  | "NOT_A_DIRECTORY"
  | "EMPTY_REPOSITORY"
  | "INVALID_PROFILE"
  | "INVALID_CONFIG"
  | "PROFILE_NOT_FOUND"
  | "TEMPLATE_ERROR"
  | "RENDER_ERROR"
  | "UNSAFE_SLO"
  | "USAGE"
  | "AI_ERROR"
  | "UNSAFE_PATH"
  | "WRITE_ERROR"
  | "INVALID_MANIFEST"
  | "LOCKED"
  | "TOOL_MISSING"
  | "DRILL_FAILED";

/** An expected failure: printed as one line plus a suggestion, exit code 2. */
export class GovopsError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly suggestion?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "GovopsError";
  }
}

/** Turns zod issues into "path.to.field: message" lines. */
export function formatZodIssues(error: ZodError): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.length ? issue.path.map(String).join(".") : "(root)";
    return `${path}: ${issue.message}`;
  });
}
