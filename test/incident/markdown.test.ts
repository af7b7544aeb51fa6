import { cp } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { brokenLinks, lintMarkdown, markdownValidator } from "../../src/check/validators/markdown.js";
import { EXAMPLES, fixturePath, withTempDir } from "../helpers.js";
import { exampleIncidentPack, markdown } from "./pack.js";

describe.each(EXAMPLES)("the Markdown of %s", (name) => {
  it("passes markdownlint and every internal link resolves", async () => {
    const files = await exampleIncidentPack(name);
    const docs = markdown(files);
    expect(docs.length).toBeGreaterThan(15);
    expect(await lintMarkdown(docs)).toEqual([]);
    const paths = new Set(files.map((f) => f.path));
    expect(await brokenLinks(docs, async (rel) => paths.has(rel))).toEqual([]);
    const links = docs.flatMap((d) => [...d.content.matchAll(/\]\((?!https?:)[^)]+\)/g)]);
    expect(links.length, "the pack should link its documents together").toBeGreaterThan(50);
  });
});

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
