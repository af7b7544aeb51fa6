/**
 * The one table of third-party actions generated workflows use, each pinned to a full commit SHA with
 * the release it was taken from. Dependabot keeps users' copies current; update this table with care:
 * take a SHA from the action's release page and check it against public workflows that use it.
 */
export const ACTIONS = {
  checkout: { repo: "actions/checkout", sha: "11bd71901bbe5b1630ceea73d27597364c9af683", version: "v4.2.2" },
  setupNode: {
    repo: "actions/setup-node",
    sha: "49933ea5288caeca8642d1e84afbd3f7d6820020",
    version: "v4.4.0",
  },
  uploadArtifact: {
    repo: "actions/upload-artifact",
    sha: "ea165f8d65b6e75b540449e92b4886f43607fa02",
    version: "v4.6.2",
  },
  downloadArtifact: {
    repo: "actions/download-artifact",
    sha: "d3f86a106a0bac45b974a628896c90dbdf5c8093",
    version: "v4.3.0",
  },
  codeqlInit: {
    repo: "github/codeql-action/init",
    sha: "ff0a06e83cb2de871e5a09832bc6a81e7276941f",
    version: "v3.28.18",
  },
  codeqlAnalyze: {
    repo: "github/codeql-action/analyze",
    sha: "ff0a06e83cb2de871e5a09832bc6a81e7276941f",
    version: "v3.28.18",
  },
  dependencyReview: {
    repo: "actions/dependency-review-action",
    sha: "2031cfc080254a8a887f58cffee85186f0e49e48",
    version: "v4.9.0",
  },
  awsCredentials: {
    repo: "aws-actions/configure-aws-credentials",
    sha: "ececac1a45f3b08a01d2dd070d28d111c5fe6722",
    version: "v4.1.0",
  },
} as const;

/**
 * Container images the pipelines run tools from, pinned by digest. Trivy stays on 0.69.3, published
 * before the March 2026 compromise of later Trivy releases and of trivy-action's tags (GHSA-69fq-xp46-6x23),
 * and runs from its image rather than the action for that reason.
 */
export const IMAGES = {
  node: "node:20.19.5-bookworm-slim@sha256:9e70124bd00f47dd023e349cd587132ae61892acc0e47ed641416c3e18f401c3",
  gitleaks:
    "ghcr.io/gitleaks/gitleaks:v8.30.1@sha256:c00b6bd0aeb3071cbcb79009cb16a60dd9e0a7c60e2be9ab65d25e6bc8abbb7f",
  trivy: "aquasec/trivy:0.69.3@sha256:bcc376de8d77cfe086a917230e818dc9f8528e3c852f7b1aff648949b6258d1c",
  k6: "grafana/k6:1.7.1@sha256:4fd3a694926b064d3491d9b02b01cde886583c4931f1223816e3d9a7bdfa7e0f",
  prometheus:
    "prom/prometheus:v3.5.0@sha256:63805ebb8d2b3920190daf1cb14a60871b16fd38bed42b857a3182bc621f4996",
  dockerCli: "docker:27-cli@sha256:851f91d241214e7c6db86513b270d58776379aacc5eb9c4a87e5b47115e3065c",
  dockerDind: "docker:27-dind@sha256:aa3df78ecf320f5fafdce71c659f1629e96e9de0968305fe1de670e0ca9176ce",
  semgrep: "semgrep/semgrep:1.175.1@sha256:51c9f53a4fce0d55e9abd08d7b96968654248a4b1122e77f20e0a49c0072446c",
} as const;

/** npm tools run with `npm exec`, at exact versions that run on Node 20. */
export const NPM_TOOLS = {
  c8: "c8@12.0.0",
  cyclonedx: "@cyclonedx/cyclonedx-npm@6.0.1",
  licenceChecker: "license-checker-rseidelsohn@4.3.0",
  lhci: "@lhci/cli@0.15.1",
  playwright: "playwright-core@1.65.1",
  axe: "@axe-core/playwright@4.13.0",
} as const;

export type ActionName = keyof typeof ACTIONS;

/** `owner/repo@sha # vX.Y.Z`, as a workflow's `uses:` value with its comment. */
export function uses(name: ActionName): string {
  const a = ACTIONS[name];
  return `${a.repo}@${a.sha} # ${a.version}`;
}

export function pinnedActions(): Record<ActionName, string> {
  return Object.fromEntries(Object.keys(ACTIONS).map((k) => [k, uses(k as ActionName)])) as Record<
    ActionName,
    string
  >;
}
