import type { Profile } from "../../profile/schema.js";
import { lighthouseConfig } from "./lighthouse.js";
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

/** The view-model every delivery template renders from. */
export function deliveryContext(profile: Profile) {
  const model = deliveryModel(profile);
  const gates = gateNames(model);
  return {
    ...model,
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
    },
  };
}

export type DeliveryContext = ReturnType<typeof deliveryContext>;
