import { Command } from "commander";
import { z } from "zod";
import { ExitCode, GovopsError } from "../../errors.js";
import { runDrill, type DrillResult } from "../../drill/index.js";
import { parseDuration } from "../../drill/compress.js";
import { onInterrupt } from "../../drill/supervisor.js";
import { createLogger } from "../logger.js";
import { directoryArgument, fileOption } from "../options.js";
import { writeText } from "../terminal.js";

const duration = z
  .string()
  .refine((d) => parseDuration(d) !== undefined, { error: "is not a duration such as 30m, 1h or 6h" });

export const drillOptionsSchema = z
  .object({
    profile: fileOption.optional(),
    journey: z.string().min(1).optional(),
    dependency: z.string().min(1).optional(),
    /** down (default), errors, or burn. */
    failure: z.enum(["down", "errors", "burn"]).default("down"),
    /** Error-budget burn rate for --failure burn. Default 10. */
    burnRate: z.coerce.number().positive().max(1000).default(10),
    /** Real seconds per drill second. Default 60. */
    speed: z.coerce.number().int().min(1).max(3600).default(60),
    warmup: duration.default("1h"),
    timeout: duration.default("6h"),
    rate: z.coerce.number().positive().max(200).default(10),
    start: z.string().min(1).optional(),
    env: z.array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*=/, "is not NAME=value")).default([]),
    json: z.boolean().default(false),
  })
  .strict();

const collect = (value: string, previous: string[] = []) => [...previous, value];

function text(r: DrillResult): string {
  const t = (x: { drillSeconds: number; realSeconds: number }) =>
    `${x.drillSeconds}s drill time ≈ ${x.realSeconds >= 5400 ? `${Math.round(x.realSeconds / 360) / 10} h` : `${Math.round(x.realSeconds / 6) / 10} min`} real time`;
  return [
    `Drill of ${r.service}, journey "${r.journey}": ${r.failure}`,
    `  time compressed ${r.factor}x (scrape every ${r.intervals.scrape}, rules every ${r.intervals.evaluation}); ${r.traffic.drillPerSecond} requests per drill second ≈ ${r.traffic.realPerMinute} per real minute; ${t(r.warmup)} of healthy traffic first`,
    r.page
      ? `  PAGED: ${r.page.alert} (${r.page.severity}) after ${t(r.page)}, to ${r.page.receivers.join(", ")}`
      : "  NOT PAGED within the timeout",
    r.page
      ? r.resolved
        ? `  RESOLVED ${t(r.resolved)} after recovery`
        : "  NOT RESOLVED after recovery within the timeout"
      : "",
    r.pagedWhileHealthy.length
      ? `  PAGED BEFORE THE FAILURE (healthy traffic): ${r.pagedWhileHealthy.join(", ")}`
      : "",
    r.firingWhileHealthy.length ? `  firing during healthy traffic: ${r.firingWhileHealthy.join(", ")}` : "",
    r.otherAlerts.length ? `  also notified: ${r.otherAlerts.join(", ")}` : "",
    r.ok ? "Drill passed: the page arrived and resolved." : "Drill failed.",
  ]
    .filter(Boolean)
    .join("\n");
}

export const drillCommand = new Command("drill")
  .description(
    "Game day: run the service with real Prometheus and Alertmanager, break it, and time the page (exit 1 if no page or no resolution)",
  )
  .argument("[dir]", "service repository with a generated pack", ".")
  .option("--profile <file>", "profile (default: <dir>/ops/profile.yaml)")
  .option("--journey <id>", "journey to drill (default: the most critical)")
  .option(
    "--dependency <id>",
    "dependency to fail (default: the journey's first one the drill can stand in for)",
  )
  .option(
    "--failure <mode>",
    "down (default): the dependency goes down; errors: it answers with errors; burn: the ingress fails --burn-rate times the error budget",
  )
  .option("--burn-rate <n>", "burn rate for --failure burn (default: 10)")
  .option("--speed <factor>", "real seconds per drill second (default: 60, so a drill minute is a real hour)")
  .option("--warmup <duration>", "healthy traffic before the failure, in real time (default: 1h)")
  .option("--timeout <duration>", "how long to wait for the page, in real time (default: 6h)")
  .option("--rate <n>", "requests per drill second (default: 10)")
  .option("--start <command>", "shell command that starts the service (default: package.json's start script)")
  .option("--env <NAME=value>", "environment for the service (repeatable)", collect)
  .option("--json", "print the result as JSON on stdout")
  .addHelpText(
    "after",
    `
Examples:
  $ govops drill examples/level-1-forms-service                 the critical journey's dependency goes down
  $ govops drill examples/level-1-forms-service --dependency case-api --failure errors
  $ govops drill . --failure burn --burn-rate 10 --speed 360    a 10x burn; a drill minute is six real hours
  $ govops drill . --json | jq .page

Time runs --speed times faster: windows, for: durations, scrape, evaluation and Alertmanager timers are divided by it,
burn-rate thresholds are kept. Multiply a drill time by --speed for the real time.
Needs prometheus and alertmanager on PATH (sudo apt-get install prometheus prometheus-alertmanager).
Stand-ins: HTTP APIs and Redis named by an env var are stubbed. A database is not: give the service one with
--env DATABASE_URL=postgres://… (schema migrated first, e.g. npm run migrate) and the drill connects it through a
proxy it can take down, so the database becomes the default failure. Routes behind a bearer token need a real
identity provider and token; the drill sends none (examples Levels 4-5).
Exit codes: 0 paged and resolved, 1 not paged or not resolved, 2 error, 130 interrupted.`,
  )
  .action(async (dir: string, raw: unknown) => {
    const options = drillOptionsSchema.parse(raw);
    const log = createLogger({ quiet: options.json });
    const controller = new AbortController();
    const removeHandlers = onInterrupt((signal) => {
      log.warn(`${signal}: stopping the drill and everything it started`);
      controller.abort(new GovopsError("USAGE", "Drill interrupted"));
    });
    try {
      const result = await runDrill(directoryArgument(dir), {
        profilePath: options.profile,
        journey: options.journey,
        dependency: options.dependency,
        failure:
          options.failure === "burn" ? { kind: "burn", rate: options.burnRate } : { kind: options.failure },
        factor: options.speed,
        warmupMs: parseDuration(options.warmup),
        pageTimeoutMs: parseDuration(options.timeout),
        rate: options.rate,
        start: options.start,
        env: Object.fromEntries(
          options.env.map((e) => [e.slice(0, e.indexOf("=")), e.slice(e.indexOf("=") + 1)]),
        ),
        onProgress: (m) => log.info(m),
        signal: controller.signal,
      });
      if (options.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      else writeText(`${text(result)}\n`);
      if (!result.ok) process.exitCode = ExitCode.findings;
    } catch (error) {
      if (!controller.signal.aborted) throw error;
      process.exitCode = ExitCode.interrupted;
    } finally {
      removeHandlers();
    }
  });
