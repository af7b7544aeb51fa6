import { readFile } from "node:fs/promises";
import path from "node:path";
import { Command } from "commander";
import { parse } from "yaml";
import { z } from "zod";
import { ciPlatformSchema, levelSchema } from "../../schemas.js";
import { GovopsError } from "../../errors.js";
import { CONFIG_FILES } from "../../profile/config.js";
import { DEFAULT_PROFILE_PATH } from "../../profile/io.js";
import { readConfigDocument, writeConfigDocument } from "../../profile/config-io.js";
import {
  applyAnswers,
  fiscalEventFreeze,
  keptDefaults,
  parseContact,
  parsePeriod,
  parseRatio,
  type InitAnswers,
} from "../../profile/init.js";
import { addSchemaModeline } from "../schema-modeline.js";
import { askForMissing, defaultPrompts, type Prompts } from "../init-prompts.js";

const collect = (value: string, previous: string[] = []) => [...previous, value];

export const initOptionsSchema = z
  .object({
    config: z.string().optional(),
    name: z.string().optional(),
    department: z.string().optional(),
    ownerTeam: z.string().optional(),
    contact: z.array(z.string()).optional(),
    hosting: z.string().optional(),
    ci: ciPlatformSchema.optional(),
    classification: z.enum(["OFFICIAL", "OFFICIAL-SENSITIVE"]).optional(),
    level: z.coerce.number().pipe(levelSchema).optional(),
    availability: z.string().optional(),
    latencyMs: z.coerce.number().int().positive().optional(),
    latencyTarget: z.string().optional(),
    peak: z.array(z.string()).optional(),
    freeze: z.array(z.string()).optional(),
    fiscalEvent: z.array(z.string()).optional(),
    yes: z.boolean().default(false),
  })
  .strict();
export type InitOptions = z.infer<typeof initOptionsSchema>;

/** What must be known before a config is useful; `--yes` leaves the rest to analysis and the baseline. */
const REQUIRED = [
  ["department", "--department"],
  ["ownerTeam", "--owner-team"],
  ["escalation", "--contact"],
  ["dataClassification", "--classification"],
] as const;

export interface InitDeps {
  prompts?: Prompts;
  isTTY?: () => boolean;
  out?: NodeJS.WritableStream;
}

