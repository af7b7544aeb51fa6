import type { RepoConventions } from "../facts.js";
import { ev } from "../context.js";
import type { RepoFiles } from "./files.js";

type Found = RepoConventions["ci"];

const CI: Array<[string, RegExp]> = [
  ["github-actions", /^\.github\/workflows\/[^/]+\.ya?ml$/],
  ["gitlab-ci", /^\.gitlab-ci\.ya?ml$/],
  ["jenkins", /(^|\/)Jenkinsfile([_.-][\w.-]+)?$/],
  [
    "azure-pipelines",
    /(^|\/)azure-pipelines[\w.-]*\.ya?ml$|^\.azuredevops\/.+\.ya?ml$|^\.azure-pipelines\/.+\.ya?ml$/,
  ],
  ["circleci", /^\.circleci\/config\.ya?ml$/],
  ["drone", /^\.drone\.ya?ml$/],
  ["travis", /^\.travis\.ya?ml$/],
  ["teamcity", /^\.teamcity\/.+\.(kts|xml)$/],
  ["bitbucket-pipelines", /^bitbucket-pipelines\.ya?ml$/],
];

/** Existing CI systems, by their configuration files (govops' own generated files are already left out). */
export function ciFiles(files: RepoFiles): Found {
  const out: Found = [];
  for (const rel of files.paths) {
    const kind = CI.find(([, re]) => re.test(rel))?.[0];
    if (kind) out.push({ kind, evidence: ev(rel, 1) });
  }
  return out;
}

/** What an existing CI file already does, by the tools it calls. */
const GATES: Array<[string, RegExp]> = [
  ["test", /\b(npm|yarn|pnpm)( run)? (test|test:[\w:-]+)\b|\bnpm t\b|\b(jest|vitest|mocha)\b|cichecks/],
  ["coverage", /coverage|test:cov|\bc8\b|\bnyc\b/],
  ["lint", /\blint\b|eslint|\blint:/],
  ["typecheck", /\btsc\b|typecheck|type-check|lint:types/],
  ["build", /\b(npm|yarn|pnpm)( run)? build\b|docker build|build-push-action/],
  ["codeql", /codeql-action|codeql/i],
  [
    "dependency-audit",
    /\b(npm|pnpm) audit\b|yarn (npm )?audit|audit-ci|better-npm-audit|snyk|security:audit|security_audit|npm_dependency|npm[-_]audit|\bosv-scanner\b/,
  ],
  ["dependency-review", /dependency-review-action/],
  ["secrets", /gitleaks|trufflehog|detect-secrets|secret[-_ ]scan/i],
  ["container-scan", /\btrivy\b|\bgrype\b|snyk container|anchore|container[-_ ]scan/i],
  ["iac-scan", /checkov|tfsec|kics|trivy config|terrascan/],
  ["sbom", /cyclonedx|\bsyft\b|\bsbom\b/i],
  ["licences", /licen[cs]e-check|licensee|licen[cs]e_finder/i],
  ["accessibility", /\baxe\b|pa11y|a11y/],
  ["page-speed", /\blhci\b|lighthouse/i],
];

