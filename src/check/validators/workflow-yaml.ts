import { isMap, isScalar, isSeq, parseDocument, type Document, type YAMLMap } from "yaml";

export interface WorkflowStep {
  job: string;
  index: number;
  name?: string;
  uses?: string;
  /** The trailing comment of the `uses:` line, e.g. " v4.2.2". */
  usesComment?: string;
  run?: string;
  shell?: string;
  with: Record<string, unknown>;
}

export interface WorkflowJob {
  id: string;
  uses?: string;
  usesComment?: string;
  secrets?: unknown;
  permissions?: unknown;
  /** Trailing comments of the job's permission scopes, by scope. */
  permissionComments: Record<string, string | undefined>;
  steps: WorkflowStep[];
}

export interface ParsedWorkflow {
  doc: Document;
  triggers: string[];
  permissions: unknown;
  hasPermissions: boolean;
  jobs: WorkflowJob[];
}

function triggersOf(on: unknown): string[] {
  if (typeof on === "string") return [on];
  if (Array.isArray(on)) return on.map(String);
  if (on && typeof on === "object") return Object.keys(on);
  return [];
}

function commentsOf(map: unknown): Record<string, string | undefined> {
  if (!isMap(map)) return {};
  return Object.fromEntries(
    map.items.map((pair) => [
      String(isScalar(pair.key) ? pair.key.value : pair.key),
      isScalar(pair.value) ? (pair.value.comment ?? undefined) : undefined,
    ]),
  );
}

/** A GitHub Actions workflow read with its comments, which carry pinned versions and permission reasons. */
export function parseWorkflowYaml(content: string): ParsedWorkflow {
  const doc = parseDocument(content);
  const data = (doc.toJS() ?? {}) as Record<string, unknown>;
  const jobsNode = doc.get("jobs");
  const jobs: WorkflowJob[] = [];
  if (isMap(jobsNode)) {
    for (const pair of (jobsNode as YAMLMap).items) {
      const id = String(isScalar(pair.key) ? pair.key.value : pair.key);
      const node = pair.value;
      if (!isMap(node)) continue;
      const job = node.toJSON() as Record<string, unknown>;
      const usesNode = node.get("uses", true);
      const stepsNode = node.get("steps");
      const steps: WorkflowStep[] = isSeq(stepsNode)
        ? stepsNode.items.flatMap((s, index) => {
            if (!isMap(s)) return [];
            const step = s.toJSON() as Record<string, unknown>;
            const stepUses = s.get("uses", true);
            return [
              {
                job: id,
                index,
                name: typeof step.name === "string" ? step.name : undefined,
                uses: typeof step.uses === "string" ? step.uses : undefined,
                usesComment: isScalar(stepUses) ? (stepUses.comment ?? undefined) : undefined,
                run: typeof step.run === "string" ? step.run : undefined,
                shell: typeof step.shell === "string" ? step.shell : undefined,
                with: (step.with as Record<string, unknown>) ?? {},
              },
            ];
          })
        : [];
      jobs.push({
        id,
        uses: typeof job.uses === "string" ? job.uses : undefined,
        usesComment: isScalar(usesNode) ? (usesNode.comment ?? undefined) : undefined,
        secrets: job.secrets,
        permissions: job.permissions,
        permissionComments: commentsOf(node.get("permissions")),
        steps,
      });
    }
  }
  return {
    doc,
    triggers: triggersOf(data.on),
    permissions: data.permissions,
    hasPermissions: "permissions" in data,
    jobs,
  };
}

export function stepLabel(step: WorkflowStep): string {
  return `job "${step.job}" step ${step.index + 1}${step.name ? ` (${step.name})` : ""}`;
}
