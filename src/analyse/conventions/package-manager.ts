import type { RepoConventions } from "../facts.js";
import type { RepoFiles } from "./files.js";

type PackageManager = RepoConventions["packageManager"];

/** npm, Yarn classic, Yarn berry (PnP or node_modules) or pnpm: from `packageManager`, then the lockfile. */
export function packageManager(files: RepoFiles, pkg: Record<string, unknown>): PackageManager {
  const declared =
    typeof pkg.packageManager === "string" ? /^(npm|yarn|pnpm)@([\w.+-]+)/.exec(pkg.packageManager) : null;
  const has = (p: string) => files.paths.includes(p);
  const lockfile = ["pnpm-lock.yaml", "yarn.lock", "package-lock.json", "npm-shrinkwrap.json"].find(has);
  const name =
    (declared?.[1] as PackageManager["name"] | undefined) ??
    (lockfile === "pnpm-lock.yaml" ? "pnpm" : lockfile === "yarn.lock" ? "yarn" : "npm");
  const version = declared?.[2]?.split("+")[0];
  const workspaces = Boolean(pkg.workspaces) || has("pnpm-workspace.yaml");
  const base = { name, ...(version ? { version } : {}), ...(lockfile ? { lockfile } : {}), workspaces };
  if (name !== "yarn") return { ...base, flavour: name };
  const yarnrc = files.read(".yarnrc.yml");
  const berry = yarnrc !== undefined || (version !== undefined && Number(version.split(".")[0]) >= 2);
  if (!berry) return { ...base, flavour: "yarn-classic" };
  const linker = /^\s*nodeLinker:\s*["']?([\w-]+)/m.exec(yarnrc ?? "")?.[1] ?? "pnp";
  return { ...base, flavour: linker === "pnp" ? "yarn-berry-pnp" : "yarn-berry-node-modules" };
}

/** npm's engine-strict, or Yarn berry and pnpm's engine checks that always refuse a wrong Node. */
export function engineStrict(files: RepoFiles, pm: PackageManager): boolean {
  if (pm.flavour.startsWith("yarn-berry")) return true;
  const npmrc = files.read(".npmrc") ?? "";
  return /^\s*engine-strict\s*=\s*true/m.test(npmrc);
}

/** Script names for each role, in preference order: the CI variant first (test:ci before test). */
const ROLES: Array<[role: string, names: string[]]> = [
  ["test", ["test:ci", "test:unit", "test", "unit-test", "unit"]],
  ["coverage", ["test:coverage", "test:cov", "coverage", "test-coverage", "quality:coverage"]],
  ["lint", ["lint", "lint:js", "lint:ts", "lint:eslint", "eslint", "test:lint", "compliance:lint"]],
  ["typecheck", ["typecheck", "type-check", "types", "tsc", "lint:types", "check-types", "check:types"]],
  ["build", ["build", "build:prod", "compile"]],
  ["integration", ["test:integration", "integration-test", "int-test", "test:int", "integration"]],
  ["audit", ["security:audit", "security_audit", "audit:ci", "audit", "test:audit"]],
];

/** The script name package.json has for each role. */
export function scriptRoles(pkg: Record<string, unknown>): Record<string, string> {
  const scripts = (pkg.scripts as Record<string, string> | undefined) ?? {};
  const out: Record<string, string> = {};
  for (const [role, names] of ROLES) {
    const found = names.find((name) => typeof scripts[name] === "string");
    if (found) out[role] = found;
  }
  return out;
}

/** The test runner the test script calls, so coverage uses the runner's own. */
export function testRunner(
  pkg: Record<string, unknown>,
  scripts: Record<string, string>,
): RepoConventions["testRunner"] {
  const all = (pkg.scripts as Record<string, string> | undefined) ?? {};
  const command = [scripts.test, "test"].map((n) => (n ? all[n] : undefined)).find(Boolean) ?? "";
  const deps = { ...(pkg.dependencies as object), ...(pkg.devDependencies as object) };
  const runners: Array<[NonNullable<RepoConventions["testRunner"]>, RegExp, string]> = [
    ["vitest", /\bvitest\b/, "vitest"],
    ["jest", /\bjest\b/, "jest"],
    ["mocha", /\bmocha\b/, "mocha"],
    ["ava", /\bava\b/, "ava"],
    ["jasmine", /\bjasmine\b/, "jasmine"],
    ["node-test", /\bnode\b[^&|;]*--test\b/, ""],
  ];
  const byCommand = runners.find(([, re]) => re.test(command))?.[0];
  if (byCommand) return byCommand;
  const byDep = runners.find(([, , dep]) => dep && dep in deps)?.[0];
  return byDep ?? (command ? "other" : undefined);
}

const COVERAGE_TOOLS = ["jest", "@vitest/coverage-v8", "@vitest/coverage-istanbul", "nyc", "c8"];

export function coverageTools(pkg: Record<string, unknown>): string[] {
  const deps = { ...(pkg.dependencies as object), ...(pkg.devDependencies as object) };
  return COVERAGE_TOOLS.filter((t) => t in deps);
}
