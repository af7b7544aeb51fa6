import { readFile } from "node:fs/promises";
import path from "node:path";
import { Command } from "commander";
import { z } from "zod";
import { GovopsError } from "../../errors.js";
import { listBaselines, parseBaseline, PROFILES_DIR, type Baseline } from "../../profile/baseline.js";

export const profilesOptionsSchema = z.object({ json: z.boolean().default(false) }).strict();

export const profilesCommand = new Command("profiles")
  .description("List the five Level baselines, or show one")
  .argument("[level]", "a level (1-5) or baseline name to show in full")
  .option("--json", "print the baselines as JSON on stdout")
  .addHelpText(
    "after",
    `
Examples:
  $ govops profiles                 one line per baseline
  $ govops profiles 3               the Level 3 baseline as YAML
  $ govops profiles rules-engine --json`,
  )
  .action(async (which: string | undefined, raw: unknown) => {
    const options = profilesOptionsSchema.parse(raw);
    const files = await listBaselines();
    const baselines = await Promise.all(files.map((f) => parseBaseline(path.join(PROFILES_DIR, f))));
    if (which === undefined) {
      process.stdout.write(
        options.json ? `${JSON.stringify(baselines, null, 2)}\n` : `${baselines.map(line).join("\n")}\n`,
      );
      return;
    }
    const index = baselines.findIndex((b) => String(b.level) === which || b.name === which);
    if (index < 0)
      throw new GovopsError(
        "PROFILE_NOT_FOUND",
        `No baseline "${which}"`,
        `Choose a level 1-5 or one of: ${baselines.map((b) => b.name).join(", ")}.`,
      );
    process.stdout.write(
      options.json
        ? `${JSON.stringify(baselines[index], null, 2)}\n`
        : await readFile(path.join(PROFILES_DIR, files[index]!), "utf8"),
    );
  });

function line(b: Baseline): string {
  const slo = `${Math.round(b.defaults.slo.availability * 10000) / 100}%`;
  return `Level ${b.level}  ${b.name.padEnd(20)} ${b.title}: ${b.failureModes.length} failure modes, ${b.compliance.length} controls, ${b.peakPeriods.length} peaks, ${b.changeFreezes.length} freezes, SLO ${slo}`;
}
