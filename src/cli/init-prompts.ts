import { input, select } from "@inquirer/prompts";
import type { CiPlatform } from "../schemas.js";
import { minimumSlo } from "../profile/config.js";
import {
  fiscalEventFreeze,
  parsePeriod,
  parseRatio,
  type InitAnswers,
  type KeptDefaults,
} from "../profile/init.js";
import type { Contact } from "../profile/schema.js";
import { CONTACT_ROLES } from "../packs/shared/contacts.js";

/** The two prompt kinds init uses; injectable so tests can answer them. */
export interface Prompts {
  input(config: {
    message: string;
    default?: string;
    validate?: (value: string) => boolean | string;
  }): Promise<string>;
  select<V extends string>(config: {
    message: string;
    choices: Array<{ name: string; value: V }>;
    default?: V;
  }): Promise<V>;
}

// Prompts draw on stderr so stdout stays for data, as with every other command.
const context = { output: process.stderr };
export const defaultPrompts: Prompts = {
  input: (config) => input(config, context),
  select: (config) => select(config, context) as never,
};

type Existing = Record<string, Record<string, unknown> | undefined>;

const HOSTING = [
  "kubernetes",
  "aws-ecs",
  "aws-lambda",
  "azure-app-service",
  "gcp-cloud-run",
  "cloud-foundry",
];

/** Asks for every answer the flags did not give, offering what the config already holds as the default. */
export async function askForMissing(
  answers: InitAnswers,
  existing: Existing,
  p: Prompts,
  packageName?: string,
  kept?: KeptDefaults,
): Promise<InitAnswers> {
  const s = { ...answers.service };
  const had = (key: string) => existing.service?.[key] as string | undefined;
  const text = async (message: string, current?: string, validate?: (v: string) => boolean | string) =>
    (
      await p.input({ message, ...(current ? { default: current } : {}), ...(validate ? { validate } : {}) })
    ).trim();
  const required = (v: string) => v.trim().length > 0 || "Required";

  s.name ??= await text(
    "Service name (lower-case, hyphens)",
    had("name") ?? packageName,
    (v) => /^[a-z0-9][a-z0-9-]{0,62}$/.test(v.trim()) || "Lower-case letters, digits and hyphens",
  );
  s.department ??= await text("Department or organisation", had("department"), required);
  s.ownerTeam ??= await text("Team that runs the service", had("ownerTeam"), required);
  const escalation = answers.escalation?.length ? answers.escalation : await askContacts(p, existing);
  const hosting = s.hosting ?? (await askHosting(p, had("hosting")));
  s.ciPlatform ??= await p.select({
    message: "CI platform",
    choices: [
      { name: "GitHub Actions", value: "github" as const },
      { name: "GitLab CI", value: "gitlab" as const },
    ],
    default: (had("ciPlatform") as CiPlatform | undefined) ?? "github",
  });
  const slo = { ...answers.slo };
  const keep = (what?: string) => `(empty keeps ${what ?? "the baseline's"})`;
  slo.availability ??= await askRatio(
    p,
    `Availability SLO of the most critical journey, % ${keep(kept?.availability)}`,
  );
  if (slo.latencyMs === undefined) {
    const ms = await text(
      `Latency threshold of that journey, ms ${keep(kept?.thresholdMs)}`,
      undefined,
      (v) => v.trim() === "" || /^[1-9]\d*$/.test(v.trim()) || "A whole number of milliseconds",
    );
    slo.latencyMs = ms ? Number(ms) : undefined;
  }
  slo.latencyTarget ??= await askRatio(
    p,
    `Share of requests faster than the threshold, % ${keep(kept?.target)}`,
  );
  const peaks =
    answers.peakPeriods ?? (await askList(p, "Peak periods: START..END NAME, separated by ';'", "--peak"));
  const freezes = answers.changeFreezes?.length
    ? answers.changeFreezes
    : [
        ...(await askList(p, "Change freezes: START..END NAME, separated by ';'", "--freeze")),
        ...(await askFiscalEvents(p)),
      ];
  s.dataClassification ??= await p.select<"OFFICIAL" | "OFFICIAL-SENSITIVE">({
    message: "Data classification",
    choices: [
      { name: "OFFICIAL", value: "OFFICIAL" as const },
      { name: "OFFICIAL-SENSITIVE (personal or sensitive data)", value: "OFFICIAL-SENSITIVE" as const },
    ],
    default:
      (had("dataClassification") as "OFFICIAL" | "OFFICIAL-SENSITIVE" | undefined) ??
      kept?.dataClassification ??
      "OFFICIAL-SENSITIVE",
  });
  return { service: { ...s, hosting }, escalation, slo, peakPeriods: peaks, changeFreezes: freezes };
}

