import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isIgnored, parseGitignore } from "../../src/scan/ignore.js";
import { scanInventory } from "../../src/scan/inventory.js";
import { fixturePath, withTempDir } from "../helpers.js";

describe(".gitignore: every file on the way down, as git reads them", () => {
  it("applies root and nested rules: **/x at the root, classes, escapes, anchors, dir-only, negations", async () => {
    const inventory = await scanInventory(fixturePath("scan", "gitignore-nested"));
    expect(inventory.files.map((f) => f.rel)).toEqual([
      ".gitignore",
      "artifacts", // a file: `artifacts/` names folders only
      "generated.ts", // sub/.gitignore's `generated.ts` is relative to sub/
      "keep.log", // !keep.log
      "reportx.txt", // report[0-9].txt is a class
      "src/app/main.ts",
      "sub/.gitignore",
      "sub/important.log", // sub's !important.log wins over the root's *.log
      "sub/main.ts",
      "sub/only-root.txt", // /only-root.txt is anchored to the root
    ]);
    expect(inventory.skipped).toEqual([]);
  });

  it("the deepest file with a matching rule decides", () => {
    const root = { dir: "", rules: parseGitignore("*.log\n").rules };
    const sub = { dir: "sub", rules: parseGitignore("!keep.log\n").rules };
    expect(isIgnored([root, sub], "sub/keep.log", false)).toBe(false);
    expect(isIgnored([root, sub], "sub/other.log", false)).toBe(true);
    expect(isIgnored([root], "sub/keep.log", false)).toBe(true);
  });

  it("matching is case-sensitive, as git on Linux", () => {
    const { rules } = parseGitignore("*.log\n");
    expect(isIgnored([{ dir: "", rules }], "A.LOG", false)).toBe(false);
    expect(isIgnored([{ dir: "", rules }], "a.log", false)).toBe(true);
  });
});

describe(".gitignore patterns that would make matching explode", () => {
  const nested = (pattern: string, times: number, end: string) => `${pattern.repeat(times)}${end}`;

  it("a pattern with many `**` folders is left out and reported; the rest still apply", async () => {
    await withTempDir(async (dir) => {
      const deep = path.join(dir, ...Array.from({ length: 40 }, () => "a"));
      await mkdir(deep, { recursive: true });
      await writeFile(path.join(deep, "c.ts"), "export {};\n");
      await writeFile(path.join(deep, "b.log"), "x\n");
      const bomb = nested("a/**/", 12, "b");
      await writeFile(path.join(dir, ".gitignore"), `${bomb}\n*.log\n`);
      const inventory = await scanInventory(dir);
      expect(inventory.files.map((f) => f.rel)).toEqual([".gitignore", `${"a/".repeat(40)}c.ts`]);
      expect(inventory.skipped).toEqual([
        {
          file: ".gitignore",
          reason: `pattern "${bomb}" not applied: more than 2 "**" between folders: left out so matching stays fast`,
        },
      ]);
    });
  });

  it("a pattern with many `*` is kept and matches what it should", () => {
    const pattern = nested("*a", 20, "*b");
    const { rules, refused } = parseGitignore(`${pattern}\n`);
    expect(refused).toEqual([]);
    const layers = [{ dir: "", rules }];
    expect(isIgnored(layers, "a".repeat(60), false)).toBe(false);
    expect(isIgnored(layers, `${"a".repeat(60)}b`, false)).toBe(true);
    expect(isIgnored(layers, `${"a".repeat(19)}b`, false)).toBe(false);
  });

  it("two `**` folders are still allowed", () => {
    const { rules, refused } = parseGitignore("**/gen/**/cache/**/tmp\n");
    expect(refused).toEqual([]);
    expect(isIgnored([{ dir: "", rules }], "x/gen/y/z/cache/tmp", true)).toBe(true);
    expect(isIgnored([{ dir: "", rules }], "x/gen/y/z/tmp", true)).toBe(false);
  });

  it("folders deeper than 64 levels are not walked, and the summary says so", async () => {
    await withTempDir(async (dir) => {
      const parts = Array.from({ length: 70 }, (_, i) => `d${i}`);
      await mkdir(path.join(dir, ...parts), { recursive: true });
      await writeFile(path.join(dir, ...parts, "deep.ts"), "export {};\n");
      await writeFile(path.join(dir, "top.ts"), "export {};\n");
      const inventory = await scanInventory(dir);
      expect(inventory.files.map((f) => f.rel)).toEqual(["top.ts"]);
      expect(inventory.skipped).toEqual([
        { file: parts.slice(0, 65).join("/"), reason: "more than 64 folders deep: not walked" },
      ]);
    });
  });
});
