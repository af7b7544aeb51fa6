import type { Profile } from "../../profile/schema.js";
import { PATTERNS, IGNORED, NETWORK_ADDRESS } from "../../analyse/detectors/personal-data.js";
import { adoption } from "./adopt.js";
import { PLATFORM_STEPS } from "./deploy-platforms.js";
import { suggestedWindows } from "./freeze.js";
import { lighthouseConfig } from "./lighthouse.js";
import { toolchain } from "./toolchain.js";
import { deliveryModel, type DeliveryModel } from "./model.js";
import { shellWord } from "../../render/escape.js";
import { shellWords } from "./shell.js";

/** Licences a government service can ship without legal review; the licence gate allows only these. */
export const LICENCE_ALLOW = [
  "MIT",
  "MIT-0",
  "ISC",
  "BSD-2-Clause",
  "BSD-3-Clause",
  "Apache-2.0",
  "0BSD",
  "CC0-1.0",
  "CC-BY-4.0",
  "Unlicense",
  "BlueOak-1.0.0",
  "Python-2.0",
];

function environments(model: DeliveryModel) {
  const apt = model.migrations ? "postgresql-client" : "ca-certificates";
  return [
    { id: "staging", title: "Deploy to staging", needs: "build, freeze", timeout: 30, manual: false },
    { id: "production", title: "Deploy to production", needs: "build, staging", timeout: 60, manual: true },
  ].map((e) => ({
    ...e,
    requireSloCheck: String(e.id === "production"),
    recheckFreeze: e.id === "production",
    aptPackages: apt,
  }));
}

/** The names of the gates a release must pass, for the deployment record. */
function gateNames(model: DeliveryModel): string[] {
  return [
    "test-and-coverage",
    "codeql",
    "dependency-audit",
    "licences",
    "sbom",
    "secret-scanning",
    ...(model.container ? ["container-scan"] : []),
    ...(model.iac ? ["infrastructure-scan"] : []),
    ...(model.accessibility ? ["accessibility"] : []),
    ...(model.lighthouse ? ["page-speed"] : []),
    "personal-data-inventory",
    ...(model.migrations ? ["migration-safety"] : []),
    ...(model.ruleSets ? ["golden-assessments"] : []),
    ...(model.monitoring ? ["alert-rules"] : []),
    "drift",
  ];
}

function codeOwner(profile: Profile): string {
  const team = profile.service.ownerTeam || profile.contacts.ownerTeam;
  return /^@[\w.-]+(\/[\w.-]+)?$/.test(team) ? team : "@your-org/your-team";
}

/** Which steps and jobs the CI workflow carries: all in full mode, only what the repository lacks in gates mode. */
function ciShape(
  model: DeliveryModel,
  tc: ReturnType<typeof toolchain>,
  ad: ReturnType<typeof adoption>,
  profile: Profile,
) {
  const found = new Set(profile.facts.repo?.ciGates.map((g) => g.kind) ?? []);
  const lacks = (kind: string) => ad.mode === "full" || !found.has(kind);
  const on = ad.mode !== "none";
  const tsc = `if [ -f tsconfig.json ]; then ${tc.packageManager === "npm" ? "npx --no-install" : tc.packageManager === "pnpm" ? "pnpm exec" : "yarn"} tsc --noEmit -p .; fi`;
  const steps = {
    lint: on && lacks("lint") ? tc.lint : undefined,
    typecheck: on && lacks("typecheck") ? (tc.typecheck ?? tsc) : undefined,
    coverage: on && (lacks("test") || lacks("coverage")),
    build: on && lacks("build") ? tc.build : undefined,
  };
  const deps = {
    audit: on && lacks("dependency-audit") ? tc.audit.command : undefined,
    licences: on && lacks("licences") && tc.nodeModules,
    sbom: on && lacks("sbom"),
  };
  const gate = {
    codeql: ad.gate.codeql,
    dependencyReview: ad.gate["dependency-review"],
    secrets: ad.gate.secrets,
    containerScan: Boolean(model.container) && ad.gate["container-scan"],
    iacScan: Boolean(model.iac) && ad.gate["iac-scan"],
    accessibility: Boolean(model.accessibility) && ad.gate.accessibility,
    pageSpeed: Boolean(model.lighthouse) && ad.gate["page-speed"],
  };
  return {
    steps: {
      ...steps,
      any: Boolean(steps.lint || steps.typecheck || steps.coverage || steps.build),
      title: ad.mode === "full" ? "Lint, type-check, test and build" : "Checks the existing CI does not run",
    },
    deps: {
      ...deps,
      any: Boolean(deps.audit || deps.licences || deps.sbom),
      toolsNode: deps.licences || deps.sbom ? tc.toolsNode : undefined,
    },
    gate,
  };
}

