import { createHash } from "node:crypto";
import { cp, lstat, mkdir, readdir, readFile, readlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { expect } from "vitest";
import { fixturePath, withTempDir } from "../helpers.js";

export const SECRET = "govops-hostile-secret-7f3a";

/** Every entry below `dir` (links by target, files by hash), so a test can prove nothing there changed. */
export async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (rel: string): Promise<void> => {
    for (const name of (await readdir(path.join(dir, rel))).sort()) {
      const child = rel ? `${rel}/${name}` : name;
      const abs = path.join(dir, child);
      const info = await lstat(abs);
      if (info.isSymbolicLink()) out[child] = `link ${await readlink(abs)}`;
      else if (info.isDirectory()) {
        out[child] = "dir";
        await walk(child);
      } else
        out[child] = createHash("sha256")
          .update(await readFile(abs))
          .digest("hex");
    }
  };
  await walk("");
  return out;
}

export interface Scene {
  /** The hostile repository, a copy of `base` with the case's fixture laid over it. */
  repo: string;
  /** Files beside the repository that govops must never touch: victim.txt, secret.txt, dir/keep.txt. */
  outside: string;
}

/**
 * Copies `base` (and the fixture `hostile/<overlay>` when named) into a temp root beside an `outside` folder,
 * runs the case, then proves that nothing outside the repository changed and nothing appeared beside it.
 */
export async function scene(base: string, overlay: string | undefined, run: (s: Scene) => Promise<void>) {
  await withTempDir(async (root) => {
    const repo = path.join(root, "repo");
    const outside = path.join(root, "outside");
    await cp(base, repo, { recursive: true, verbatimSymlinks: true });
    if (overlay) await cp(fixturePath("hostile", overlay), repo, { recursive: true });
    await mkdir(path.join(outside, "dir"), { recursive: true });
    await writeFile(path.join(outside, "victim.txt"), "a file outside the repository\n");
    await writeFile(path.join(outside, "secret.txt"), `${SECRET}\n`);
    await writeFile(path.join(outside, "dir", "keep.txt"), "keep me\n");
    const before = await snapshot(outside);
    await run({ repo, outside });
    expect(await snapshot(outside)).toEqual(before);
    expect((await readdir(root)).sort()).toEqual(["outside", "repo"]);
  });
}

/** One line of cause and a suggestion, exit 2, never the bug-report message. */
export function expectRefusal(result: { code?: number; stderr: string }, message: RegExp): void {
  expect(result.stderr).not.toMatch(/internal error/);
  expect(result.stderr).toMatch(message);
  expect(result.stderr.split("\n")[0]).toMatch(/^govops: /);
  expect(result.code).toBe(2);
}
