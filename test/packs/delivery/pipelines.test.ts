import { beforeAll, describe, expect, it } from "vitest";
import { lacks } from "../../tools.js";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { actionlintValidator } from "../../../src/check/validators/actionlint.js";
import { gitlabValidator } from "../../../src/check/validators/gitlab.js";
import { hardeningValidator } from "../../../src/check/validators/hardening.js";
import { shellcheckValidator } from "../../../src/check/validators/shellcheck.js";
import { workflowValidator } from "../../../src/check/validators/workflow.js";
import { yamllintValidator } from "../../../src/check/validators/yamllint.js";
import type { RenderedFile } from "../../../src/render/plan.js";
import { renderProfile } from "../../../src/packs/index.js";
import { EXAMPLES, examplePack, exampleProfile } from "../../helpers.js";
import { runValidator, writeFiles } from "./pack.js";

// Every generated pipeline of every bundled example, through the real validators.
describe.skipIf(lacks("shellcheck", "yamllint")).each(EXAMPLES)("delivery pack of %s", (example) => {
  const dirs: Record<"github" | "gitlab", string> = { github: "", gitlab: "" };
  const packs: Record<"github" | "gitlab", RenderedFile[]> = { github: [], gitlab: [] };

  beforeAll(async () => {
    for (const platform of ["github", "gitlab"] as const) {
      packs[platform] = await examplePack(example, platform);
      dirs[platform] = await mkdtemp(path.join(tmpdir(), `govops-delivery-${platform}-`));
      await writeFiles(dirs[platform], packs[platform]);
    }
    return async () => {
      for (const dir of Object.values(dirs)) await rm(dir, { recursive: true, force: true });
    };
  });

  const paths = (platform: "github" | "gitlab") => packs[platform].map((f) => f.path);

  it.each([workflowValidator, actionlintValidator, hardeningValidator, yamllintValidator])(
    "GitHub output passes $id",
    async (validator) => {
      const { checked, problems } = await runValidator(validator, dirs.github, paths("github"));
      expect(checked).toEqual(
        expect.arrayContaining([".github/workflows/ci.yml", ".github/workflows/deploy.yml"]),
      );
      expect(problems).toEqual([]);
    },
  );

  // The scripts are the same on both platforms: GitLab's own check covers its pipeline file.
  it.each([gitlabValidator, shellcheckValidator, yamllintValidator])(
    "GitLab output passes $id",
    async (validator) => {
      const { checked, problems } = await runValidator(validator, dirs.gitlab, [".gitlab-ci.yml"]);
      expect(checked).toContain(".gitlab-ci.yml");
      expect(problems).toEqual([]);
    },
  );

  it("passes shellcheck: every generated script and every run: script of the workflows", async () => {
    const { checked, problems } = await runValidator(shellcheckValidator, dirs.github, paths("github"));
    const scripts = paths("github").filter((p) => p.endsWith(".sh"));
    expect(scripts.length).toBeGreaterThanOrEqual(10);
    expect(checked).toEqual(expect.arrayContaining([...scripts, ".github/workflows/ci.yml"]));
    expect(problems).toEqual([]);
  });

  it("targets one platform at a time", () => {
    expect(paths("gitlab").some((p) => p.startsWith(".github/"))).toBe(false);
    expect(paths("github")).not.toContain(".gitlab-ci.yml");
  });
});

// The examples all ship a Dockerfile: this variant covers the release-bundle path and the IaC scan.
describe.skipIf(lacks("shellcheck", "yamllint"))(
  "delivery pack of a service without a Dockerfile, with Kubernetes manifests",
  () => {
    let dir = "";
    let paths: string[] = [];

    beforeAll(async () => {
      const profile = structuredClone(await exampleProfile("level-4-pq-tracker"));
      profile.facts.deployFiles = [
        { kind: "kubernetes", evidence: { file: "deploy/deployment.yaml", line: 1 } },
      ];
      const files = [
        ...(await renderProfile(profile, { ciPlatform: "github" })),
        ...(await renderProfile(profile, { ciPlatform: "gitlab" })).filter(
          (f) => f.path === ".gitlab-ci.yml",
        ),
      ];
      paths = files.map((f) => f.path);
      dir = await mkdtemp(path.join(tmpdir(), "govops-delivery-bundle-"));
      await writeFiles(dir, files);
      return () => rm(dir, { recursive: true, force: true });
    });

    it("builds a release bundle once and downloads it in each environment", () => {
      expect(paths).not.toContain("ops/delivery/scripts/build-image.sh");
      expect(paths).toContain("ops/delivery/scripts/iac-scan.sh");
    });

    it.each([
      workflowValidator,
      actionlintValidator,
      hardeningValidator,
      shellcheckValidator,
      yamllintValidator,
      gitlabValidator,
    ])("passes $id", async (validator) => {
      const { problems } = await runValidator(validator, dir, paths);
      expect(problems).toEqual([]);
    });
  },
);
