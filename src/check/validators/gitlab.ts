import { copyFile, mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { execa } from "execa";
import type { Validator, ValidatorProblem } from "./types.js";

function gitlabCiLocalBin(): string | undefined {
  try {
    const require = createRequire(import.meta.url);
    const pkg = require.resolve("gitlab-ci-local/package.json");
    const bin = (require(pkg) as { bin: string | Record<string, string> }).bin;
    return path.join(path.dirname(pkg), typeof bin === "string" ? bin : bin["gitlab-ci-local"]!);
  } catch {
    return undefined;
  }
}

/** GitLab's CI schema and job rules, through gitlab-ci-local --list in a throwaway git repository. */
export const gitlabValidator: Validator = {
  id: "gitlab-ci-local",
  title: "GitLab CI schema (gitlab-ci-local --list)",
  applies: (rel) => rel === ".gitlab-ci.yml",
  async run(files) {
    const bin = gitlabCiLocalBin();
    if (!bin) return { skipped: "gitlab-ci-local is not installed (npm i -D gitlab-ci-local@4.73.0)" };
    const problems: ValidatorProblem[] = [];
    for (const file of files) {
      const dir = await mkdtemp(path.join(tmpdir(), "govops-gitlab-"));
      try {
        await copyFile(file.abs, path.join(dir, ".gitlab-ci.yml"));
        await execa("git", ["init", "--quiet"], { cwd: dir });
        const result = await execa(process.execPath, [bin, "--list"], {
          cwd: dir,
          reject: false,
          all: true,
          timeout: 120_000,
          env: { NO_COLOR: "1", FORCE_COLOR: "0" },
        });
        if (result.exitCode !== 0) {
          const lines = (result.all ?? "")
            .split("\n")
            .filter((l) => l.trim() && !/git |remote|origin|HEAD/i.test(l));
          problems.push({
            file: file.rel,
            message: lines.slice(0, 20).join("\n") || "gitlab-ci-local failed",
          });
        }
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    }
    return { problems };
  },
};
