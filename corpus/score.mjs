// npm run corpus -- [--json] [--details] [--expect FILE] DIR...
// Analyses each work tree through the built programmatic API (no AI, nothing written) and scores it against
// corpus/expectations/<folder name>.yaml, or the file given with --expect before the tree.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { expectationSchema, scoreService, totals } from "./scoring.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const USAGE = "usage: npm run corpus -- [--json] [--details] [--expect FILE] DIR...";

function parseArgs(argv) {
  const jobs = [];
  const flags = { json: false, details: false };
  let expect;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--json") flags.json = true;
    else if (arg === "--details") flags.details = true;
    else if (arg === "--expect") expect = argv[++i];
    else if (arg.startsWith("-")) throw new Error(`unknown option ${arg}\n${USAGE}`);
    else {
      const dir = path.resolve(arg);
      jobs.push({ dir, expect: expect ?? path.join(here, "expectations", `${path.basename(dir)}.yaml`) });
      expect = undefined;
    }
  }
  if (jobs.length === 0) throw new Error(`no work tree given\n${USAGE}`);
  return { jobs, flags };
}

function loadExpectation(file) {
  if (!existsSync(file))
    throw new Error(`no expectation file ${file}: name the tree <owner>+<name> or pass --expect`);
  const parsed = expectationSchema.safeParse(parse(readFileSync(file, "utf8")));
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`${file} is not a valid expectation: ${issues}`);
  }
  return parsed.data;
}

function headOf(dir) {
  try {
    return execFileSync("git", ["-C", dir, "rev-parse", "HEAD"], { encoding: "utf8", stdio: "pipe" }).trim();
  } catch {
    return undefined;
  }
}

const pct = (v) => (v === null ? " n/a" : v.toFixed(2));
const pr = (s) => `${pct(s.precision)}/${pct(s.recall)}`;
const yes = (b) => (b ? "right" : "WRONG");
const pad = (text, width) => String(text).padEnd(width);
const SET_FIELDS = ["routes", "datastores", "integrations", "auth", "personalData", "frameworks"];

function table(scores, total) {
  const name = (s) => s.repo.split("/")[1];
  const width = Math.max(14, ...scores.map((s) => name(s).length)) + 2;
  const lines = ["precision/recall", pad("service", width) + SET_FIELDS.map((f) => pad(f, 14)).join("")];
  for (const s of scores)
    lines.push(pad(name(s), width) + SET_FIELDS.map((f) => pad(pr(s.sets[f]), 14)).join(""));
  lines.push(pad("TOTAL (micro)", width) + SET_FIELDS.map((f) => pad(pr(total.sets[f]), 14)).join(""));
  const checks = ["auth", "health", "metrics", "logger", "shutdown", "timeouts"];
  lines.push(
    "",
    pad("service", width) + pad("level", 26) + checks.map((c) => pad(c, 9)).join("") + "test/mock evidence",
  );
  for (const s of scores) {
    const level = `${s.level.outcome} (${s.level.actual} vs ${s.level.expected})`;
    const row = checks.map((c) => pad(yes(s.checks[c]), 9)).join("");
    lines.push(pad(name(s), width) + pad(level, 26) + row + s.testEvidence.count);
  }
  const l = total.level;
  const counted = checks.map((c) => pad(`${total.checks[c]}/${total.services}`, 9)).join("");
  lines.push(
    pad("TOTAL", width) +
      pad(`${l.right} right ${l.unsure} unsure ${l.wrong} wrong`, 26) +
      counted +
      total.testEvidence,
  );
  return lines.join("\n");
}

function details(s) {
  const lines = [`\n${s.repo}`];
  for (const f of SET_FIELDS) {
    const { missed = [], unexpected = [] } = s.sets[f];
    if (missed.length) lines.push(`  ${f} missed: ${missed.join(", ")}`);
    if (unexpected.length)
      lines.push(
        `  ${f} unexpected: ${unexpected.slice(0, 15).join(", ")}${unexpected.length > 15 ? ", …" : ""}`,
      );
  }
  const a = s.actual;
  lines.push(
    `  found: health ${a.health.join(" ") || "none"}; ${a.metrics}; ${a.logger}; shutdown ${a.shutdown}; timeouts ${a.timeouts}`,
  );
  if (s.testEvidence.count) lines.push(`  test/mock evidence in: ${s.testEvidence.files.join(", ")}`);
  return lines.join("\n");
}

async function main() {
  const { jobs, flags } = parseArgs(process.argv.slice(2));
  const api = path.join(here, "..", "dist", "index.js");
  if (!existsSync(api)) throw new Error("dist/index.js is missing: run `npm run build` first");
  const { analyse } = await import(api);
  const scores = [];
  const failures = [];
  for (const job of jobs) {
    try {
      const expectation = loadExpectation(job.expect);
      const head = headOf(job.dir);
      if (head && head !== expectation.commit)
        process.stderr.write(
          `warning: ${job.dir} is at ${head}, the expectation describes ${expectation.commit}\n`,
        );
      if (!flags.json) process.stderr.write(`analysing ${expectation.repo}…\n`);
      const analysis = await analyse(job.dir);
      scores.push({ ...scoreService(expectation, analysis), dir: job.dir });
    } catch (error) {
      failures.push({ dir: job.dir, error: error.message });
      process.stderr.write(`error: ${job.dir}: ${error.message}\n`);
    }
  }
  const total = totals(scores);
  if (flags.json)
    process.stdout.write(JSON.stringify({ services: scores, totals: total, failures }, null, 2) + "\n");
  else {
    process.stdout.write(table(scores, total) + "\n");
    if (flags.details) process.stdout.write(scores.map(details).join("\n") + "\n");
  }
  if (failures.length) process.exitCode = 2;
}

main().catch((error) => {
  process.stderr.write(`error: ${error.message}\n`);
  process.exitCode = 2;
});
