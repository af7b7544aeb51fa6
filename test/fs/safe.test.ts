import { execFileSync } from "node:child_process";
import { lstat, mkdir, readFile, readdir, stat, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { GovopsError } from "../../src/errors.js";
import { readInside, removeInside, sweepTemporaries, writeInside } from "../../src/fs/safe.js";
import { withTempDir } from "../helpers.js";

/** A repository folder and a file beside it that must never change. */
async function withRepo(fn: (repo: string, victim: string) => Promise<void>): Promise<void> {
  await withTempDir(async (tmp) => {
    const repo = path.join(tmp, "repo");
    const victim = path.join(tmp, "victim.txt");
    await mkdir(repo);
    await writeFile(victim, "outside\n");
    await fn(repo, victim);
    expect(await readFile(victim, "utf8")).toBe("outside\n");
  });
}

const refusal = (message: RegExp) =>
  expect.objectContaining({ name: "GovopsError", message: expect.stringMatching(message) });

describe("writeInside", () => {
  it("creates the folders, writes the file, replaces it whole and leaves no temporary file", async () => {
    await withRepo(async (repo) => {
      await writeInside(repo, "ops/monitoring/rules.yml", "first\n");
      await writeInside(repo, "ops/monitoring/rules.yml", "second\n");
      await writeInside(repo, "ops/run.sh", "#!/bin/sh\n", { mode: 0o755 });
      expect(await readFile(path.join(repo, "ops/monitoring/rules.yml"), "utf8")).toBe("second\n");
      expect(await readdir(path.join(repo, "ops/monitoring"))).toEqual(["rules.yml"]);
      expect((await stat(path.join(repo, "ops/run.sh"))).mode & 0o111).not.toBe(0);
    });
  });

  it.each([
    ["../victim.txt", /leaves the folder/],
    ["ops/../../victim.txt", /leaves the folder/],
    ["/etc/passwd", /is absolute/],
    ["ops/a\nb.md", /control character/],
    ["ops//x.md", /not a plain relative path/],
  ])("refuses the path %j", async (rel, reason) => {
    await withRepo(async (repo) => {
      await expect(writeInside(repo, rel, "x")).rejects.toEqual(refusal(reason));
    });
  });

  it("refuses a file that is a link, and a folder on the way that is a link", async () => {
    await withRepo(async (repo, victim) => {
      await symlink(victim, path.join(repo, "link.md"));
      await expect(writeInside(repo, "link.md", "x")).rejects.toEqual(
        refusal(/^Refusing link\.md: it is a symbolic link/),
      );
      await symlink(path.dirname(victim), path.join(repo, "ops"));
      await expect(writeInside(repo, "ops/victim.txt", "x")).rejects.toEqual(
        refusal(/^Refusing ops: the folder is a symbolic link/),
      );
      expect((await lstat(path.join(repo, "link.md"))).isSymbolicLink()).toBe(true);
    });
  });
});

describe("readInside and removeInside", () => {
  it("reads a missing file as undefined, and refuses a FIFO without opening it", async () => {
    await withRepo(async (repo) => {
      expect(await readInside(repo, "ops/manifest.json")).toBeUndefined();
      await mkdir(path.join(repo, "ops"));
      execFileSync("mkfifo", [path.join(repo, "ops/manifest.json")]);
      await expect(readInside(repo, "ops/manifest.json")).rejects.toEqual(
        refusal(/it is not a regular file/),
      );
    });
  });

  it("does not read or delete through a link", async () => {
    await withRepo(async (repo, victim) => {
      await symlink(victim, path.join(repo, "old.md"));
      await expect(readInside(repo, "old.md")).rejects.toBeInstanceOf(GovopsError);
      await expect(removeInside(repo, "old.md")).rejects.toEqual(refusal(/it is a symbolic link/));
      await writeFile(path.join(repo, "plain.md"), "x");
      await removeInside(repo, "plain.md");
      await removeInside(repo, "gone/never.md");
      expect(await readdir(repo)).toEqual(["old.md"]);
    });
  });
});

describe("sweepTemporaries", () => {
  it("removes only the temporary files of a stopped run, in the folders named", async () => {
    await withRepo(async (repo) => {
      await mkdir(path.join(repo, "ops/monitoring"), { recursive: true });
      const names = [".govops-123-0123456789ab.tmp", ".govops-notes.tmp", "rules.yml"];
      for (const name of names) await writeFile(path.join(repo, "ops/monitoring", name), "x");
      expect(await sweepTemporaries(repo, ["ops/monitoring", "ops/missing"])).toBe(1);
      expect((await readdir(path.join(repo, "ops/monitoring"))).sort()).toEqual([
        ".govops-notes.tmp",
        "rules.yml",
      ]);
    });
  });
});
