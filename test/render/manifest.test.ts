import { execFileSync } from "node:child_process";
import { mkdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readManifest, writeManifest, type Manifest } from "../../src/render/manifest.js";
import { withTempDir } from "../helpers.js";

const header = { generator: "govops" as const, version: "0.1.0", profileSha256: "0".repeat(64) };
const entry = (p: string) => ({
  path: p,
  kind: "owned" as const,
  template: "t.hbs",
  templateSource: "bundled",
  templateSha256: "1".repeat(64),
  sha256: "2".repeat(64),
});

describe("reading the manifest", () => {
  it("round-trips a manifest with a run in progress", async () => {
    await withTempDir(async (dir) => {
      const manifest: Manifest = {
        ...header,
        files: [entry("ops/a.md")],
        inProgress: { pid: 42, startedAt: "2026-01-01T00:00:00.000Z", pending: [entry("ops/b.md")] },
      };
      await writeManifest(dir, manifest);
      expect(await readManifest(dir)).toEqual(manifest);
    });
  });

  it("refuses a pending entry that leaves the pack, as it does a recorded one", async () => {
    await withTempDir(async (dir) => {
      await mkdir(path.join(dir, "ops"));
      const manifest = {
        ...header,
        files: [],
        inProgress: { pid: 1, startedAt: "x", pending: [entry("../x")] },
      };
      await writeFile(path.join(dir, "ops/manifest.json"), JSON.stringify(manifest));
      await expect(readManifest(dir)).rejects.toThrow(/^ops\/manifest\.json lists an unsafe path "\.\.\/x"/);
    });
  });

  it("refuses a manifest that is a FIFO or a link, without blocking or following it", async () => {
    await withTempDir(async (dir) => {
      await mkdir(path.join(dir, "ops"));
      execFileSync("mkfifo", [path.join(dir, "ops/manifest.json")]);
      await expect(readManifest(dir)).rejects.toThrow(/not a regular file/);
      const other = path.join(dir, "elsewhere.json");
      await writeFile(other, JSON.stringify({ ...header, files: [] }));
      await rm(path.join(dir, "ops/manifest.json"));
      await symlink(other, path.join(dir, "ops/manifest.json"));
      await expect(readManifest(dir)).rejects.toThrow(/it is a symbolic link/);
      await expect(writeManifest(dir, { ...header, files: [] })).rejects.toThrow(/it is a symbolic link/);
      expect(JSON.parse(await readFile(other, "utf8"))).toEqual({ ...header, files: [] });
    });
  });
});