const OTHER_ROLE = "other";

/**
 * Contacts in escalation order. The roles the pack's escalation chain and comms use are offered as a list, with
 * when each is called; any other role can be typed. Finishing at once keeps the contacts the config already has.
 */
async function askContacts(p: Prompts, existing: Existing): Promise<Contact[] | undefined> {
  const had = (existing.contacts?.escalation as Contact[] | undefined) ?? [];
  const contacts: Contact[] = [];
  for (;;) {
    const n = contacts.length + 1;
    const open = CONTACT_ROLES.filter((r) => !contacts.some((c) => r.match.test(c.role)));
    const finish =
      n === 1 && had.length
        ? `Keep the ${had.length} already listed: ${had.map((c) => c.role).join(", ")}`
        : "No more contacts";
    const picked = await p.select({
      message: `Escalation contact ${n}: role`,
      choices: [
        ...open.map((r) => ({ name: `${r.role}: ${r.when}`, value: r.role })),
        { name: "Another role", value: OTHER_ROLE },
        { name: finish, value: "" },
      ],
      default: open[0]?.role ?? "",
    });
    if (!picked) break;
    const role =
      picked === OTHER_ROLE
        ? (
            await p.input({
              message: `Contact ${n}: role`,
              validate: (v) => v.trim().length > 0 || "Required",
            })
          ).trim()
        : picked;
    const name = (await p.input({ message: `Contact ${n}: name` })).trim();
    const contact = (await p.input({ message: `Contact ${n}: email, phone or rota link` })).trim();
    contacts.push({ role, name, contact });
  }
  return contacts.length ? contacts : undefined;
}

async function askHosting(p: Prompts, current?: string): Promise<string | undefined> {
  const choice = await p.select({
    message: "Hosting target",
    choices: [...HOSTING.map((h) => ({ name: h, value: h })), { name: "other", value: "other" }],
    default: current && HOSTING.includes(current) ? current : current ? "other" : "kubernetes",
  });
  return choice === "other"
    ? (await p.input({ message: "Hosting target", default: current ?? "" })).trim()
    : choice;
}

async function askRatio(p: Prompts, message: string): Promise<number | undefined> {
  const floor = minimumSlo(28);
  const value = await p.input({
    message: `${message} (empty: the baseline's)`,
    validate: (v) => {
      if (v.trim() === "") return true;
      try {
        return (
          parseRatio(v, message) > floor ||
          `Above ${Math.ceil(floor * 10000) / 100}%, or its page alert can never fire`
        );
      } catch {
        return "A percentage such as 99.5";
      }
    },
  });
  return value.trim() ? parseRatio(value, message) : undefined;
}

async function askList(p: Prompts, message: string, flag: string) {
  const value = await p.input({
    message: `${message} (empty for none)`,
    validate: (v) => valid(() => split(v).forEach((x) => parsePeriod(x, flag))),
  });
  return split(value).map((x) => parsePeriod(x, flag));
}

async function askFiscalEvents(p: Prompts) {
  const value = await p.input({
    message: "Fiscal events (Budget dates) to freeze around, YYYY-MM-DD separated by spaces (empty for none)",
    validate: (v) => valid(() => v.split(/\s+/).filter(Boolean).forEach(fiscalEventFreeze)),
  });
  return value.split(/\s+/).filter(Boolean).map(fiscalEventFreeze);
}

const split = (v: string) =>
  v
    .split(";")
    .map((x) => x.trim())
    .filter(Boolean);

function valid(check: () => void): true | string {
  try {
    check();
    return true;
  } catch (error) {
    return (error as { suggestion?: string }).suggestion ?? (error as Error).message;
  }
}
