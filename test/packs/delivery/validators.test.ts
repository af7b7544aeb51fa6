import path from "node:path";
import { describe, expect, it } from "vitest";
import { lacks } from "../../tools.js";
import { actionlintValidator } from "../../../src/check/validators/actionlint.js";
import { gitlabValidator } from "../../../src/check/validators/gitlab.js";
import { shellcheckValidator } from "../../../src/check/validators/shellcheck.js";
import { yamllintValidator } from "../../../src/check/validators/yamllint.js";
import { fixturePath } from "../../helpers.js";

const file = (fixture: string, name: string, rel: string) => ({
  rel,
  abs: fixturePath("delivery", fixture, name),
});

// Each validator govops check runs on pipelines fails a broken input, and says where.
describe.skipIf(lacks("shellcheck", "yamllint"))("pipeline validators on broken input", () => {
  it("shellcheck finds problems in a workflow's run: script, with the job and step", async () => {
    const result = await shellcheckValidator.run([
      file("broken-run-script", "ci.yml", ".github/workflows/ci.yml"),
    ]);
    const messages = result.problems!.map((p) => p.message).join("\n");
    expect(messages).toMatch(/job "test" step 1 \(Unquoted expansion\): line 2:\d+: .*\[SC2086\]/);
    expect(messages).toMatch(/SC2012|SC2086/);
  });

  it("shellcheck finds problems in a generated shell script", async () => {
    const result = await shellcheckValidator.run([file("broken-shell-script", "gate.sh", "ops/gate.sh")]);
    expect(result.problems).toEqual(
      expect.arrayContaining([
        { file: "ops/gate.sh", message: expect.stringMatching(/^line 3:\d+: .*SC2086/) },
      ]),
    );
  });

  it("actionlint finds a missing job in needs and an unknown step", async () => {
    const result = await actionlintValidator.run([
      file("broken-actionlint", "ci.yml", ".github/workflows/ci.yml"),
    ]);
    const messages = result.problems!.map((p) => p.message).join("\n");
    expect(messages).toMatch(/build/);
    expect(messages).toMatch(/\[job-needs\]/);
  });

  // The fixture is .txt so that prettier leaves its mistakes in place.
  it("yamllint finds bad indentation and trailing spaces", async () => {
    const result = await yamllintValidator.run([
      file("broken-yamllint", "ci.yml.txt", ".github/workflows/ci.yml"),
    ]);
    const messages = result.problems!.map((p) => `${p.file} ${p.message}`).join("\n");
    expect(messages).toMatch(/\.github\/workflows\/ci\.yml 6:7: \[(warning|error)\] wrong indentation/);
    expect(messages).toMatch(/trailing spaces/);
  });

  it("gitlab-ci-local rejects a job GitLab's schema does not allow", async () => {
    const result = await gitlabValidator.run([file("broken-gitlab", ".gitlab-ci.yml", ".gitlab-ci.yml")]);
    expect(result.problems).toHaveLength(1);
    expect(result.problems![0]!.message).toMatch(/when|sometimes|schema/i);
  });

  it("apply only to pipeline files and scripts", () => {
    expect(shellcheckValidator.applies("ops/delivery/scripts/k6.sh")).toBe(true);
    expect(shellcheckValidator.applies(".gitlab-ci.yml")).toBe(true);
    expect(yamllintValidator.applies(".github/dependabot.yml")).toBe(true);
    expect(yamllintValidator.applies(path.join("ops", "monitoring", "slo-rules.yml"))).toBe(false);
    expect(actionlintValidator.applies(".github/dependabot.yml")).toBe(false);
  });
});