/** Each gate the existing CI runs, with the first file that runs it. */
export function ciGates(files: RepoFiles, ci: Found): Found {
  const out: Found = [];
  for (const [gate, re] of GATES) {
    for (const c of ci) {
      const text = files.read(c.evidence.file) ?? "";
      const line = text.split("\n").findIndex((l) => re.test(l) && !/^\s*#/.test(l));
      if (line >= 0) {
        out.push({ kind: gate, evidence: ev(c.evidence.file, line + 1, text.split("\n")[line]!.trim()) });
        break;
      }
    }
  }
  if (!out.some((g) => g.kind === "codeql")) {
    const config = files.paths.find((p) => /^\.github\/codeql\//.test(p));
    if (config) out.push({ kind: "codeql", evidence: ev(config, 1) });
  }
  return out;
}

/** A CI file that deploys: the repository already has a deploy pipeline. */
export const DEPLOYS =
  /helm (upgrade|install)|kubectl (apply|rollout|set image)|\bkd\b|serverless deploy|\bsls deploy|sam deploy|cf (push|blue-green-deploy)|gcloud app deploy|webapps-deploy|az webapp|amazon-ecs-deploy|aws ecs|docker push|build-push-action|terraform apply|pm2 deploy|helmDeploy|withNightlyPipeline|withPipeline|\bdeploy\b/i;

const DEPLOY_FILES: Array<[string, RegExp, RegExp?]> = [
  ["helm", /(^|\/)Chart\.ya?ml$/],
  ["serverless", /(^|\/)serverless\.(ya?ml|ts|js|json)$/],
  ["sam", /(^|\/)(template|sam)\.ya?ml$/, /AWS::Serverless/],
  ["cloudfoundry", /(^|\/)manifest\.ya?ml$/, /^applications:/m],
  ["appengine", /(^|\/)app\.ya?ml$/, /^runtime:\s*node/m],
  ["terraform", /\.tf$/],
  ["pm2", /(^|\/)(ecosystem\.config\.(js|cjs|json)|pm2\.(json|ya?ml))$/],
  ["ecs", /(^|\/)task-?definition[\w.-]*\.json$/],
  ["kd", /(^|\/)kube\/.+\.ya?ml$/, /\{\{\s*\.\w+\s*\}\}/],
  [
    "kubernetes",
    /(^|\/)(k8s|kube|kubernetes|manifests?|deploy(ment)?)\/.+\.ya?ml$/,
    /^kind:\s*(Deployment|StatefulSet)/m,
  ],
  ["azure-app-service", /(^|\/)\.azure\/.+|(^|\/)azuredeploy\.json$/],
];

const PIPELINE_PLATFORMS: Array<[string, RegExp]> = [
  ["kd", /\bkd\b.*(-f|--file)|\bkd --/],
  ["azure-app-service", /webapps-deploy|az webapp/],
  ["ecs", /amazon-ecs-deploy|aws ecs (update-service|deploy)/],
  ["appengine", /gcloud app deploy/],
  ["registry", /docker push|build-push-action|\becr\b|amazon-ecr/i],
];

/** Deploy platforms, by descriptor files and by what CI files run. */
export function deployPlatforms(files: RepoFiles, ci: Found): { deploy: Found; deployPipeline: boolean } {
  const deploy: Found = [];
  const seen = new Set<string>();
  const push = (kind: string, file: string) => {
    if (seen.has(kind)) return;
    seen.add(kind);
    deploy.push({ kind, evidence: ev(file, 1) });
  };
  for (const rel of files.paths) {
    if (/(^|\/)(node_modules|test|tests|fixtures)\//.test(rel)) continue;
    for (const [kind, name, content] of DEPLOY_FILES)
      if (name.test(rel) && (!content || content.test(files.read(rel) ?? ""))) push(kind, rel);
  }
  let deployPipeline = false;
  for (const c of ci) {
    const text = files.read(c.evidence.file) ?? "";
    if (DEPLOYS.test(text)) deployPipeline = true;
    for (const [kind, re] of PIPELINE_PLATFORMS) if (re.test(text)) push(kind, c.evidence.file);
  }
  return { deploy, deployPipeline };
}

const HYGIENE: Array<[string, RegExp]> = [
  ["codeowners", /^(\.github\/|docs\/|\.gitlab\/)?CODEOWNERS$/],
  ["renovate", /^(\.github\/|\.gitlab\/)?(renovate\.json5?|\.renovaterc(\.json5?)?)$/],
  ["dependabot", /^\.github\/dependabot\.ya?ml$/],
  ["security-policy", /^(\.github\/|docs\/)?SECURITY\.md$/i],
  ["gitleaks", /^(\.github\/)?\.?gitleaks(\.toml|ignore)$/],
  ["audit-allowlist", /^(audit-ci\.jsonc?|\.nsprc|yarn-audit-known-issues|\.snyk|\.auditignore)$/],
];

export function hygieneFiles(files: RepoFiles): Found {
  const out: Found = [];
  for (const rel of files.paths) {
    const kind = HYGIENE.find(([, re]) => re.test(rel))?.[0];
    if (kind) out.push({ kind, evidence: ev(rel, 1) });
  }
  return out;
}
