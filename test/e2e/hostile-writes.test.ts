import { createHash } from "node:crypto";
import { cp, mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import { execa } from "execa";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixturePath } from "../helpers.js";
import { BIN, govops } from "./run-cli.js";
import { SECRET, expectRefusal, scene, snapshot } from "./hostile.js";

let work: string;
/** The tiny service with its profile, before any pack. */
let analysed: string;
/** The same service with its generated pack. */
let generated: string;
let manifest: { files: Array<{ path: string; kind: string; template: string; sha256: string }> };

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), "govops-hostile-"));
  analysed = path.join(work, "analysed");
  generated = path.join(work, "generated");
  await cp(fixturePath("hostile", "tiny-service"), analysed, { recursive: true });
  expect((await govops(["analyse", analysed])).code).toBe(0);
  await cp(analysed, generated, { recursive: true });
  expect((await govops(["generate", generated])).code).toBe(0);
  manifest = JSON.parse(await readFile(path.join(generated, "ops/manifest.json"), "utf8"));
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** A further run has nothing to do: every file is as govops last wrote it. */
async function expectSettled(repo: string): Promise<void> {
  const dry = await govops(["generate", repo, "--dry-run", "--json"]);
  const actions = new Set(JSON.parse(dry.stdout).plan.map((s: { action: string }) => s.action));
  expect([...actions]).toEqual(["unchanged"]);
}

const owned = (suffix: string) => manifest.files.find((f) => f.kind === "owned" && f.path.endsWith(suffix))!;

describe.concurrent("manifest entries that leave the pack are refused, with or without --force", () => {
  it.each([
    ["manifest-parent-path", []],
    ["manifest-parent-path", ["--force"]],
    ["manifest-dot-dot-inside", ["--force"]],
    ["manifest-absolute-path", ["--force"]],
  ])("%s %j", async (overlay, flags) => {
    await scene(analysed, overlay, async ({ repo, outside }) => {
      const file = path.join(repo, "ops/manifest.json");
      await writeFile(file, (await readFile(file, "utf8")).replace("@OUTSIDE@", outside));
      const result = await govops(["generate", repo, ...flags]);
      expectRefusal(
        result,
        /^govops: ops\/manifest\.json lists an unsafe path ".*victim\.txt": it (leaves|is absolute)/,
      );
      expect(result.stderr).toMatch(/--force does not override this/);
    });
  });

  it("check refuses the same manifest instead of reading through it", async () => {
    await scene(analysed, "manifest-parent-path", async ({ repo }) => {
      expectRefusal(await govops(["check", repo]), /lists an unsafe path "\.\.\/outside\/victim\.txt"/);
    });
  });

  it("a manifest cut short is refused, not treated as no manifest", async () => {
    await scene(analysed, "manifest-not-json", async ({ repo }) => {
      expectRefusal(await govops(["generate", repo]), /ops\/manifest\.json is not valid JSON/);
    });
  });

  it("another tool's ops/manifest.json is left as it is", async () => {
    await scene(analysed, "manifest-other-tool", async ({ repo }) => {
      const before = await snapshot(path.join(repo, "ops"));
      expectRefusal(
        await govops(["generate", repo]),
        /ops\/manifest\.json is not a govops manifest: generator/,
      );
      expect(await snapshot(path.join(repo, "ops"))).toEqual(before);
    });
  });
});

