import { parse } from "yaml";
import { parseWorkflowYaml, stepLabel } from "./workflow-yaml.js";

export interface CiScript {
  where: string;
  shell: "bash" | "sh";
  script: string;
}

/** Expressions are evaluated before the shell sees the script: a placeholder keeps the shell syntax. */
export function withPlaceholders(script: string): string {
  return script.replace(/\$\{\{[\s\S]*?\}\}/g, "GOVOPS_EXPRESSION");
}

/** Every `run:` script of a GitHub workflow that runs in bash or sh. */
export function workflowScripts(content: string): CiScript[] {
  return parseWorkflowYaml(content).jobs.flatMap((job) =>
    job.steps.flatMap((step): CiScript[] => {
      if (step.run === undefined) return [];
      const shell = step.shell ?? "bash";
      if (!/^(bash|sh)\b/.test(shell)) return [];
      return [
        {
          where: stepLabel(step),
          shell: shell.startsWith("sh") ? "sh" : "bash",
          script: withPlaceholders(step.run),
        },
      ];
    }),
  );
}

const SCRIPT_KEYS = ["before_script", "script", "after_script"] as const;

/** Every job's script lines in a .gitlab-ci.yml, as one POSIX sh script per job and section. */
export function gitlabScripts(content: string): CiScript[] {
  const data = (parse(content) ?? {}) as Record<string, unknown>;
  const out: CiScript[] = [];
  for (const [name, job] of Object.entries(data)) {
    if (!job || typeof job !== "object" || Array.isArray(job)) continue;
    for (const key of SCRIPT_KEYS) {
      const lines = (job as Record<string, unknown>)[key];
      const list = Array.isArray(lines) ? lines.flat(Infinity) : typeof lines === "string" ? [lines] : [];
      if (list.length)
        out.push({ where: `job "${name}" ${key}`, shell: "sh", script: list.map(String).join("\n") });
    }
  }
  return out;
}
