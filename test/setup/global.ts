import { execFileSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { installHint, missingTools } from "../tools.js";

const ROOT = path.resolve(import.meta.dirname, "../..");

function run(command: string, args: string[], cwd: string) {
  execFileSync(command, args, { cwd, stdio: ["ignore", "ignore", "inherit"] });
}

/**
 * What `npm test` needs on a fresh clone after `npm ci`, so it passes without `.ci/run`: the built CLI the
 * end-to-end tests run, and each example's own dependencies (the instrumentation tests compile against them),
 * installed from the examples' lockfiles. System tools cannot be installed from here: a missing one is named
 * with its install command, and under CI it fails the run, so CI never passes with validators skipped.
 */
export default function setup() {
  process.stderr.write("test setup: building dist/ for the end-to-end tests\n");
  run("npx", ["tsc", "-p", "tsconfig.build.json"], ROOT);
  for (const example of readdirSync(path.join(ROOT, "examples"))) {
    const dir = path.join(ROOT, "examples", example);
    if (!existsSync(path.join(dir, "package-lock.json")) || existsSync(path.join(dir, "node_modules")))
      continue;
    process.stderr.write(`test setup: installing ${example}'s dependencies from its lockfile\n`);
    run("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], dir);
  }
  const missing = missingTools();
  if (missing.length === 0) return;
  const message = `missing system tools: ${missing.join(", ")}. Install them with: ${installHint(missing)}`;
  if (process.env.CI) throw new Error(`${message} (required when CI is set)`);
  process.stderr.write(`test setup: ${message}; the tests that need them are skipped\n`);
}