describe.concurrent("nothing is written through a symbolic link", () => {
  it.each([
    ["ops", "dir", ["generate"]],
    ["ops", "dir", ["analyse"]],
    [".github", "dir", ["generate", "--target", "github"]],
    ["ops/manifest.json", "victim.txt", ["generate"]],
    ["ops/manifest.json", "victim.txt", ["generate", "--force"]],
    ["ops/profile.yaml", "victim.txt", ["analyse"]],
  ])("a linked %s (to outside/%s): %j", async (link, target, command) => {
    await scene(analysed, undefined, async ({ repo, outside }) => {
      await rm(path.join(repo, link), { recursive: true, force: true });
      await mkdir(path.dirname(path.join(repo, link)), { recursive: true });
      await symlink(path.join(outside, target), path.join(repo, link));
      const result = await govops([command[0]!, repo, ...command.slice(1)]);
      expectRefusal(result, new RegExp(`^govops: Refusing ${link.replaceAll(".", "\\.")}: .*symbolic link`));
    });
  });

  it.each([[[]], [["--force"]]])("a generated file linked outside %j", async (flags) => {
    await scene(generated, undefined, async ({ repo, outside }) => {
      const rules = owned("slo-rules.yml").path;
      await rm(path.join(repo, rules));
      await symlink(path.join(outside, "victim.txt"), path.join(repo, rules));
      expectRefusal(
        await govops(["generate", repo, ...flags]),
        new RegExp(`Refusing ${rules}: it is a symbolic link`),
      );
    });
  });

  it("a retired file under a linked folder is not deleted through it", async () => {
    await scene(generated, undefined, async ({ repo, outside }) => {
      const file = path.join(repo, "ops/manifest.json");
      const text = await readFile(file, "utf8");
      const parsed = JSON.parse(text);
      parsed.files.push({ ...owned("slo-rules.yml"), path: "retired/keep.txt" });
      await writeFile(file, JSON.stringify(parsed));
      await symlink(path.join(outside, "dir"), path.join(repo, "retired"));
      expectRefusal(
        await govops(["generate", repo, "--force"]),
        /Refusing retired: the folder is a symbolic link/,
      );
    });
  });

  it("a retired file that is itself a link is not followed", async () => {
    await scene(generated, undefined, async ({ repo, outside }) => {
      const file = path.join(repo, "ops/manifest.json");
      const parsed = JSON.parse(await readFile(file, "utf8"));
      parsed.files.push({ ...owned("slo-rules.yml"), path: "ops/retired.md" });
      await writeFile(file, JSON.stringify(parsed));
      await symlink(path.join(outside, "victim.txt"), path.join(repo, "ops/retired.md"));
      expectRefusal(
        await govops(["generate", repo, "--force"]),
        /Refusing ops\/retired\.md: it is a symbolic link/,
      );
    });
  });
});

describe.concurrent("template overrides are read only from regular files", () => {
  it("a template override linked to a file outside is refused, and its text goes nowhere", async () => {
    await scene(analysed, undefined, async ({ repo, outside }) => {
      const template = owned("slo-rules.yml").template;
      const link = path.join(repo, ".govops/templates", template);
      await mkdir(path.dirname(link), { recursive: true });
      await symlink(path.join(outside, "secret.txt"), link);
      expectRefusal(
        await govops(["generate", repo, "--force"]),
        /Refusing template .*: it is a symbolic link/,
      );
      expect(await readdir(path.join(repo, "ops"))).toEqual(["profile.yaml"]);
      const grep = await execa("grep", ["-rl", SECRET, repo], { reject: false });
      expect(grep.stdout).toBe("");
    });
  });

  it("a linked .govops/templates folder is refused", async () => {
    await scene(analysed, undefined, async ({ repo, outside }) => {
      await mkdir(path.join(repo, ".govops"));
      await symlink(path.join(outside, "dir"), path.join(repo, ".govops/templates"));
      expectRefusal(
        await govops(["generate", repo]),
        /Refusing \.govops\/templates: the folder is a symbolic link/,
      );
    });
  });

  it("--templates naming a missing folder or a file is an error", async () => {
    await scene(analysed, undefined, async ({ repo, outside }) => {
      expectRefusal(
        await govops(["generate", repo, "--templates", path.join(outside, "nonexistent")]),
        /Template folder not found: .*nonexistent/,
      );
      expectRefusal(
        await govops(["check", repo, "--templates", path.join(outside, "secret.txt")]),
        /Template folder not found: .*secret\.txt/,
      );
    });
  });
});

