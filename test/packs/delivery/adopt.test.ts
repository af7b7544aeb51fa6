import { cp, mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { check, generate } from "../../../src/index.js";
import { loadProfile } from "../../../src/profile/io.js";
import { runsGateTools, TOOLS_NODE } from "../../../src/packs/delivery/toolchain.js";
import { fixturePath } from "../../helpers.js";

/** Steps that run govops' own npm tools, which need Node ^20.19 || ^22.12 || >=23. */
const GATE_TOOL_STEP = /licence-check\.sh|sbom\.sh|lhci|accessibility\/check\.mjs/;

interface Shape {
  name: string;
  mode: "full" | "gates";
  node: string;
  install: string;
  /** Files the repository already has that govops must leave byte for byte. */
  kept: string[];
  /** Files govops must not write, because an existing one does that job. */
  absent: string[];
  /** A line ops/delivery/README.md must carry. */
  note: string;
}

const SHAPES: Shape[] = [
  {
    name: "helm-codeowners-renovate",
    mode: "gates",
    node: "22.14.0",
    install: "npm ci",
    kept: ["CODEOWNERS", "renovate.json", ".github/workflows/build.yml"],
    absent: [
      ".github/CODEOWNERS",
      ".github/dependabot.yml",
      ".github/workflows/deploy.yml",
      ".github/workflows/ci.yml",
    ],
    note: "kept existing Renovate (renovate.json): no Dependabot beside it",
  },
  {
    name: "yarn-berry-node24",
    mode: "full",
    node: "24",
    install: "yarn install --immutable",
    kept: [".yarnrc.yml"],
    absent: [],
    note: "Package manager: yarn 4.5.0 (yarn-berry-node-modules)",
  },
  {
    name: "pnpm-volta",
    mode: "full",
    node: "22.11.0",
    install: "pnpm install --frozen-lockfile",
    kept: [],
    absent: [],
    note: "coverage by vitest coverage",
  },
  {
    name: "jenkinsfile",
    mode: "gates",
    node: "18.20.4",
    install: "npm ci",
    kept: ["Jenkinsfile"],
    absent: [".github/workflows/deploy.yml", ".github/workflows/ci.yml", "ops/delivery/deploy.sh"],
    note: "kept existing unit tests (Jenkinsfile)",
  },
  {
    name: "serverless",
    mode: "gates",
    node: "18",
    install: "yarn install --frozen-lockfile",
    kept: ["serverless.yml", ".circleci/config.yml"],
    absent: [".github/workflows/deploy.yml", "ops/delivery/deploy.sh"],
    note: "kept existing deploy (serverless)",
  },
  {
    name: "cloud-foundry",
    mode: "gates",
    node: "20.10.0",
    install: "npm ci",
    kept: ["SECURITY.md", ".github/workflows/ci.yml", "manifest.yml"],
    absent: [".github/workflows/deploy.yml", "ops/delivery/deploy.sh"],
    note: "kept existing security policy (SECURITY.md)",
  },
  {
    name: "app-engine",
    mode: "gates",
    node: "20",
    install: "yarn install --immutable",
    kept: [".github/dependabot.yml", ".github/workflows/deploy.yml", "app.yaml"],
    absent: ["ops/delivery/deploy.sh"],
    note: "kept existing Dependabot configuration (.github/dependabot.yml)",
  },
];

const isDelivery = (file = "") =>
  file.startsWith(".github/") ||
  file.startsWith("ops/delivery/") ||
  file === "SECURITY.md" ||
  file === "ops/manifest.json";

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "govops-adopt-"));
});
afterAll(() => rm(root, { recursive: true, force: true }));

async function filesUnder(dir: string, base = dir): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const abs = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await filesUnder(abs, base)));
    else out.push(path.relative(base, abs).split(path.sep).join("/"));
  }
  return out;
}

