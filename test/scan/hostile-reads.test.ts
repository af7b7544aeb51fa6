import { execFileSync } from "node:child_process";
import { mkdir, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { analyse } from "../../src/analyse/index.js";
import { analyseService, generate, loadProfile } from "../../src/index.js";
import { profileToYaml } from "../../src/profile/io.js";
import { govopsOutputs } from "../../src/scan/generated.js";
import { withTempDir } from "../helpers.js";

const ROUTE = (p: string) =>
  `import express from 'express';\nconst app = express();\napp.get('${p}', (_q, r) => r.end());\n`;
const mkfifo = (file: string) => execFileSync("mkfifo", [file]);

/** A service, and beside it a folder whose files must never be read as the service's. */
async function repoBesideOutside(dir: string): Promise<{ repo: string; outside: string }> {
  const repo = path.join(dir, "repo");
  const outside = path.join(dir, "outside");
  await mkdir(path.join(repo, "src"), { recursive: true });
  await mkdir(path.join(outside, "lib"), { recursive: true });
  await writeFile(
    path.join(repo, "package.json"),
    JSON.stringify({ name: "svc", dependencies: { express: "4" } }),
  );
  await writeFile(path.join(repo, "src/app.ts"), ROUTE("/inside"));
  await writeFile(
    path.join(outside, "lib/leak.ts"),
    `${ROUTE("/from-outside")}process.env.OUTSIDE_SECRET_NAME;\n`,
  );
  return { repo, outside };
}

describe("reading a hostile repository: nothing from outside it, nothing that hangs", () => {
  it("a symlinked folder or file pointing outside is not walked, and the summary says why", async () => {
    await withTempDir(async (dir) => {
      const { repo, outside } = await repoBesideOutside(dir);
      await symlink(path.join(outside, "lib"), path.join(repo, "src/external"));
      await symlink(path.join(outside, "lib/leak.ts"), path.join(repo, "src/leak.ts"));
      await mkdir(path.join(repo, "shared"));
      await writeFile(path.join(repo, "shared/routes.ts"), ROUTE("/shared"));
      await symlink("../shared", path.join(repo, "src/shared-link"));
      const { profile } = await analyseService(repo, { write: false, config: false });
      const a = await analyse(repo);
      expect(a.facts.skipped).toEqual(
        expect.arrayContaining([
          { file: "src/leak.ts", reason: "symlink to a path outside the repository: not followed" },
          { file: "src/external", reason: "symlink to a path outside the repository: not followed" },
        ]),
      );
      expect(a.facts.routes.map((r) => r.path).sort()).toEqual(["/inside", "/shared"]);
      const yaml = profileToYaml(profile);
      expect(yaml).not.toMatch(/from-outside|OUTSIDE_SECRET_NAME/);
      expect(yaml).toContain("/inside");
    });
  });

  it("FIFOs named .gitignore, a source file and ops/manifest.json are skipped, not waited on", async () => {
    await withTempDir(async (dir) => {
      const { repo } = await repoBesideOutside(dir);
      mkfifo(path.join(repo, ".gitignore"));
      mkfifo(path.join(repo, "src/pipe.ts"));
      await mkdir(path.join(repo, "ops"));
      mkfifo(path.join(repo, "ops/manifest.json"));
      const a = await analyse(repo);
      expect(a.facts.skipped).toEqual(
        expect.arrayContaining([
          { file: ".gitignore", reason: "not read: a FIFO (named pipe), not a regular file" },
          { file: "src/pipe.ts", reason: "a FIFO (named pipe), not a regular file" },
        ]),
      );
      expect(a.facts.routes.map((r) => r.path)).toEqual(["/inside"]);
      expect([...govopsOutputs(repo)]).toEqual(["ops/profile.yaml", "ops/manifest.json"]);
    });
  });

  it("ops/profile.yaml as a FIFO, a directory or a link out of the service: one line, INVALID_PROFILE", async () => {
    await withTempDir(async (dir) => {
      const { repo, outside } = await repoBesideOutside(dir);
      const profile = path.join(repo, "ops/profile.yaml");
      await mkdir(path.join(repo, "ops"));
      mkfifo(profile);
      await expect(loadProfile(profile, repo)).rejects.toMatchObject({
        code: "INVALID_PROFILE",
        message: `Cannot read profile ${profile}: a FIFO (named pipe), not a regular file`,
      });
      await expect(generate(repo, { dryRun: true })).rejects.toMatchObject({ code: "INVALID_PROFILE" });

      execFileSync("rm", [profile]);
      await mkdir(profile);
      await expect(loadProfile(profile, repo)).rejects.toMatchObject({
        message: `Cannot read profile ${profile}: a directory, not a regular file`,
      });

      execFileSync("rm", ["-r", path.join(repo, "ops")]);
      await writeFile(path.join(outside, "profile.yaml"), "schemaVersion: 1\n");
      await symlink(outside, path.join(repo, "ops"));
      const refused = generate(repo, { dryRun: true });
      await expect(refused).rejects.toMatchObject({ code: "INVALID_PROFILE" });
      await expect(refused).rejects.toThrow(/Cannot read profile .*ops\/profile\.yaml: resolves outside/);
    });
  });
});
