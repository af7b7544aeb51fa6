import path from "node:path";
import { Command } from "commander";
import { z } from "zod";
import { ciPlatformSchema } from "../../schemas.js";
import { generate } from "../../index.js";
import { locateConfig } from "../config-location.js";
import { ciModes } from "../../profile/schema.js";
import { createLogger } from "../logger.js";
import { directoryArgument, fileOption } from "../options.js";
import { writeText } from "../terminal.js";
import { beforeGoLive } from "../../packs/docs/index.js";

export const generateOptionsSchema = z
  .object({
    profile: fileOption.optional(),
    out: z.string().optional(),
    templates: z.string().optional(),
    target: ciPlatformSchema.optional(),
    ci: z.enum(ciModes).optional(),
    dryRun: z.boolean().default(false),
    force: z.boolean().default(false),
    json: z.boolean().default(false),
  })
  .strict();

export const generateCommand = new Command("generate")
  .description("Render the operations pack from the risk profile")
  .argument("[dir]", "service repository", ".")
  .option(
    "--profile <file>",
    "profile to render (default: <dir>/ops/profile.yaml; analysed first if missing)",
  )
  .option("--out <dir>", "write the pack here (default: <dir>)")
  .option("--templates <dir>", "templates that replace the bundled ones (also read: <dir>/.govops/templates)")
  .option("--target <platform>", "CI platform: github or gitlab (default: the profile's)")
  .option(
    "--ci <mode>",
    "full pipelines, only the gates existing CI lacks, or none: full, gates or none (default: gates when CI exists); saved in the profile",
  )
  .option("--dry-run", "print the plan and write nothing")
  .option("--force", "overwrite files people have edited")
  .option("--json", "print the plan as JSON on stdout")
  .addHelpText(
    "after",
    `
Examples:
  $ govops generate                          render the pack for the current directory
  $ govops generate examples/level-3-enquiry-service --dry-run
  $ govops generate . --templates ./our-templates
  $ govops generate . --force                overwrite hand edits (they are reported first with --dry-run)`,
  )
  .action(async (dir: string, raw: unknown) => {
    const options = generateOptionsSchema.parse(raw);
    const log = createLogger({ quiet: options.json });
    const result = await generate(dir, {
      profilePath: options.profile,
      outDir: options.out,
      templates: options.templates,
      ciPlatform: options.target,
      ci: options.ci,
      dryRun: options.dryRun,
      force: options.force,
      onProgress: log.progress,
      onWarning: log.warn,
      config: locateConfig(directoryArgument(dir)),
    });
    const open = beforeGoLive(result.profile);
    if (options.json) {
      const data = { dryRun: options.dryRun, plan: result.plan, beforeGoLive: open };
      process.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
      return;
    }
    const counts = new Map<string, number>();
    for (const step of result.plan) counts.set(step.action, (counts.get(step.action) ?? 0) + 1);
    const lines = result.plan
      .filter((s) => s.action !== "unchanged")
      .map(
        (s) => `  ${s.action.padEnd(12)} ${s.path}${s.action.startsWith("skip") ? `  (${s.reason})` : ""}`,
      );
    const summary = [...counts].map(([a, n]) => `${n} ${a}`).join(", ");
    writeText(
      `${options.dryRun ? "Plan (dry run, nothing written)" : "Generated"}: ${summary || "nothing to do"}\n${lines.join("\n")}${lines.length ? "\n" : ""}`,
    );
    for (const s of result.plan.filter((p) => p.action === "skip-edited"))
      log.warn(`kept your edit to ${s.path}: ${s.reason}`);
    if (result.analysed && !options.dryRun)
      log.info(`Profile written to ${path.relative(process.cwd(), result.profilePath)}`);
    log.info(nextSteps(dir, options.dryRun));
    log.info(goLiveChecklist(open));
  });

/** The one list of what is still open before go-live, in order, as ops/GO-LIVE.md has it: the command's last words. */
export function goLiveChecklist(open: string[]): string {
  if (open.length === 0) return "Before go-live: nothing is open.";
  const items = open.map((item, i) => `  ${i + 1}. ${item}`);
  return [`Before go-live, still open (in order; also in ops/GO-LIVE.md):`, ...items].join("\n");
}

function nextSteps(dir: string, dryRun: boolean): string {
  const at = dir === "." ? "" : ` ${dir}`;
  if (dryRun) return `Next: run \`govops generate${at}\` without --dry-run to write the pack.`;
  return [
    "Next steps:",
    "  1. Review the changes: git status and git diff",
    "  2. Commit the pack with ops/profile.yaml and ops/manifest.json",
    `  3. Run \`govops check${at}\` (and in CI) to validate it and catch drift`,
    "  4. Fill in the TO DO placeholders that check lists as warnings",
  ].join("\n");
}
