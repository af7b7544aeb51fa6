// npm run corpus:pack -- [--json] [--audience staff|public|both|services] DIR...
// Audits packs govops already generated (run analyse and generate on a COPY of each tree first) against the
// Done-when of issue 16: runbook variables, cloud CLIs, citizen comms on staff-only services, covered rows in
// COMPLIANCE.md that name no file, and markdownlint. Prints a table of counts (or --json); exit 2 on a bad tree.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import {
  citizenSections,
  cloudsFound,
  coveredWithoutFile,
  foreignCloudCommands,
  undefinedVariables,
} from "./pack-audit-rules.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const USAGE = "usage: npm run corpus:pack -- [--json] [--audience staff|public|both|services] DIR...";
const AUDIENCES = ["staff", "public", "both", "services"];

function parseArgs(argv) {
  const known = parse(readFileSync(path.join(here, "audience.yaml"), "utf8"));
  const jobs = [];
  let json = false;
  let audience;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--json") json = true;
    else if (arg === "--audience") {
      audience = argv[++i];
      if (!AUDIENCES.includes(audience))
        throw new Error(`--audience ${audience}: use ${AUDIENCES.join(", ")}`);
    } else if (arg.startsWith("-")) throw new Error(`unknown option ${arg}\n${USAGE}`);
    else {
      const dir = path.resolve(arg);
      jobs.push({ dir, audience: audience ?? known[path.basename(dir)] });
      audience = undefined;
    }
  }
  if (jobs.length === 0) throw new Error(`no pack given\n${USAGE}`);
  return { jobs, json };
}

const readText = (dir, rel) => readFileSync(path.join(dir, rel), "utf8");
const markdownIn = (dir, rel) =>
  existsSync(path.join(dir, rel))
    ? readdirSync(path.join(dir, rel))
        .filter((f) => f.endsWith(".md"))
        .map((f) => ({ rel: `${rel}/${f}`, content: readText(dir, `${rel}/${f}`) }))
    : [];

async function audit(job, lintMarkdown) {
  const { dir } = job;
  if (!existsSync(path.join(dir, "ops/manifest.json")))
    throw new Error(`${dir} has no ops/manifest.json: run govops analyse and generate on it first`);
  const facts = parse(readText(dir, "ops/profile.yaml")).facts;
  const env = new Set(facts.envVars.map((e) => e.name));
  const clouds = cloudsFound(facts);
  const runbooks = markdownIn(dir, "ops/runbooks");
  const variables = runbooks.flatMap((f) => undefinedVariables(f.content, env).map((v) => `${f.rel}: $${v}`));
  const cli = runbooks.flatMap((f) =>
    foreignCloudCommands(f.content, clouds).map((c) => `${f.rel}: ${c.line}`),
  );
  const comms = markdownIn(dir, "ops/incident/comms");
  const citizen =
    job.audience === "staff"
      ? comms.flatMap((f) => citizenSections(f.content).map((s) => `${f.rel}: ${s}`))
      : [];
  // The other side of the rule: a service the public uses must get its drafts.
  const publicWithout =
    (job.audience === "public" || job.audience === "both") &&
    comms.length > 0 &&
    comms.every((f) => citizenSections(f.content).length === 0);
  const compliance = existsSync(path.join(dir, "ops/COMPLIANCE.md"))
    ? coveredWithoutFile(readText(dir, "ops/COMPLIANCE.md"), (rel) => existsSync(path.join(dir, "ops", rel)))
    : [];
  const manifest = JSON.parse(readText(dir, "ops/manifest.json"));
  const markdown = manifest.files
    .filter((f) => f.path.endsWith(".md") && existsSync(path.join(dir, f.path)))
    .map((f) => ({ rel: f.path, content: readText(dir, f.path) }));
  const lint = await lintMarkdown(markdown);
  return {
    service: path.basename(dir),
    audience: job.audience ?? "unknown",
    clouds,
    counts: {
      undefinedVariables: variables.length,
      foreignCloudCli: cli.length,
      citizenDraftsOnStaffOnly: citizen.length,
      publicWithoutCitizenDrafts: publicWithout ? 1 : 0,
      coveredWithoutFile: compliance.length,
      markdownlint: lint === undefined ? null : lint.length,
    },
    details: {
      variables,
      cli,
      citizen,
      compliance,
      markdownlint: (lint ?? []).map((p) => `${p.file}: ${p.message}`),
    },
  };
}

function table(results) {
  const head = [
    "service",
    "audience",
    "clouds",
    "$VAR",
    "cloud CLI",
    "citizen drafts",
    "public no drafts",
    "covered no file",
    "mdlint",
  ];
  const rows = results.map((r) => [
    r.service,
    r.audience,
    r.clouds.join(",") || "none",
    ...Object.values(r.counts).map((n) => (n === null ? "n/a" : String(n))),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  return [head, ...rows]
    .map((r) =>
      r
        .map((c, i) => c.padEnd(widths[i]))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

async function main() {
  const { jobs, json } = parseArgs(process.argv.slice(2));
  const api = path.join(here, "..", "dist", "check", "validators", "markdown.js");
  if (!existsSync(api)) throw new Error("dist/ is missing: run `npm run build` first");
  const { lintMarkdown } = await import(api);
  const results = [];
  let failed = false;
  for (const job of jobs) {
    try {
      results.push(await audit(job, lintMarkdown));
    } catch (error) {
      failed = true;
      process.stderr.write(`error: ${job.dir}: ${error.message}\n`);
    }
  }
  if (json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  else {
    process.stdout.write(`${table(results)}\n`);
    for (const r of results)
      for (const [rule, items] of Object.entries(r.details))
        for (const item of items.slice(0, 5)) process.stderr.write(`${r.service} ${rule}: ${item}\n`);
  }
  if (failed) process.exitCode = 2;
}

main().catch((error) => {
  process.stderr.write(`${error.message}\n`);
  process.exitCode = 2;
});
