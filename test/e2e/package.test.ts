import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { examplePath, ROOT } from "../helpers.js";
import { copyService } from "./run-cli.js";

/**
 * What a platform engineer gets from `npm install govops`: the packed tarball installed into an empty project
 * outside this repository, so nothing resolves from govops' own node_modules or devDependencies.
 */
describe("the npm package", () => {
  let dir: string;
  let bin: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "govops-package-"));
    await execa("npm", ["pack", "--pack-destination", dir, "--loglevel=error"], { cwd: ROOT });
    const tarball = (await readdir(dir)).find((f) => f.endsWith(".tgz"));
    const project = path.join(dir, "project");
    await execa("mkdir", [project]);
    await writeFile(path.join(project, "package.json"), '{ "name": "consumer", "private": true }\n');
    await execa("npm", ["install", path.join(dir, tarball!), "--no-audit", "--no-fund", "--prefer-offline"], {
      cwd: project,
    });
    bin = path.join(project, "node_modules", ".bin", "govops");
  });

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("analyses, generates and checks a service from the installed tarball, with every bundled validator", async () => {
    const service = await copyService(examplePath("level-1-forms-service"), path.join(dir, "service"));
    const run = (...args: string[]) =>
      execa(bin, args, { cwd: service, reject: false, env: { NO_COLOR: "1" }, stdin: "ignore" });

    expect((await run("--version")).stdout).toMatch(/^\d+\.\d+\.\d+/);
    expect((await run("analyse", ".")).exitCode).toBe(0);
    expect((await run("generate", ".")).exitCode).toBe(0);
    const check = await run("check", ".", "--json");
    expect(check.exitCode, check.stdout).toBe(0);
    const result = JSON.parse(check.stdout) as { ok: boolean; validatorsRun: string[]; warnings: string[] };
    expect(result.ok).toBe(true);
    // The JavaScript validators ship as dependencies: none may be skipped for being absent.
    expect(result.validatorsRun).toEqual(
      expect.arrayContaining(["github-workflow-parser", "actionlint", "markdownlint", "placeholders"]),
    );
    expect(result.warnings.filter((w) => /skipped|not installed/.test(w))).toEqual([]);
  });
});
