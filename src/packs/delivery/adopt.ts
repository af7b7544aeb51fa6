import type { Profile } from "../../profile/schema.js";

import type { CiMode } from "../../profile/schema.js";

/** The gates govops can add, each a job of the generated workflow; the last four only govops has. */
export const GATES = [
  "test",
  "codeql",
  "dependency-audit",
  "dependency-review",
  "secrets",
  "container-scan",
  "iac-scan",
  "accessibility",
  "page-speed",
  "personal-data",
  "migrations",
  "golden-assessments",
  "operations",
] as const;
export type Gate = (typeof GATES)[number];

/** Which existing CI gates stand for each govops gate (test needs tests and coverage, or tests alone). */
const COVERED_BY: Partial<Record<Gate, string[]>> = {
  test: ["test"],
  codeql: ["codeql"],
  "dependency-audit": ["dependency-audit"],
  "dependency-review": ["dependency-review"],
  secrets: ["secrets"],
  "container-scan": ["container-scan"],
  "iac-scan": ["iac-scan"],
  accessibility: ["accessibility"],
  "page-speed": ["page-speed"],
};

const LABEL: Record<string, string> = {
  test: "unit tests",
  codeql: "CodeQL",
  "dependency-audit": "dependency audit",
  "dependency-review": "dependency review",
  secrets: "secret scanning",
  "container-scan": "container scan",
  "iac-scan": "infrastructure-as-code scan",
  accessibility: "accessibility checks",
  "page-speed": "page-speed budgets",
};

/**
 * What govops adds to this repository and what it leaves to what is already there. `full` writes the
 * pipelines (no CI found); `gates` adds one workflow with only the gates the existing CI lacks; `none`
 * writes no CI. Nothing here ever shadows a file the team has.
 */
export function adoption(profile: Profile, override?: CiMode) {
  const repo = profile.facts.repo;
  const ci = repo?.ci ?? profile.facts.ciFiles;
  const mode: CiMode = override ?? profile.delivery?.ci ?? (ci.length ? "gates" : "full");
  const found = (kind: string) => repo?.ciGates.find((g) => g.kind === kind);
  const hygiene = (kind: string) =>
    repo?.hygiene.filter((h) => h.kind === kind).map((h) => h.evidence.file) ?? [];
  const existing = new Set([
    ...ci.map((c) => c.evidence.file),
    ...(repo?.hygiene ?? []).map((h) => h.evidence.file),
  ]);
  const kept: string[] = [];
  const gate = Object.fromEntries(GATES.map((g) => [g, mode !== "none"])) as Record<Gate, boolean>;
  if (mode === "gates") {
    for (const [g, kinds] of Object.entries(COVERED_BY) as Array<[Gate, string[]]>) {
      const by = kinds.map(found).find(Boolean);
      if (!by) continue;
      gate[g] = false;
      kept.push(`kept existing ${LABEL[g]} (${by.evidence.file})`);
    }
  }
  const deployFound = repo?.deploy ?? [];
  const deployPipeline = Boolean(repo?.deployPipeline);
  const deploy = mode === "full" && !deployPipeline;
  if (mode !== "full" || deployPipeline)
    kept.push(
      deployPipeline
        ? `kept existing deploy (${platformNames(deployFound) || "deploy steps in CI"}): no second deploy pipeline`
        : mode === "none"
          ? "no CI or deploy pipeline written (ci: none)"
          : "no deploy pipeline written: govops adds gates to the CI already there",
    );
  const codeowners = hygiene("codeowners");
  const renovate = hygiene("renovate");
  const dependabot = hygiene("dependabot");
  const security = hygiene("security-policy");
  if (codeowners.length) kept.push(`kept existing CODEOWNERS (${codeowners.join(", ")}): no second one`);
  if (renovate.length) kept.push(`kept existing Renovate (${renovate.join(", ")}): no Dependabot beside it`);
  if (dependabot.length) kept.push(`kept existing Dependabot configuration (${dependabot.join(", ")})`);
  if (security.length) kept.push(`kept existing security policy (${security.join(", ")})`);
  const gitleaks = hygiene("gitleaks").find((f) => f.endsWith(".toml"));
  if (gitleaks) kept.push(`secret scanning reads the existing gitleaks configuration (${gitleaks})`);
  for (const f of hygiene("audit-allowlist")) kept.push(`kept existing audit allow-list (${f})`);
  const free = (p: string, fallback: string) => (existing.has(p) ? fallback : p);
  return {
    mode,
    gate,
    deploy,
    deployPlatform: deployPlatform(deployFound.map((d) => d.kind)),
    kept,
    files: {
      ci:
        mode === "full"
          ? free(".github/workflows/ci.yml", ".github/workflows/govops-ci.yml")
          : ".github/workflows/govops-gates.yml",
      deploy: free(".github/workflows/deploy.yml", ".github/workflows/govops-deploy.yml"),
      // Beside a .gitlab-ci.yml, an include the team adds with one line: theirs stays byte for byte theirs.
      gitlab:
        mode === "full" && !existing.has(".gitlab-ci.yml")
          ? ".gitlab-ci.yml"
          : "ops/delivery/govops-gates.gitlab-ci.yml",
      codeowners: codeowners.length === 0,
      dependabot: renovate.length === 0 && dependabot.length === 0,
      security: security.length === 0,
    },
    gitleaksConfig: gitleaks,
  };
}

export type Adoption = ReturnType<typeof adoption>;

const PLATFORM_ORDER = [
  "helm",
  "kubernetes",
  "kd",
  "serverless",
  "sam",
  "cloudfoundry",
  "appengine",
  "azure-app-service",
  "ecs",
  "pm2",
  "terraform",
  "registry",
];

function platformNames(found: Array<{ kind: string }>): string {
  return [...new Set(found.map((d) => d.kind))].join(", ");
}

/** The one platform a generated deploy targets: the most specific found; ECS only where ECS was found. */
function deployPlatform(kinds: string[]): string {
  return PLATFORM_ORDER.find((k) => kinds.includes(k) && k !== "terraform" && k !== "registry") ?? "unknown";
}
