import { cp } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { brokenLinks, markdownValidator } from "../../src/check/validators/markdown.js";
import { fixturePath, withTempDir } from "../helpers.js";

describe("the markdown validator", () => {
  const fixture = fixturePath("incident", "broken-markdown");

  it("reports lint errors, missing files and missing headings from files on disk", async () => {
    await withTempDir(async (dir) => {
      await cp(fixture, dir, { recursive: true });
      const rels = ["ops/runbooks/bad.md", "ops/runbooks/good.md"];
      const result = await markdownValidator.run(rels.map((rel) => ({ rel, abs: path.join(dir, rel) })));
      expect(result.skipped).toBeUndefined();
      const messages = (result.problems ?? []).map((p) => `${p.file} ${p.message}`);
      expect(messages).toContainEqual(expect.stringMatching(/bad\.md line 5: MD001\/heading-increment/));
      expect(messages).toContainEqual(
        expect.stringContaining(
          "bad.md broken link to ../incident/missing.md: ops/incident/missing.md does not exist",
        ),
      );
      expect(messages).toContainEqual(
        expect.stringContaining("bad.md broken link to good.md#no-such-heading: no heading #no-such-heading"),
      );
      expect(messages.filter((m) => m.startsWith("ops/runbooks/good.md"))).toEqual([]);
    });
  });

  it("numbers repeated headings the way GitHub does", async () => {
    const content = "# Steps\n\n## Steps\n\nSee [the second](#steps-1) and [a third](#steps-2).\n";
    const problems = await brokenLinks([{ rel: "a.md", content }], async () => false);
    expect(problems.map((p) => p.message)).toEqual(["broken link to #steps-2: no heading #steps-2 in a.md"]);
  });
});
