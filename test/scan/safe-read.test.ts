import { execFileSync } from "node:child_process";
import { mkdir, symlink, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:net";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readRegularFile, safeRead, safeReadText } from "../../src/scan/safe-read.js";
import { withTempDir } from "../helpers.js";

/** A repository and, beside it, a folder it must not read from. */
async function layout(dir: string): Promise<{ repo: string; outside: string }> {
  const repo = path.join(dir, "repo");
  const outside = path.join(dir, "outside");
  await mkdir(path.join(repo, "ops"), { recursive: true });
  await mkdir(outside, { recursive: true });
  await writeFile(path.join(outside, "secret.txt"), "from outside\n");
  await writeFile(path.join(repo, "ops", "profile.yaml"), "schemaVersion: 1\n");
  return { repo, outside };
}

const mkfifo = (file: string) => execFileSync("mkfifo", [file]);

describe("safeRead: only regular files inside the root", () => {
  it("reads a regular file, and says a missing one is missing", async () => {
    await withTempDir(async (dir) => {
      const { repo } = await layout(dir);
      expect(safeReadText(path.join(repo, "ops/profile.yaml"), { root: repo })).toEqual({
        ok: true,
        text: "schemaVersion: 1\n",
      });
      expect(safeRead(path.join(repo, "ops/none.yaml"), { root: repo })).toEqual({
        ok: false,
        missing: true,
        reason: "not found",
      });
    });
  });

  it("refuses a FIFO at once instead of waiting for a writer", async () => {
    await withTempDir(async (dir) => {
      const { repo } = await layout(dir);
      mkfifo(path.join(repo, ".gitignore"));
      expect(safeRead(path.join(repo, ".gitignore"), { root: repo })).toEqual({
        ok: false,
        missing: false,
        reason: "a FIFO (named pipe), not a regular file",
      });
      // Even a caller that skipped the checks cannot be made to wait: the open does not block.
      expect(readRegularFile(path.join(repo, ".gitignore"))).toMatchObject({
        ok: false,
        reason: "a FIFO (named pipe), not a regular file",
      });
    });
  });

  it("refuses a socket and a device", async () => {
    await withTempDir(async (dir) => {
      const { repo } = await layout(dir);
      const socket = path.join(repo, "govops.config.yaml");
      const server: Server = createServer();
      await new Promise<void>((resolve) => server.listen(socket, resolve));
      try {
        expect(safeRead(socket, { root: repo })).toMatchObject({
          ok: false,
          reason: "a socket, not a regular file",
        });
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
      expect(safeRead("/dev/zero", { root: "/dev" })).toMatchObject({
        ok: false,
        reason: "a device, not a regular file",
      });
    });
  });

  it("follows a symlink that stays inside the root, and refuses one that leaves it", async () => {
    await withTempDir(async (dir) => {
      const { repo, outside } = await layout(dir);
      await symlink("profile.yaml", path.join(repo, "ops/alias.yaml"));
      await symlink(path.join(outside, "secret.txt"), path.join(repo, "ops/manifest.json"));
      await symlink("/dev/zero", path.join(repo, "zero"));
      expect(safeReadText(path.join(repo, "ops/alias.yaml"), { root: repo })).toMatchObject({
        ok: true,
        text: "schemaVersion: 1\n",
      });
      const out = safeRead(path.join(repo, "ops/manifest.json"), { root: repo });
      expect(out).toMatchObject({ ok: false, missing: false });
      expect(!out.ok && out.reason).toMatch(/^resolves outside .*repo \(to .*outside\/secret\.txt\)$/);
      expect(safeRead(path.join(repo, "zero"), { root: repo })).toMatchObject({ ok: false, missing: false });
    });
  });

  it("refuses a file reached through a symlinked folder that leaves the root", async () => {
    await withTempDir(async (dir) => {
      const { repo, outside } = await layout(dir);
      await symlink(outside, path.join(repo, "linked"));
      const read = safeRead(path.join(repo, "linked/secret.txt"), { root: repo });
      expect(read).toMatchObject({ ok: false, missing: false });
      expect(!read.ok && read.reason).toMatch(/resolves outside/);
      // The same folder as the root is fine: the root is taken by its real path.
      expect(safeRead(path.join(repo, "linked/secret.txt"), { root: path.join(repo, "linked") }).ok).toBe(
        true,
      );
    });
  });

  it("a dangling symlink counts as missing", async () => {
    await withTempDir(async (dir) => {
      const { repo } = await layout(dir);
      await symlink("gone.yaml", path.join(repo, "govops.config.yaml"));
      expect(safeRead(path.join(repo, "govops.config.yaml"), { root: repo })).toEqual({
        ok: false,
        missing: true,
        reason: "broken symlink",
      });
    });
  });

  it("refuses a file over the size cap, and a directory", async () => {
    await withTempDir(async (dir) => {
      const { repo } = await layout(dir);
      await writeFile(path.join(repo, "big.yaml"), "x".repeat(3000));
      expect(safeRead(path.join(repo, "big.yaml"), { root: repo, maxBytes: 2048 })).toEqual({
        ok: false,
        missing: false,
        reason: "larger than 2 KiB",
      });
      const exact = safeRead(path.join(repo, "big.yaml"), { root: repo, maxBytes: 3000 });
      expect(exact.ok && exact.buffer.length).toBe(3000);
      expect(safeRead(path.join(repo, "ops"), { root: repo })).toMatchObject({
        ok: false,
        reason: "a directory, not a regular file",
      });
    });
  });

  it("readRegularFile does not follow a final symlink at all", async () => {
    await withTempDir(async (dir) => {
      const { repo } = await layout(dir);
      await symlink("profile.yaml", path.join(repo, "ops/alias.yaml"));
      expect(readRegularFile(path.join(repo, "ops/alias.yaml"))).toMatchObject({
        ok: false,
        reason: "a symlink, not followed",
      });
    });
  });
});
