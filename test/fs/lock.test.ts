import { readFile, readdir, writeFile, mkdir } from "node:fs/promises";
import { hostname } from "node:os";
import path from "node:path";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { acquireLock } from "../../src/fs/lock.js";
import { withTempDir } from "../helpers.js";

const lockOf = (pid: number, host = hostname()) =>
  JSON.stringify({ pid, host, startedAt: new Date().toISOString() });

describe("the output folder's lock", () => {
  it("is held by one run at a time and removed on release", async () => {
    await withTempDir(async (dir) => {
      const release = await acquireLock(dir);
      expect(JSON.parse(await readFile(path.join(dir, "ops/.govops.lock"), "utf8")).pid).toBe(process.pid);
      await expect(acquireLock(dir)).rejects.toThrow(
        new RegExp(`^Another govops run \\(pid ${process.pid} on `),
      );
      await release();
      expect(await readdir(path.join(dir, "ops"))).toEqual([]);
      await (
        await acquireLock(dir)
      )();
    });
  });

  it("takes over a lock whose process has ended, or whose fields are not a lock's", async () => {
    await withTempDir(async (dir) => {
      await mkdir(path.join(dir, "ops"));
      const ended = Number((await execa("node", ["-e", "process.stdout.write(String(process.pid))"])).stdout);
      for (const text of [lockOf(ended), `{"pid": 1, "host": "\\u001b[2J", "startedAt": "now"}`, ""]) {
        await writeFile(path.join(dir, "ops/.govops.lock"), text);
        const release = await acquireLock(dir);
        expect(JSON.parse(await readFile(path.join(dir, "ops/.govops.lock"), "utf8")).pid).toBe(process.pid);
        await release();
      }
    });
  });

  it("counts a lock from another machine as held, since its process cannot be checked", async () => {
    await withTempDir(async (dir) => {
      await mkdir(path.join(dir, "ops"));
      await writeFile(path.join(dir, "ops/.govops.lock"), lockOf(1234567, "build-agent-7"));
      await expect(acquireLock(dir)).rejects.toThrow(/pid 1234567 on build-agent-7/);
    });
  });
});
