import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import {
  hardeningFindings,
  hardeningValidator,
  type HardeningRule,
} from "../../../src/check/validators/hardening.js";
import { fixturePath } from "../../helpers.js";

const workflow = (name: string) =>
  readFile(fixturePath("delivery", `hardening-${name}`, "workflow.yml"), "utf8");

describe("govops hardening rules", () => {
  it("accept a workflow that follows them all", async () => {
    expect(hardeningFindings(await workflow("good"))).toEqual([]);
  });

  it.each<[string, HardeningRule, RegExp]>([
    ["unpinned-action", "unpinned-action", /actions\/checkout@v4 is not pinned to a full commit SHA/],
    ["pin-without-version", "unpinned-action", /has no "# vX.Y.Z" comment/],
    ["missing-permissions", "missing-permissions", /no top-level permissions/],
    ["broad-permissions", "broad-permissions", /top-level permissions grant write/],
    [
      "permission-without-reason",
      "permission-without-reason",
      /job "release": permission contents has no comment/,
    ],
    [
      "expression-injection",
      "expression-injection",
      /\$\{\{ github\.event\.pull_request\.title \}\} inside run:/,
    ],
    ["persisted-credentials", "persisted-credentials", /checkout without persist-credentials: false/],
    ["pull-request-target", "risky-trigger", /^pull_request_target runs with secrets/],
    ["workflow-run", "risky-trigger", /^workflow_run runs with secrets/],
    ["secrets-inherit", "secrets-inherit", /job "deploy" passes every secret/],
    ["pipe-to-shell", "pipe-to-shell", /pipes a download into a shell/],
  ])("reject %s", async (fixture, rule, message) => {
    const findings = hardeningFindings(await workflow(fixture));
    expect(findings.map((f) => f.rule)).toEqual([rule]);
    expect(findings[0]!.message).toMatch(message);
  });

  it("report through govops check with the rule and the file", async () => {
    const result = await hardeningValidator.run([
      {
        rel: ".github/workflows/bad.yml",
        abs: fixturePath("delivery", "hardening-expression-injection", "workflow.yml"),
      },
    ]);
    expect(result.problems).toEqual([
      {
        file: ".github/workflows/bad.yml",
        message: expect.stringMatching(/^\[expression-injection\] job "greet"/),
      },
    ]);
  });
});
