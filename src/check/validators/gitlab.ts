import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { execa } from "execa";
import { isMap, isSeq, parseDocument, type Node } from "yaml";
import type { Validator, ValidatorProblem } from "./types.js";

/** Include kinds gitlab-ci-local would fetch over the network; check runs offline and reads only local files. */
const REMOTE = ["remote", "project", "template", "component"];

/**
 * The file with every remote include left out, and what was left out. An include is a string (a URL is remote,
 * a path local) or a map naming its kind.
 */
export function offlineCopy(text: string): { text: string; leftOut: string[] } {
  const doc = parseDocument(text);
  const include = doc.get("include", true) as Node | undefined;
  if (!include) return { text, leftOut: [] };
  const entries = isSeq(include) ? include.items : [include];
  const leftOut: string[] = [];
  const isRemote = (item: unknown) => {
    const value = (item as { toJSON?: () => unknown })?.toJSON?.() ?? item;
    if (typeof value === "string") return /^[a-z][\w+.-]*:\/\//i.test(value);
    return isMap(item) && REMOTE.some((k) => item.has(k));
  };
  const kept = entries.filter((item) => {
    if (!isRemote(item)) return true;
    leftOut.push(JSON.stringify((item as { toJSON?: () => unknown })?.toJSON?.() ?? item));
    return false;
  });
  if (leftOut.length === 0) return { text, leftOut };
  if (kept.length === 0) doc.delete("include");
  else
    doc.set("include", doc.createNode(kept.map((k) => (k as { toJSON?: () => unknown })?.toJSON?.() ?? k)));
  return { text: doc.toString(), leftOut };
}

/** The pipeline file, or an include of govops' that a pipeline names (`*.gitlab-ci.yml`). */
export function isGitlabCi(rel: string): boolean {
  return rel.endsWith(".gitlab-ci.yml");
}

/** The smallest project pipeline: one job of the team's, and the include. */
function includingPipeline(rel: string): string {
  return `include:\n  - local: ${JSON.stringify(rel)}\n\nteam-job:\n  script:\n    - echo team\n`;
}

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
  applies: isGitlabCi,
  async run(files) {
    const bin = gitlabCiLocalBin();
    if (!bin) return { skipped: "gitlab-ci-local is not installed (npm i -D gitlab-ci-local@4.73.0)" };
    const problems: ValidatorProblem[] = [];
    const warnings: ValidatorProblem[] = [];
    for (const file of files) {
      const { text, leftOut } = offlineCopy(await readFile(file.abs, "utf8"));
      for (const include of leftOut)
        warnings.push({
          file: file.rel,
          message: `remote include not checked (check runs offline): ${include}`,
        });
      const dir = await mkdtemp(path.join(tmpdir(), "govops-gitlab-"));
      try {
        if (file.rel === ".gitlab-ci.yml") await writeFile(path.join(dir, ".gitlab-ci.yml"), text);
        else {
          // An include is checked the way GitLab reads it: from a pipeline that includes it and has a job.
          await mkdir(path.dirname(path.join(dir, file.rel)), { recursive: true });
          await writeFile(path.join(dir, file.rel), text);
          await writeFile(path.join(dir, ".gitlab-ci.yml"), includingPipeline(file.rel));
        }
        await execa("git", ["init", "--quiet"], { cwd: dir });
        // gitlab-ci-local reads a local include from the repository's history, as GitLab does.
        if (file.rel !== ".gitlab-ci.yml") {
          await execa("git", ["add", "--all"], { cwd: dir });
          await execa(
            "git",
            ["-c", "user.name=govops", "-c", "user.email=govops@invalid", "commit", "--quiet", "-m", "check"],
            { cwd: dir },
          );
        }
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
    return { problems, warnings };
  },
};
