import path from "node:path";
import { Command } from "commander";
import { z } from "zod";
import { ciPlatformSchema } from "../../schemas.js";
import { check } from "../../index.js";
import { ExitCode } from "../../errors.js";
import { CHECK_FORMATS, checkReport, formatReport } from "../../check/format.js";
import { loadConfig } from "../../profile/config-io.js";
import { locateConfig } from "../config-location.js";
import { createLogger } from "../logger.js";
import { directoryArgument, fileOption } from "../options.js";
import { writeText } from "../terminal.js";

export const checkOptionsSchema = z
  .object({
    profile: fileOption.optional(),
    config: fileOption.optional(),
    out: z.string().min(1).optional(),
    templates: z.string().min(1).optional(),
    target: ciPlatformSchema.optional(),
    /** Fail when a validator's tool is missing. Default: a warning. */
    strict: z.boolean().default(false),
    /** Default text; --json is short for --format json. */
    format: z.enum(CHECK_FORMATS).default("text"),
    json: z.boolean().default(false),
  })
  .strict()
  .transform(({ json, ...o }) => ({ ...o, format: json ? ("json" as const) : o.format }));

export const checkCommand = new Command("check")
  .description("Validate the profile and the pack, and report drift from a fresh render (exit 1 on problems)")
  .argument("[dir]", "service repository", ".")
  .option("--profile <file>", "profile (default: <dir>/ops/profile.yaml)")
  .option("--config <file>", "config to validate (default: govops.config.yaml in <dir> or above)")
  .option("--out <dir>", "where the pack was written (default: <dir>)")
  .option("--templates <dir>", "template overrides used when generating")
  .option("--target <platform>", "CI platform: github or gitlab")
  .option("--strict", "fail when a validator cannot run because its tool is missing")
  .option("--format <format>", `output: ${CHECK_FORMATS.join(", ")} (default: text)`)
  .option("--json", "same as --format json")
  .addHelpText(
    "after",
    `
Examples:
  $ govops check                               check the pack in the current directory
  $ govops check examples/level-3-enquiry-service
  $ govops check . --json | jq '.problems[]'
  $ govops check . --strict --format sarif > govops.sarif    for GitHub code scanning
  $ govops check . --format github             annotations on a pull request

Exit codes: 0 pack valid and up to date, 1 problems or drift, 2 error.`,
  )
  .action(async (dir: string, raw: unknown) => {
    const options = checkOptionsSchema.parse(raw);
    const log = createLogger({ quiet: options.format !== "text" });
    const config = locateConfig(directoryArgument(dir), options.config);
    if (config) await loadConfig(config);
    const result = await check(dir, {
      profilePath: options.profile,
      outDir: options.out,
      templates: options.templates,
      ciPlatform: options.target,
      onProgress: log.progress,
    });
    const report = checkReport(result, { strict: options.strict });
    const base = path.relative(process.cwd(), path.resolve(options.out ?? dir));
    const output = formatReport(result, report, options.format, base);
    if (options.format === "text")
      for (const f of report.findings.filter((x) => x.level === "warning"))
        log.warn(`${f.file ? `${f.file}${f.line ? `:${f.line}` : ""}: ` : ""}${f.message}`);
    if (options.format === "json" || options.format === "sarif") process.stdout.write(output);
    else writeText(output);
    if (!report.ok) process.exitCode = ExitCode.findings;
  });
