import { readFile } from "node:fs/promises";
import { execa } from "execa";
import { gitlabScripts, workflowScripts, type CiScript } from "./ci-scripts.js";
import { toolMissing } from "./promtool.js";
import type { Validator, ValidatorProblem } from "./types.js";

async function shellcheck(args: string[], input?: string) {
  try {
    return await execa("shellcheck", ["-f", "gcc", ...args], { reject: false, input, timeout: 60_000 });
  } catch {
    return undefined;
  }
}

function findings(output: string, where: string, file: string): ValidatorProblem[] {
  return output
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => ({ file, message: `${where ? `${where}: ` : ""}${l.replace(/^[^:]*:/, "line ")}` }));
}

async function checkScripts(file: string, scripts: CiScript[]): Promise<ValidatorProblem[] | "missing"> {
  const problems: ValidatorProblem[] = [];
  for (const s of scripts) {
    const result = await shellcheck(["-s", s.shell, "-"], s.script);
    if (toolMissing(result)) return "missing";
    if (result!.exitCode !== 0) problems.push(...findings(result!.stdout, s.where, file));
  }
  return problems;
}

/** shellcheck on generated shell scripts and on every script inside GitHub and GitLab pipelines. */
export const shellcheckValidator: Validator = {
  id: "shellcheck",
  title: "shellcheck",
  applies: (rel) =>
    rel.endsWith(".sh") || /^\.github\/workflows\/[^/]+\.ya?ml$/.test(rel) || rel === ".gitlab-ci.yml",
  async run(files) {
    const problems: ValidatorProblem[] = [];
    for (const file of files) {
      let found: ValidatorProblem[] | "missing";
      if (file.rel.endsWith(".sh")) {
        const result = await shellcheck([file.abs]);
        found = toolMissing(result)
          ? "missing"
          : findings(result!.exitCode === 0 ? "" : result!.stdout, "", file.rel);
      } else {
        const content = await readFile(file.abs, "utf8");
        found = await checkScripts(
          file.rel,
          file.rel === ".gitlab-ci.yml" ? gitlabScripts(content) : workflowScripts(content),
        );
      }
      if (found === "missing")
        return { skipped: "shellcheck is not installed (Debian: apt-get install shellcheck)" };
      problems.push(...found);
    }
    return { problems };
  },
};
