import { readFile } from "node:fs/promises";
import type { Validator, ValidatorProblem } from "./types.js";
import { parseWorkflowYaml, stepLabel, type ParsedWorkflow } from "./workflow-yaml.js";

export type HardeningRule =
  | "unpinned-action"
  | "missing-permissions"
  | "broad-permissions"
  | "permission-without-reason"
  | "expression-injection"
  | "persisted-credentials"
  | "risky-trigger"
  | "secrets-inherit"
  | "pipe-to-shell";

export interface HardeningFinding {
  rule: HardeningRule;
  message: string;
}

const PINNED = /^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/;
const RISKY_TRIGGERS = new Set(["pull_request_target", "workflow_run"]);
/** Contexts an outsider cannot set; anything else inside `run:` must go through `env:`. */
const SAFE_EXPRESSION =
  /^(github\.(sha|ref|ref_name|ref_type|run_id|run_number|run_attempt|repository|repository_id|repository_owner|workflow|job|server_url|api_url|event_name|action_path|workspace)|runner\.\w+|job\.status|strategy\.\w+)$/;

function checkUses(uses: string, comment: string | undefined, where: string): HardeningFinding[] {
  if (uses.startsWith("./") || /^docker:\/\/[^@]+@sha256:[0-9a-f]{64}$/.test(uses)) return [];
  if (!PINNED.test(uses))
    return [{ rule: "unpinned-action", message: `${where}: ${uses} is not pinned to a full commit SHA` }];
  if (!/^\s*v?\d+(\.\d+)*/.test(comment ?? ""))
    return [
      { rule: "unpinned-action", message: `${where}: ${uses} has no "# vX.Y.Z" comment naming its release` },
    ];
  return [];
}

function checkPermissions(wf: ParsedWorkflow): HardeningFinding[] {
  const out: HardeningFinding[] = [];
  if (!wf.hasPermissions)
    out.push({ rule: "missing-permissions", message: "no top-level permissions: set `permissions: {}`" });
  const top = wf.permissions;
  const topWrites =
    typeof top === "string"
      ? top !== "read-all"
      : top && typeof top === "object" && Object.values(top).some((v) => v === "write");
  if (wf.hasPermissions && topWrites)
    out.push({
      rule: "broad-permissions",
      message: "top-level permissions grant write: grant it per job instead",
    });
  for (const job of wf.jobs) {
    if (typeof job.permissions === "string" && job.permissions.endsWith("-all"))
      out.push({ rule: "broad-permissions", message: `job "${job.id}": permissions: ${job.permissions}` });
    else if (job.permissions && typeof job.permissions === "object")
      for (const [scope, comment] of Object.entries(job.permissionComments))
        if (!comment?.trim())
          out.push({
            rule: "permission-without-reason",
            message: `job "${job.id}": permission ${scope} has no comment saying why`,
          });
  }
  return out;
}

/** govops' hardening rules for one GitHub Actions workflow (GDS Way, OpenSSF Scorecard, zizmor). */
export function hardeningFindings(content: string): HardeningFinding[] {
  const wf = parseWorkflowYaml(content);
  const out: HardeningFinding[] = [...checkPermissions(wf)];
  for (const trigger of wf.triggers.filter((t) => RISKY_TRIGGERS.has(t)))
    out.push({ rule: "risky-trigger", message: `${trigger} runs with secrets on code or data from outside` });
  for (const job of wf.jobs) {
    if (job.uses) out.push(...checkUses(job.uses, job.usesComment, `job "${job.id}"`));
    if (job.secrets === "inherit")
      out.push({
        rule: "secrets-inherit",
        message: `job "${job.id}" passes every secret (secrets: inherit)`,
      });
    for (const step of job.steps) {
      if (step.uses) out.push(...checkUses(step.uses, step.usesComment, stepLabel(step)));
      if (step.uses?.startsWith("actions/checkout@") && String(step.with["persist-credentials"]) !== "false")
        out.push({
          rule: "persisted-credentials",
          message: `${stepLabel(step)}: checkout without persist-credentials: false`,
        });
      for (const m of (step.run ?? "").matchAll(/\$\{\{\s*([\s\S]*?)\s*\}\}/g))
        if (!SAFE_EXPRESSION.test(m[1]!))
          out.push({
            rule: "expression-injection",
            message: `${stepLabel(step)}: \${{ ${m[1]} }} inside run: pass it through env: instead`,
          });
      if (/\b(curl|wget)\b[^|\n]*\|\s*(sudo\s+)?(ba|z)?sh\b/.test(step.run ?? ""))
        out.push({ rule: "pipe-to-shell", message: `${stepLabel(step)}: pipes a download into a shell` });
    }
  }
  return out;
}

export const hardeningValidator: Validator = {
  id: "govops-hardening",
  title: "govops workflow hardening rules",
  applies: (rel) => /^\.github\/workflows\/[^/]+\.ya?ml$/.test(rel),
  async run(files) {
    const problems: ValidatorProblem[] = [];
    for (const file of files)
      for (const f of hardeningFindings(await readFile(file.abs, "utf8")))
        problems.push({ file: file.rel, message: `[${f.rule}] ${f.message}` });
    return { problems };
  },
};
