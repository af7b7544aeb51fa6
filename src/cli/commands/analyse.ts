import path from "node:path";
import { Command } from "commander";
import { z } from "zod";
import { aiSetting, levelSchema, type Level } from "../../schemas.js";
import { analyseService } from "../../index.js";
import { LEVEL_NAMES, UNSURE_BELOW } from "../../analyse/classify.js";
import { locateConfig } from "../config-location.js";
import { createLogger, type Logger } from "../logger.js";
import { directoryArgument, fileOption } from "../options.js";
import { writeText } from "../terminal.js";
import { DEFAULT_MODEL, type AiOptions } from "../../ai/index.js";
import type { Profile } from "../../profile/schema.js";

export const analyseOptionsSchema = z
  .object({
    profile: fileOption.optional(),
    config: fileOption.optional(),
    json: z.boolean().default(false),
    level: z.coerce.number().pipe(levelSchema).optional(),
    write: z.boolean().default(true),
    /** undefined: as govops.config.yaml says; true: --ai; false: --no-ai. */
    ai: z.boolean().optional(),
    aiDryRun: z.boolean().default(false),
    aiModel: aiSetting.model.optional(),
    aiMaxTokens: z.coerce.number().pipe(aiSetting.maxTokens).optional(),
    aiTimeout: z.coerce.number().pipe(aiSetting.timeoutMs).optional(),
    aiRetries: z.coerce.number().pipe(aiSetting.maxRetries).optional(),
  })
  .strict();

export const analyseCommand = new Command("analyse")
  .alias("analyze")
  .description("Inspect a service repository and write its risk profile (ops/profile.yaml)")
  .argument("[dir]", "service repository", ".")
  .option("--profile <file>", "where to write the profile (default: <dir>/ops/profile.yaml)")
  .option("--config <file>", "your decisions to merge (default: govops.config.yaml in <dir> or above)")
  .option("--level <n>", "override the archetype level (1-5)")
  .option("--json", "print the profile as JSON on stdout and nothing else")
  .option("--no-write", "do not write the profile file")
  .option("--ai", "enrich the profile with a language model (needs ANTHROPIC_API_KEY, or a recorded answer)")
  .option("--no-ai", "do not use AI even if govops.config.yaml enables it")
  .option("--ai-dry-run", "print exactly what --ai would send, send nothing and write nothing")
  .option("--ai-model <id>", `model id (default: ${DEFAULT_MODEL})`)
  .option("--ai-max-tokens <n>", "token budget for the run, input and output (default: 40000)")
  .option(
    "--ai-timeout <ms>",
    "time limit for the whole AI step, retries and waits included, in milliseconds (default: 120000)",
  )
  .option("--ai-retries <n>", "retries after rate limits, server errors and timeouts (default: 2)")
  .addHelpText(
    "after",
    `
Examples:
  $ govops analyse                                 analyse the current directory
  $ govops analyse examples/level-3-enquiry-service
  $ govops analyse . --json | jq .facts.routes     routes as JSON
  $ govops analyse . --level 4                     treat it as a PQ tracker
  $ govops analyse . --ai-dry-run                  show what AI enrichment would send
  $ govops analyse . --ai                          enrich, recording the answer in .govops/ai/`,
  )
  .action(async (dir: string, raw: unknown) => {
    const options = analyseOptionsSchema.parse(raw);
    const log = createLogger({ quiet: options.json });
    const enrich = aiOptions(options, log);
    let scores: LevelScores | undefined;
    const { profile, profilePath, enrichment } = await analyseService(dir, {
      onLevel: (level) => void (scores = level),
      profilePath: options.profile,
      config: locateConfig(directoryArgument(dir), options.config),
      level: options.level as Level | undefined,
      write: options.write && !options.aiDryRun,
      onProgress: log.progress,
      enrich,
      aiLog: { warn: log.warn, info: (message) => void process.stderr.write(`${message}\n`) },
    });
    if (enrichment?.status === "dry-run") {
      process.stdout.write(`${JSON.stringify(enrichment.body, null, 2)}\n`);
      return;
    }
    if (options.json) {
      process.stdout.write(`${JSON.stringify(profile, null, 2)}\n`);
      return;
    }
    writeText(
      summary(profile, options.write ? path.relative(process.cwd(), profilePath) || profilePath : undefined),
    );
    if (scores) writeText(levelDetail(profile, scores));
  });