describe.concurrent("one run at a time", () => {
  it("a lock held by a running process stops a second run, which writes nothing", async () => {
    await scene(analysed, undefined, async ({ repo }) => {
      const lock = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };
      await writeFile(path.join(repo, "ops/.govops.lock"), JSON.stringify(lock));
      const result = await govops(["generate", repo]);
      expectRefusal(result, new RegExp(`Another govops run \\(pid ${process.pid} on `));
      expect(result.stderr).toMatch(/delete ops\/\.govops\.lock/);
      expect((await readdir(path.join(repo, "ops"))).sort()).toEqual([".govops.lock", "profile.yaml"]);
    });
  });

  it("a lock left by a process that has ended is taken over and removed", async () => {
    await scene(analysed, undefined, async ({ repo }) => {
      const ended = await execa("node", ["-e", "process.stdout.write(String(process.pid))"]);
      const lock = { pid: Number(ended.stdout), host: hostname(), startedAt: new Date().toISOString() };
      await writeFile(path.join(repo, "ops/.govops.lock"), JSON.stringify(lock));
      const result = await govops(["generate", repo]);
      expect(result.stderr).not.toMatch(/Another govops run|Refusing|error/i);
      expect(result.code).toBe(0);
      expect(await readdir(path.join(repo, "ops"))).not.toContain(".govops.lock");
    });
  });

  it("a lock file that is a link is refused", async () => {
    await scene(analysed, undefined, async ({ repo, outside }) => {
      await symlink(path.join(outside, "victim.txt"), path.join(repo, "ops/.govops.lock"));
      expectRefusal(await govops(["generate", repo]), /Refusing ops\/\.govops\.lock: it is a symbolic link/);
    });
  });
});

describe.concurrent("torn and unfinished writes", () => {
  /** Marks the manifest as a run in progress that meant to write `entries`. */
  async function markInProgress(repo: string, pending: object[]): Promise<void> {
    const file = path.join(repo, "ops/manifest.json");
    const parsed = JSON.parse(await readFile(file, "utf8"));
    parsed.inProgress = { pid: 999999, startedAt: new Date().toISOString(), pending };
    await writeFile(file, JSON.stringify(parsed, null, 2));
  }

  it("a truncated file the manifest says govops was writing is planned as torn and repaired", async () => {
    await scene(generated, undefined, async ({ repo }) => {
      const entry = owned("slo-rules.yml");
      const file = path.join(repo, entry.path);
      const full = await readFile(file, "utf8");
      await writeFile(file, full.slice(0, 700));
      await markInProgress(repo, [entry]);

      const dry = await govops(["generate", repo, "--dry-run", "--json"]);
      expect(dry.code).toBe(0);
      const step = JSON.parse(dry.stdout).plan.find((s: { path: string }) => s.path === entry.path);
      expect(step).toMatchObject({ action: "repair", reason: expect.stringMatching(/^torn: /) });

      const run = await govops(["generate", repo]);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`repair\\s+${entry.path}`));
      expect(await readFile(file, "utf8")).toBe(full);
      const after = JSON.parse(await readFile(path.join(repo, "ops/manifest.json"), "utf8"));
      expect(after.inProgress).toBeUndefined();
      await expectSettled(repo);
    });
  });

  it("the same truncation without the in-progress mark stays a person's edit", async () => {
    await scene(generated, undefined, async ({ repo }) => {
      const entry = owned("slo-rules.yml");
      const file = path.join(repo, entry.path);
      const cut = (await readFile(file, "utf8")).slice(0, 700);
      await writeFile(file, cut);
      const run = await govops(["generate", repo]);
      expect(run.stdout).toMatch(new RegExp(`skip-edited\\s+${entry.path}`));
      expect(await readFile(file, "utf8")).toBe(cut);
    });
  });

  it("a file an unfinished run finished writing is govops', not a person's edit", async () => {
    await scene(generated, undefined, async ({ repo }) => {
      const entry = owned("slo-rules.yml");
      const file = path.join(repo, entry.path);
      const full = await readFile(file, "utf8");
      const written = `${full}# a version the stopped run wrote\n`;
      await writeFile(file, written);
      await markInProgress(repo, [{ ...entry, sha256: createHash("sha256").update(written).digest("hex") }]);
      const run = await govops(["generate", repo, "--json"]);
      const step = JSON.parse(run.stdout).plan.find((s: { path: string }) => s.path === entry.path);
      expect(step).toMatchObject({ action: "update", reason: "profile or templates changed" });
      expect(await readFile(file, "utf8")).toBe(full);
    });
  });
});

