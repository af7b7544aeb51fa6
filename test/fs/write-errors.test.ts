import { mkdir, readdir } from "node:fs/promises";
import path from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { handleError } from "../../src/cli/handle-error.js";
import { fsError } from "../../src/fs/fs-error.js";
import { writeInside } from "../../src/fs/safe.js";
import { withTempDir } from "../helpers.js";

// The disk's own failures (full, read-only, no permission as root cannot be made): the rename fails as the
// kernel would fail it, and the real writeInside must turn that into one line.
const failure = vi.hoisted(() => ({ code: undefined as string | undefined }));
vi.mock("node:fs/promises", async (importOriginal) => {
  const real = await importOriginal<typeof import("node:fs/promises")>();
  const rename: typeof real.rename = async (from, to) => {
    if (failure.code)
      throw Object.assign(new Error(`${failure.code}: simulated, rename`), { code: failure.code });
    return real.rename(from, to);
  };
  return { ...real, rename, default: { ...real, rename } };
});

function printed(error: unknown): string {
  let out = "";
  handleError(error, { write: (s: string) => ((out += s), true) } as unknown as NodeJS.WritableStream);
  return out;
}

describe("write errors become one line with the cause, exit 2", () => {
  beforeEach(() => {
    failure.code = undefined;
    process.exitCode = undefined;
  });

  it.each(["ENOSPC", "EACCES", "EEXIST", "EFBIG", "EISDIR", "ENOTDIR", "ENAMETOOLONG", "EROFS", "EDQUOT"])(
    "%s from the disk",
    async (code) => {
      await withTempDir(async (repo) => {
        failure.code = code;
        const error = await writeInside(repo, "ops/monitoring/rules.yml", "x").catch((e: unknown) => e);
        const text = printed(error);
        expect(text).toMatch(
          new RegExp(`^govops: Cannot write ops/monitoring/rules\\.yml: .+ \\(${code}\\)\\n  \\S`),
        );
        expect(text).not.toMatch(/internal error/);
        expect(text.trimEnd().split("\n")).toHaveLength(2);
        expect(process.exitCode).toBe(2);
        // The temporary file is removed, and the target was never created half-written.
        expect(await readdir(path.join(repo, "ops/monitoring"))).toEqual([]);
      });
    },
  );

  it("an error that is not from the operating system is passed on as the bug it is", () => {
    const bug = new TypeError("x is undefined");
    expect(fsError(bug, "write", "a")).toBe(bug);
  });

  it("a code without a description still names the code and the file", async () => {
    await withTempDir(async (repo) => {
      await mkdir(path.join(repo, "ops"));
      failure.code = "ESTALE";
      await expect(writeInside(repo, "ops/x.md", "x")).rejects.toThrow(
        /^Cannot write ops\/x\.md: .*\(ESTALE\)$/,
      );
    });
  });
});
