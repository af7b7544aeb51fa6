import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { execa } from "execa";
import { gitlabScripts, workflowScripts } from "./ci-scripts.js";
import { isGitlabCi } from "./gitlab.js";
import { toolMissing } from "./promtool.js";
import type { Validator, ValidatorProblem } from "./types.js";

interface Target {
  /** The file shellcheck reads. */
  abs: string;
  /** Where a finding is reported. */
  file: string;
  where: string;
}

/** Pipelines' inline scripts, each written to its own file with a shebang for its shell. */
async function inlineTargets(dir: string, rel: string, abs: string): Promise<Target[]> {
  const content = await readFile(abs, "utf8");
  const scripts = isGitlabCi(rel) ? gitlabScripts(content) : workflowScripts(content);
  const targets: Target[] = [];
  for (const [i, s] of scripts.entries()) {
    const file = path.join(dir, `${targets.length}-${i}.sh`);
    // The shebang takes line 1: the script's own lines are reported one lower.
    await writeFile(file, `#!/usr/bin/env ${s.shell}\n${s.script}\n`);
    targets.push({ abs: file, file: rel, where: `${s.where}: ` });
  }
  return targets;
}

/** shellcheck on generated shell scripts and on every script inside GitHub and GitLab pipelines. */
export const shellcheckValidator: Validator = {
  id: "shellcheck",
  title: "shellcheck",
  applies: (rel) => rel.endsWith(".sh") || /^\.github\/workflows\/[^/]+\.ya?ml$/.test(rel) || isGitlabCi(rel),
  async run(files) {
    const dir = await mkdtemp(path.join(tmpdir(), "govops-shellcheck-"));
    try {
      const targets: Target[] = [];
      for (const f of files) {
        if (f.rel.endsWith(".sh")) targets.push({ abs: f.abs, file: f.rel, where: "" });
        else targets.push(...(await inlineTargets(dir, f.rel, f.abs)));
      }
      if (targets.length === 0) return { problems: [] };
      // One run for every script: starting shellcheck costs more than checking a script.
      const result = await execa("shellcheck", ["-f", "gcc", ...targets.map((t) => t.abs)], {
        reject: false,
        timeout: 120_000,
      }).catch(() => undefined);
      if (toolMissing(result))
        return { skipped: "shellcheck is not installed (Debian: apt-get install shellcheck)" };
      const byAbs = new Map(targets.map((t) => [t.abs, t]));
      const problems: ValidatorProblem[] = [];
      for (const line of (result!.stdout ?? "").split("\n").filter((l) => l.trim())) {
        const m = /^(.*?):(\d+):(\d+): (.*)$/.exec(line);
        const target = m ? byAbs.get(m[1]!) : undefined;
        if (!m || !target) {
          problems.push({ file: files[0]!.rel, message: line });
          continue;
        }
        const lineNo = target.where ? Number(m[2]) - 1 : Number(m[2]);
        problems.push({ file: target.file, message: `${target.where}line ${lineNo}:${m[3]}: ${m[4]}` });
      }
      if (result!.exitCode !== 0 && problems.length === 0)
        problems.push({
          file: files[0]!.rel,
          message: (result!.stderr || "shellcheck failed").slice(0, 500),
        });
      return { problems };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};