export function createInitCommand(deps: InitDeps = {}): Command {
  return new Command("init")
    .description(
      "Ask what code cannot tell (owner, contacts, SLOs, peaks, freezes) and write govops.config.yaml",
    )
    .argument("[dir]", "service repository", ".")
    .option("--config <file>", "config file to write (default: <dir>/govops.config.yaml)")
    .option("--name <slug>", "service name, lower-case with hyphens")
    .option("--department <name>", "owning department or organisation")
    .option("--owner-team <name>", "team that runs the service")
    .option("--contact <role:name:contact>", "escalation contact, first to call first (repeat)", collect)
    .option("--hosting <platform>", "hosting target, e.g. kubernetes, aws-ecs, azure-app-service")
    .option("--ci <platform>", "CI platform: github or gitlab")
    .option("--classification <level>", "data classification: OFFICIAL or OFFICIAL-SENSITIVE")
    .option("--level <n>", "archetype level 1-5 (default: classified by analysis)")
    .option("--availability <percent>", "availability SLO of the critical journey, e.g. 99.5")
    .option("--latency-ms <ms>", "latency threshold of the critical journey")
    .option("--latency-target <percent>", "share of requests faster than the threshold, e.g. 95")
    .option("--peak <START..END NAME>", "peak period, dates MM-DD or YYYY-MM-DD (repeat)", collect)
    .option("--freeze <START..END NAME>", "change freeze window (repeat)", collect)
    .option(
      "--fiscal-event <YYYY-MM-DD>",
      "Budget or fiscal event: freeze the day before to the day after (repeat)",
      collect,
    )
    .option("-y, --yes", "do not ask: use the flags, and leave anything else to analysis and the baseline")
    .addHelpText(
      "after",
      `
Examples:
  $ govops init                                   ask in the terminal
  $ govops init . --yes --department "Department for Work and Pensions" --owner-team "Enquiries" \\
      --contact "Service owner:Sam Patel:sam.patel@example.gov.uk" --classification OFFICIAL-SENSITIVE \\
      --availability 99.9 --fiscal-event 2027-03-17 --peak "04-01..04-30 Benefit uprating"`,
    )
    .action(async (dir: string, raw: unknown) => {
      const options = initOptionsSchema.parse(raw);
      const file = path.resolve(options.config ?? path.join(dir, CONFIG_FILES[0]));
      const doc = await readConfigDocument(file);
      const existing = (doc.toJS() ?? {}) as Record<string, Record<string, unknown> | undefined>;
      let answers = answersFromFlags(options);
      const interactive = !options.yes && (deps.isTTY ?? (() => process.stdin.isTTY === true))();
      if (interactive) {
        const level = answers.service?.level ?? (existing.service?.level as number | undefined);
        answers = await askForMissing(
          answers,
          existing,
          deps.prompts ?? defaultPrompts,
          await packageName(dir),
          await keptDefaults(level ?? (await analysedLevel(dir))),
        );
      } else if (!options.yes) {
        const missing = REQUIRED.filter(([key]) => !known(key, answers, existing)).map(([, flag]) => flag);
        if (missing.length)
          throw new GovopsError(
            "USAGE",
            `init needs ${missing.join(", ")}: there is no terminal to ask on`,
            "Pass them as flags, or --yes to leave them to analysis and the baseline.",
          );
      }
      applyAnswers(doc, answers);
      addSchemaModeline(doc, file);
      await writeConfigDocument(file, doc);
      (deps.out ?? process.stdout).write(
        `Wrote ${path.relative(process.cwd(), file) || file}. Run \`govops analyse\` to merge it into ops/profile.yaml.\n`,
      );
    });
}

export const initCommand = createInitCommand();

function answersFromFlags(o: InitOptions): InitAnswers {
  return {
    service: {
      name: o.name,
      department: o.department,
      ownerTeam: o.ownerTeam,
      hosting: o.hosting,
      ciPlatform: o.ci,
      dataClassification: o.classification,
      level: o.level,
    },
    escalation: o.contact?.map(parseContact),
    slo: {
      availability: o.availability === undefined ? undefined : parseRatio(o.availability, "--availability"),
      latencyMs: o.latencyMs,
      latencyTarget:
        o.latencyTarget === undefined ? undefined : parseRatio(o.latencyTarget, "--latency-target"),
    },
    peakPeriods: o.peak?.map((p) => parsePeriod(p, "--peak")),
    changeFreezes: [
      ...(o.freeze ?? []).map((p) => parsePeriod(p, "--freeze")),
      ...(o.fiscalEvent ?? []).map(fiscalEventFreeze),
    ],
  };
}

function known(
  key: string,
  answers: InitAnswers,
  existing: Record<string, Record<string, unknown> | undefined>,
) {
  if (key === "escalation") return Boolean(answers.escalation?.length || existing.contacts?.escalation);
  return (
    (answers.service as Record<string, unknown>)[key] !== undefined || existing.service?.[key] !== undefined
  );
}

/** The level the last analysis classified, from ops/profile.yaml, if there is one. */
async function analysedLevel(dir: string): Promise<number | undefined> {
  try {
    const profile = parse(await readFile(path.join(dir, DEFAULT_PROFILE_PATH), "utf8")) as {
      service?: { level?: { value?: unknown } };
    };
    const value = profile.service?.level?.value;
    return levelSchema.safeParse(value).success ? (value as number) : undefined;
  } catch {
    return undefined;
  }
}

async function packageName(dir: string): Promise<string | undefined> {
  try {
    const pkg = JSON.parse(await readFile(path.join(dir, "package.json"), "utf8")) as { name?: string };
    return pkg.name?.replace(/^@[^/]+\//, "");
  } catch {
    return undefined;
  }
}