function summary(p: Profile, written?: string): string {
  const f = p.facts;
  const where = (e: { file: string; line: number }) => `${e.file}:${e.line}`;
  const lines = [
    `${p.service.name}: Level ${p.service.level.value} (${LEVEL_NAMES[p.service.level.value as 1]}), confidence ${p.service.level.confidence}`,
    ...p.service.level.reasons.slice(0, 6).map((r) => `  - ${r}`),
    `Frameworks: ${f.frameworks.map((x) => `${x.name} (${where(x.evidence)})`).join(", ") || "none found"}`,
    `Routes: ${f.routes.length}`,
    ...f.routes.slice(0, 40).map((r) => `  ${r.method.padEnd(6)} ${r.path}  ${where(r.evidence)}`),
    `Datastores: ${f.datastores.map((d) => `${d.kind} via ${d.client} (${where(d.evidence)})`).join(", ") || "none found"}`,
    `Integrations: ${f.integrations.map((i) => `${i.name} [${i.kind}] (${where(i.evidence)})`).join(", ") || "none found"}`,
    `Auth: ${f.auth.map((a) => `${a.kind} (${where(a.evidence)})`).join(", ") || "none found"}`,
    `Personal data: ${f.personalData.map((d) => `${d.field} [${d.category}]`).join(", ") || "none found"}`,
    `Env vars: ${f.envVars.map((e) => e.name).join(", ") || "none found"}`,
    `Readiness: health ${f.readiness.healthEndpoints.map((h) => h.path).join(", ") || "MISSING"}; metrics ${yes(f.readiness.metrics.present)}; logging ${yes(f.readiness.logging.present)}; graceful shutdown ${yes(f.readiness.gracefulShutdown.present)}; outbound timeouts ${yes(f.readiness.outboundTimeouts.present)}${f.readiness.outboundTimeouts.present ? "" : ` (${f.readiness.outboundTimeouts.detail})`}`,
    `Journeys: ${p.journeys.map((j) => j.id).join(", ") || "none"}; failure modes: ${p.failureModes.length}`,
    `Scanned ${f.stats.files} files, parsed ${f.stats.sourceFiles} sources (${f.stats.lines} lines)`,
  ];
  if (f.skipped.length) {
    lines.push(
      `Skipped ${f.skipped.length}:`,
      ...f.skipped.slice(0, 20).map((s) => `  ${s.file}: ${s.reason}`),
    );
    if (f.skipped.length > 20) lines.push(`  … and ${f.skipped.length - 20} more (see --json)`);
  }
  if (written) lines.push(`Profile written to ${written}`);
  return `${lines.join("\n")}\n`;
}

const yes = (b: boolean) => (b ? "yes" : "NO");

type LevelScores = { scores: Record<string, number>; signals?: string[] };

/** All five scores, every signal in words, and how to settle an unsure level. */
function levelDetail(p: Profile, level: LevelScores): string {
  const lines = [
    `Level scores: ${[1, 2, 3, 4, 5].map((l) => `${l} ${LEVEL_NAMES[l as 1]} ${level.scores[l] ?? 0}`).join("; ")}`,
    "Signals:",
    ...(level.signals?.length ? level.signals.map((s) => `  - ${s}`) : ["  (none found)"]),
  ];
  if (p.service.level.unsure)
    lines.push(
      `Level unsure (confidence ${p.service.level.confidence} is below ${UNSURE_BELOW}, or the top two tie): the profile uses only what every archetype shares.`,
      `  Set it yourself in govops.config.yaml:  service:\n    level: ${p.service.level.value}   # 1 forms, 2 dashboard, 3 enquiries/casework, 4 PQ/legacy, 5 rules`,
    );
  return `${lines.join("\n")}\n`;
}

function aiOptions(o: z.infer<typeof analyseOptionsSchema>, log: Logger): AiOptions | false | undefined {
  if (o.ai === false) return false;
  if (!o.ai && !o.aiDryRun) return undefined;
  return {
    dryRun: o.aiDryRun,
    model: o.aiModel,
    maxTokens: o.aiMaxTokens,
    timeoutMs: o.aiTimeout,
    maxRetries: o.aiRetries,
    warn: log.warn,
    // Spend is always shown, on stderr, even under --json.
    info: (message) => void process.stderr.write(`${message}\n`),
  };
}