/** The view-model every delivery template renders from. */
export function deliveryContext(profile: Profile) {
  const model = deliveryModel(profile);
  const gates = gateNames(model);
  const tc = toolchain(profile);
  const ad = adoption(profile);
  const platform = ad.deployPlatform === "unknown" ? undefined : PLATFORM_STEPS[ad.deployPlatform];
  return {
    ...model,
    ...tc,
    coverage: tc.coverage,
    ...ciShape(model, tc, ad, profile),
    adoption: ad,
    full: ad.mode === "full",
    workflowName: ad.mode === "full" ? "CI" : "govops gates",
    concurrencyGroup: ad.mode === "full" ? "ci" : "govops-gates",
    ciWorkflowRef: `./${ad.files.ci}`,
    platform,
    awsDeploy: platform ? platform.aws : true,
    gitleaksConfig: ad.gitleaksConfig,
    suggestedFreezes: suggestedWindows(profile).map((p) => ({
      id: p.id,
      name: p.name,
      start: p.start,
      end: p.end,
    })),
    department: profile.service.department || "your department",
    owner: codeOwner(profile),
    licenceAllowList: LICENCE_ALLOW.join(", "),
    verifyMinutes: model.strategy === "canary" ? 10 : 5,
    environments: environments(model),
    gates,
    gateNames: shellWords(gates),
    appEnvVars: model.envVars.filter((n) => !["PORT", "HOST"].includes(n) && /^[A-Za-z_]\w*$/.test(n)),
    skipped: model.accessibility?.journeys.flatMap((j) => j.skipped) ?? [],
    k6Journeys: model.load?.journeys ?? [],
    lighthouseConfig: model.lighthouse
      ? lighthouseConfig(model.lighthouse.paths, model.lighthouse.dashboard)
      : {},
    sh: {
      service: shellWord(model.service),
      strategy: shellWord(model.strategy),
      licenceAllow: shellWord(LICENCE_ALLOW.join(";")),
      volatile: shellWord(model.migrations?.volatileCsv ?? ""),
      personalDataFields: shellWords(model.personalDataFields),
      migrationsDir: shellWord(model.migrations?.dir ?? "."),
      ruleSetsDir: shellWord(model.ruleSets?.dir ?? "."),
      dockerfile: shellWord(model.container?.dockerfile ?? "Dockerfile"),
      dockerContext: shellWord(model.container?.context ?? "."),
      freezeWindows: model.freezeWindows.map((w) => shellWord(`${w.kind}|${w.start}|${w.end}|${w.name}`)),
      gitleaksConfig: shellWord(ad.gitleaksConfig ?? ""),
      personalDataInventory: shellWord(model.personalDataFields.join(",")),
      personalDataPatterns: shellWord(JSON.stringify(PATTERNS.map(([c, re]) => [c, re.source]))),
      personalDataIgnored: shellWord([...IGNORED].join(",")),
      personalDataNotPersonal: shellWord(NETWORK_ADDRESS.source),
    },
  };
}

export type DeliveryContext = ReturnType<typeof deliveryContext>;