describe.each(SHAPES)("a pack fitted to $name", (shape) => {
  let dir: string;
  let written: string[];
  beforeAll(async () => {
    dir = path.join(root, shape.name);
    await cp(fixturePath("adopt", shape.name), dir, { recursive: true });
    const result = await generate(dir);
    written = result.plan.filter((p) => p.action === "create").map((p) => p.path);
  }, 60_000);

  it("chooses the CI mode from the CI already there", async () => {
    const readme = await readFile(path.join(dir, "ops/delivery/README.md"), "utf8");
    expect(readme).toContain(`## CI mode: ${shape.mode}`);
    expect(readme).toContain(shape.note);
  });

  it("runs the repository's Node version and package manager in every workflow job that installs", async () => {
    const workflows = written.filter((p) => p.startsWith(".github/workflows/"));
    expect(workflows.length).toBeGreaterThan(0);
    for (const wf of workflows) {
      const doc = parse(await readFile(path.join(dir, wf), "utf8")) as {
        jobs: Record<
          string,
          { steps?: Array<{ name?: string; with?: Record<string, unknown>; run?: string }> }
        >;
      };
      for (const job of Object.values(doc.jobs)) {
        // The Node each step runs on: the repository's, or govops' tools Node after its own setup-node step.
        let node: string | undefined;
        for (const step of job.steps ?? []) {
          if (step.with?.["node-version"] !== undefined) {
            node = String(step.with["node-version"]);
            if (step.name?.includes("govops' own tools")) {
              expect(runsGateTools(shape.node), "a tools Node only where the repository's is too old").toBe(
                false,
              );
              expect(node).toBe(TOOLS_NODE);
            } else expect(node).toBe(shape.node);
          }
          if (step.name?.startsWith("Install dependencies")) expect(step.run).toBe(shape.install);
          if (GATE_TOOL_STEP.test(step.run ?? ""))
            expect(node && runsGateTools(node), `${wf}: ${step.run} on Node ${node}`).toBe(true);
        }
      }
    }
  });

  it("never shadows an existing file, nor writes a second deploy", async () => {
    for (const file of shape.kept) {
      const original = await readFile(path.join(fixturePath("adopt", shape.name), file), "utf8");
      expect(await readFile(path.join(dir, file), "utf8"), file).toBe(original);
    }
    for (const file of shape.absent) expect(written, file).not.toContain(file);
    const outside = written.filter(
      (p) =>
        !p.startsWith("ops/") && !p.startsWith(".github/") && p !== ".gitlab-ci.yml" && p !== "SECURITY.md",
    );
    expect(outside).toEqual([]);
  });

  it("calls no govops the service does not have", async () => {
    for (const file of await filesUnder(dir)) {
      if (!written.includes(file) || file.endsWith(".md") || file === "ops/profile.yaml") continue;
      expect(await readFile(path.join(dir, file), "utf8"), file).not.toMatch(/npx (--no-install )?govops/);
    }
  });

  it("passes govops check with the real validators on everything the delivery pack writes", async () => {
    const result = await check(dir);
    expect(result.validatorsRun).toEqual(expect.arrayContaining(["shellcheck", "markdownlint"]));
    if (written.some((p) => p.startsWith(".github/workflows/")))
      expect(result.validatorsRun).toEqual(expect.arrayContaining(["actionlint", "govops-hardening"]));
    // OPERATIONS.md and the runbooks belong to the docs and runbooks packs, tracked on their own.
    expect(result.problems.filter((p) => isDelivery(p.file))).toEqual([]);
  }, 120_000);

  it("keeps the mode through --ci and check", async () => {
    const profile = await loadProfile(path.join(dir, "ops/profile.yaml"));
    expect(profile.facts.repo?.node.version).toBe(shape.node);
  });
});

describe("--ci full where CI exists", () => {
  it("writes the whole pipeline under names that shadow nothing, and check agrees", async () => {
    const dir = path.join(root, "cf-full");
    await cp(fixturePath("adopt", "cloud-foundry"), dir, { recursive: true });
    const result = await generate(dir, { ci: "full" });
    const created = result.plan.filter((p) => p.action === "create").map((p) => p.path);
    expect(created).toContain(".github/workflows/govops-ci.yml");
    expect(created).not.toContain(".github/workflows/ci.yml");
    // The repository deploys with cf push already: still no second deploy pipeline.
    expect(created).not.toContain(".github/workflows/deploy.yml");
    expect((await loadProfile(path.join(dir, "ops/profile.yaml"))).delivery?.ci).toBe("full");
    expect((await check(dir)).problems.filter((p) => isDelivery(p.file))).toEqual([]);
  }, 120_000);
});
