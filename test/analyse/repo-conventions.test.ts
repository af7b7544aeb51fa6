import { describe, expect, it } from "vitest";
import { analyse } from "../../src/index.js";
import { fits } from "../../src/analyse/conventions/node-version.js";
import { fixturePath } from "../helpers.js";

describe("repo-conventions detector", () => {
  it("takes the Node version the build uses and says which sources disagree", async () => {
    const { facts } = await analyse(fixturePath("adopt", "node-disagree"));
    const repo = facts.repo!;
    expect(repo.node.version).toBe("24.15.0");
    expect(repo.node.source).toBe("Dockerfile");
    expect(repo.node.disagreement).toContain(".nvmrc 4.2.3 (outside engines >=24.15.0 <25.0.0)");
    expect(repo.packageManager).toMatchObject({
      name: "yarn",
      flavour: "yarn-classic",
      lockfile: "yarn.lock",
    });
    expect(repo.scripts).toEqual({ test: "test:unit", lint: "test:lint", integration: "int-test" });
    expect(repo.testRunner).toBe("mocha");
    expect(repo.ci.map((c) => c.kind)).toEqual(["drone"]);
    expect(repo.ciGates.map((g) => g.kind)).toContain("test");
  });

  it.each([
    ["24.15.0", ">=24.15.0 <25.0.0", true],
    ["4.2.3", ">=24.15.0 <25.0.0", false],
    ["22", "^22", true],
    ["20", ">=22", false],
    ["12.18.4", ">=12.0.0", true],
  ])("Node %s fits engines %s: %s", (version, range, expected) => {
    expect(fits(version, range)).toBe(expected);
  });
});