describe.concurrent("runs at the same time and runs that stopped", () => {
  it("two runs at once: each finishes or is refused, and the manifest lists exactly the files there", async () => {
    await scene(analysed, undefined, async ({ repo }) => {
      const runs = await Promise.all([govops(["generate", repo]), govops(["generate", repo, "--force"])]);
      for (const run of runs) {
        if (run.code === 2) expect(run.stderr).toMatch(/^govops: Another govops run \(pid \d+ on /);
        else expect(run.code).toBe(0);
      }
      expect(runs.some((r) => r.code === 0)).toBe(true);
      const listed = JSON.parse(await readFile(path.join(repo, "ops/manifest.json"), "utf8"));
      expect(listed.inProgress).toBeUndefined();
      for (const f of listed.files as Array<{ path: string; sha256: string }>) {
        const text = await readFile(path.join(repo, f.path));
        expect(createHash("sha256").update(text).digest("hex"), f.path).toBe(f.sha256);
      }
      expect(await readdir(path.join(repo, "ops"))).not.toContain(".govops.lock");
    });
  });

  it("temporary files a killed run left behind are removed by the next run", async () => {
    await scene(generated, undefined, async ({ repo }) => {
      const leftover = path.join(repo, "ops/monitoring/.govops-99999-0123456789ab.tmp");
      await writeFile(leftover, "groups:\n  - name: half");
      const run = await govops(["generate", repo]);
      expect(run.code).toBe(0);
      expect(await readdir(path.join(repo, "ops/monitoring"))).not.toContain(path.basename(leftover));
    });
  });
});

describe.concurrent("write errors are one line with the cause", () => {
  it("a folder where a generated file goes", async () => {
    await scene(analysed, undefined, async ({ repo }) => {
      await mkdir(path.join(repo, "ops/monitoring/slo-rules.yml"), { recursive: true });
      expectRefusal(
        await govops(["generate", repo]),
        /Refusing ops\/monitoring\/slo-rules\.yml: a folder is where a file should be/,
      );
    });
  });

  it("a file where a folder of the pack goes", async () => {
    await scene(analysed, undefined, async ({ repo }) => {
      await writeFile(path.join(repo, "ops/monitoring"), "not a folder\n");
      expectRefusal(
        await govops(["generate", repo]),
        /Refusing ops\/monitoring: a file is where a folder should be/,
      );
    });
  });

  it("an output path too long for the file system (ENAMETOOLONG)", async () => {
    await scene(analysed, undefined, async ({ repo }) => {
      const out = path.join(repo, "x".repeat(300));
      expectRefusal(
        await govops(["generate", repo, "--out", out]),
        /^govops: Cannot .*the path is too long \(ENAMETOOLONG\)/,
      );
    });
  });

  it("a file size limit (EFBIG) stops the run with nothing half-written, and the next run writes the pack", async () => {
    await scene(analysed, undefined, async ({ repo }) => {
      const limited = await execa("bash", ["-c", `ulimit -f 4 && exec node "${BIN}" generate "${repo}"`], {
        reject: false,
        env: { NO_COLOR: "1" },
      });
      expectRefusal(
        { code: limited.exitCode, stderr: String(limited.stderr) },
        /^govops: Cannot write .*: the file is larger than the system allows \(EFBIG\)/,
      );
      // The in-progress manifest is the largest file, so the limit stops the run before any file is replaced.
      expect(await readdir(path.join(repo, "ops"))).toEqual(["profile.yaml"]);

      const next = await govops(["generate", repo]);
      expect(next.code).toBe(0);
      expect(next.stdout).not.toMatch(/skip-edited/);
      await expectSettled(repo);
    });
  });
});
