import { Command } from "commander";
import { z } from "zod";
import { check } from "../../index.js";
import { ExitCode } from "../../errors.js";
import { createLogger } from "../logger.js";

export const checkOptionsSchema = z
  .object({
    profile: z.string().optional(),
    out: z.string().optional(),
    templates: z.string().optional(),
    target: z.enum(["github", "gitlab"]).optional(),
    json: z.boolean().default(false),
  })
  .strict();

export const checkCommand = new Command("check")
  .description("Validate the profile and the pack, and report drift from a fresh render (exit 1 on problems)")
  .argument("[dir]", "service repository", ".")
  .option("--profile <file>", "profile (default: <dir>/ops/profile.yaml)")
  .option("--out <dir>", "where the pack was written (default: <dir>)")
  .option("--templates <dir>", "template overrides used when generating")
  .option("--target <platform>", "CI platform: github or gitlab")
  .option("--json", "print the result as JSON on stdout")
  .addHelpText(
    "after",
    `
Examples:
  $ govops check                               check the pack in the current directory
  $ govops check examples/level-3-enquiry-service
  $ govops check . --json | jq '.problems[]'

Exit codes: 0 pack valid and up to date, 1 problems or drift, 2 error.`,
  )
  .action(async (dir: string, raw: unknown) => {
    const options = checkOptionsSchema.parse(raw);
    const log = createLogger({ quiet: options.json });
    const result = await check(dir, {
      profilePath: options.profile,
      outDir: options.out,
      templates: options.templates,
      ciPlatform: options.target,
    });
    if (options.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    else {
      for (const w of result.warnings) log.warn(w);
      const lines = result.problems.map(
        (p) => `  ${p.kind.padEnd(9)} ${p.file ?? ""}: ${p.message.replace(/\n/g, "\n    ")}`,
      );
      process.stdout.write(
        result.ok
          ? `Pack is valid and up to date (validators: ${result.validatorsRun.join(", ") || "none applicable"})\n`
          : `${result.problems.length} problem(s):\n${lines.join("\n")}\n`,
      );
    }
    if (!result.ok) process.exitCode = ExitCode.findings;
  });
