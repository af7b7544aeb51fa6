import type { Profile } from "../../profile/schema.js";
import { IMAGES, NPM_TOOLS } from "./actions.js";

/** Node when the repository names none: the version govops' own pipelines are tested on. */
export const DEFAULT_NODE = "20";

/** Tools a gate runs when the repository does not have them, at exact versions. */
export const GATE_TOOLS = {
  auditCi: "audit-ci@7.1.0",
  auditCiLegacy: "audit-ci@6.6.1",
  betterNpmAudit: "better-npm-audit@3.11.0",
  nyc: "nyc@18.0.0",
  nycLegacy: "nyc@15.1.0",
  c8Node18: "c8@10.1.3",
  c8Legacy: "c8@7.14.0",
} as const;

/** The Node govops' own tools run on where the repository's is older: the pinned Node image's version. */
export const TOOLS_NODE = /^node:([\d.]+)/.exec(IMAGES.node)![1]!;

/**
 * Whether govops' npm tools run on this Node: c8 12, CycloneDX 6 and Playwright 1.65 need
 * ^20.19 || ^22.12 || >=23. A bare major (setup-node takes its latest release) counts from 20.
 */
export function runsGateTools(version: string): boolean {
  const [major = 0, minor] = version.split(".").map(Number);
  if (minor === undefined || Number.isNaN(minor)) return major >= 20 && major !== 21;
  return major >= 23 || (major === 22 && minor >= 12) || (major === 20 && minor >= 19);
}

type Repo = NonNullable<Profile["facts"]["repo"]>;
type Flavour = Repo["packageManager"]["flavour"];

const INSTALL: Record<Flavour, string> = {
  npm: "npm ci",
  "yarn-classic": "yarn install --frozen-lockfile",
  "yarn-berry-pnp": "yarn install --immutable",
  "yarn-berry-node-modules": "yarn install --immutable",
  pnpm: "pnpm install --frozen-lockfile",
};

/** The install in govops' tools image on GitLab: the same lockfile, without build scripts or engine checks. */
const TOOLS_INSTALL: Record<Flavour, string> = {
  npm: "npm ci --ignore-scripts --engine-strict=false",
  "yarn-classic": "yarn install --frozen-lockfile --ignore-scripts --ignore-engines",
  "yarn-berry-pnp": "yarn install --immutable --mode=skip-build",
  "yarn-berry-node-modules": "yarn install --immutable --mode=skip-build",
  pnpm: "pnpm install --frozen-lockfile --ignore-scripts --config.engine-strict=false",
};

const AUDIT: Record<Flavour, string> = {
  npm: "npm audit --omit=dev --audit-level=high",
  "yarn-classic": "yarn audit --groups dependencies --level high",
  "yarn-berry-pnp": "yarn npm audit --environment production --severity high",
  "yarn-berry-node-modules": "yarn npm audit --environment production --severity high",
  pnpm: "pnpm audit --prod --audit-level high",
};

/**
 * How this repository installs, runs and checks itself: its Node version, its package manager's
 * install and cache, and its own script names. Every generated job goes through these commands.
 */
