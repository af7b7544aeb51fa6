import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { offlineCopy } from "../../src/check/validators/gitlab.js";

describe("gitlab-ci-local runs offline", () => {
  it("leaves out remote, project, template and component includes, and keeps local ones", () => {
    const text = [
      "include:",
      "  - local: ci/jobs.yml",
      "  - remote: https://attacker.example/ci.yml",
      "  - https://attacker.example/short.yml",
      "  - project: group/ci",
      "    file: base.yml",
      "  - template: Auto-DevOps.gitlab-ci.yml",
      "  - component: gitlab.example/group/c@1.0",
      "test:",
      "  script: [npm test]",
      "",
    ].join("\n");
    const { text: copy, leftOut } = offlineCopy(text);
    expect(leftOut).toHaveLength(5);
    expect(leftOut.join(" ")).toContain("attacker.example/ci.yml");
    const parsed = parse(copy) as { include: unknown; test: unknown };
    expect(parsed.include).toEqual([{ local: "ci/jobs.yml" }]);
    expect(parsed.test).toEqual({ script: ["npm test"] });
  });

  it("drops the include key when every include is remote, and leaves a file without includes as it was", () => {
    const { text, leftOut } = offlineCopy("include: https://attacker.example/ci.yml\ntest:\n  script: [x]\n");
    expect(leftOut).toHaveLength(1);
    expect(parse(text)).toEqual({ test: { script: ["x"] } });
    const plain = "test:\n  script: [x]\n";
    expect(offlineCopy(plain)).toEqual({ text: plain, leftOut: [] });
  });
});