export function toolchain(profile: Profile) {
  const repo = profile.facts.repo;
  const pm = repo?.packageManager ?? { name: "npm" as const, flavour: "npm" as const, workspaces: false };
  const flavour = pm.flavour;
  const scripts = repo?.scripts ?? {};
  const hygiene = new Set(repo?.hygiene.map((h) => h.evidence.file) ?? []);
  const node = repo?.node.version ?? DEFAULT_NODE;
  const major = Number(node.split(".")[0]);
  const toolsOwnNode = runsGateTools(node);
  const run = (script: string) =>
    pm.name !== "pnpm" && script === "test" ? `${pm.name} test` : `${pm.name} run ${script}`;
  const exec = (bin: string) =>
    pm.name === "npm" ? `npx --no-install ${bin}` : pm.name === "pnpm" ? `pnpm exec ${bin}` : `yarn ${bin}`;
  // Yarn berry and pnpm come from corepack at the version package.json pins; Yarn classic is on the runners.
  const corepack = flavour !== "npm" && flavour !== "yarn-classic";
  const lockfile = repo ? repo.packageManager.lockfile : "package-lock.json";
  const install = lockfile
    ? INSTALL[flavour]
    : pm.name === "npm"
      ? "npm install --no-audit --no-fund"
      : `${pm.name} install`;
  return {
    nodeVersion: node,
    nodeSource: repo?.node.source ?? "govops default (the repository names no Node version)",
    nodeDisagreement: repo?.node.disagreement,
    packageManager: pm.name,
    flavour,
    pmVersion: "version" in pm ? pm.version : undefined,
    corepack,
    cache: lockfile ? pm.name : undefined,
    install,
    nodeModules: flavour !== "yarn-berry-pnp",
    npmLockfile: lockfile === "package-lock.json" || lockfile === "npm-shrinkwrap.json",
    scripts,
    lint: scripts.lint ? run(scripts.lint) : undefined,
    typecheck: scripts.typecheck ? run(scripts.typecheck) : undefined,
    build: scripts.build ? run(scripts.build) : undefined,
    test: run(scripts.test ?? "test"),
    integration: scripts.integration ? run(scripts.integration) : undefined,
    audit: auditCommand(flavour, scripts, hygiene, run, major),
    /** Set where the repository's Node is too old for govops' own tools: they run on this Node instead. */
    toolsNode: toolsOwnNode ? undefined : TOOLS_NODE,
    toolsInstall: lockfile ? TOOLS_INSTALL[flavour] : install,
    /** The official Node image at the repository's version, for GitLab jobs that run its code. */
    nodeImage: /^\d+(\.\d+){0,2}$/.test(node) ? `node:${node}` : `node:${DEFAULT_NODE}`,
    /** c8 reports in the same step as the tests, on the repository's Node: the release that runs there. */
    c8: toolsOwnNode ? NPM_TOOLS.c8 : major >= 18 ? GATE_TOOLS.c8Node18 : GATE_TOOLS.c8Legacy,
    coverage: coverageCommand(repo, run(scripts.test ?? "test"), exec, major),
  };
}

function auditCommand(
  flavour: Flavour,
  scripts: Record<string, string>,
  allowLists: Set<string>,
  run: (s: string) => string,
  nodeMajor: number,
): { command: string; reason: string } {
  if (scripts.audit)
    return { command: run(scripts.audit), reason: `the repository's own \`${scripts.audit}\` script` };
  if (allowLists.has("audit-ci.json"))
    return {
      command: `npm exec --yes --package=${nodeMajor >= 16 ? GATE_TOOLS.auditCi : GATE_TOOLS.auditCiLegacy} -- audit-ci --config audit-ci.json`,
      reason: "audit-ci with the repository's allow-list, audit-ci.json",
    };
  if (allowLists.has(".nsprc") && flavour === "npm")
    return {
      command: `npm exec --yes --package=${GATE_TOOLS.betterNpmAudit} -- better-npm-audit audit --production --level high`,
      reason: "better-npm-audit with the repository's exceptions, .nsprc",
    };
  return { command: AUDIT[flavour], reason: "the package manager's own audit" };
}

/** Coverage with the runner the tests already use: its figures are the ones the team sees locally. */
function coverageCommand(
  repo: Repo | undefined,
  test: string,
  exec: (bin: string) => string,
  nodeMajor: number,
): { runner: string; command: string } | undefined {
  const runner = repo?.testRunner;
  if (runner === "jest")
    return {
      runner: "jest --coverage",
      command: `${exec("jest")} --coverage --coverageReporters=text-summary --coverageReporters=lcov --coverageThreshold="{\\"global\\":{\\"lines\\":$threshold}}"`,
    };
  const tools = new Set(repo?.coverageTools ?? []);
  if (runner === "vitest" && (tools.has("@vitest/coverage-v8") || tools.has("@vitest/coverage-istanbul")))
    return {
      runner: "vitest coverage",
      command: `${exec("vitest")} run --coverage.enabled --coverage.reporter=text-summary --coverage.reporter=lcov --coverage.thresholds.lines="$threshold"`,
    };
  if (runner === "mocha") {
    const nyc = nodeMajor >= 20 ? GATE_TOOLS.nyc : GATE_TOOLS.nycLegacy;
    return {
      runner: "nyc (mocha)",
      command: `npm exec --yes --package=${nyc} -- nyc --reporter=text-summary --reporter=lcov --check-coverage --lines "$threshold" ${test}`,
    };
  }
  // node:test and other runners: Node writes V8 coverage for every process, and c8 reports it.
  return undefined;
}
