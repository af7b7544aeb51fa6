import { deliveryContext, type DeliveryContext } from "./context.js";
import type { FileFormat, OutputFile, Pack } from "../../render/pack.js";

type Entry = [path: string, template: string, format: FileFormat, when?: unknown, kind?: "starter"];

/** Gate scripts and configuration both platforms' pipelines run, each only where its gate applies. */
function sharedFiles(c: DeliveryContext): Entry[] {
  // `when` is explicit: an absent gate passes undefined, which a default parameter would turn into true.
  const script = (name: string, when: unknown, ext = "sh"): Entry => [
    `ops/delivery/scripts/${name}.${ext}`,
    `delivery/scripts/${name}.${ext}.hbs`,
    ext === "sh" ? "shell" : "javascript",
    when,
  ];
  return [
    script("coverage", true),
    script("secrets-scan", true),
    script("licence-check", true),
    script("sbom", true),
    script("personal-data-gate", true),
    script("operations-gate", true),
    script("change-freeze", true),
    script("deployment-record", true),
    script("verify-release", true, "mjs"),
    script("build-image", c.container),
    script("container-scan", c.container),
    script("iac-scan", c.iac),
    script("start-app", c.accessibility ?? c.lighthouse),
    script("migration-check", c.migrations),
    script("migration-safety", c.migrations),
    script("golden-assessments", c.ruleSets),
    script("k6", c.load),
    script("data-freshness", c.freshness, "mjs"),
    ["ops/delivery/k6/journeys.js", "delivery/k6/journeys.js.hbs", "javascript", c.load],
    [
      "ops/delivery/accessibility/check.mjs",
      "delivery/accessibility/check.mjs.hbs",
      "javascript",
      c.accessibility,
    ],
    [
      "ops/delivery/accessibility/README.md",
      "delivery/accessibility/README.md.hbs",
      "markdown",
      c.accessibility,
    ],
    [
      "ops/delivery/lighthouse/lighthouserc.json",
      "delivery/lighthouse/lighthouserc.json.hbs",
      "json",
      c.lighthouse,
    ],
    ["ops/delivery/app.env", "delivery/app.env.hbs", "text", c.accessibility ?? c.lighthouse, "starter"],
    ["ops/delivery/deploy.sh", "delivery/scripts/deploy.sh.hbs", "shell", c.adoption.deploy, "starter"],
    ["ops/delivery/README.md", "delivery/README.md.hbs", "markdown", true],
    ["SECURITY.md", "delivery/SECURITY.md.hbs", "markdown", c.adoption.files.security, "starter"],
  ];
}

function githubFiles(c: DeliveryContext): Entry[] {
  const { adoption: a } = c;
  const ci = a.mode !== "none";
  return [
    [a.files.ci, "delivery/github/ci.yml.hbs", "yaml", ci],
    [a.files.deploy, "delivery/github/deploy.yml.hbs", "yaml", a.deploy],
    [
      ".github/workflows/performance.yml",
      "delivery/github/performance.yml.hbs",
      "yaml",
      a.mode === "full" && c.load,
    ],
    [".github/dependabot.yml", "delivery/github/dependabot.yml.hbs", "yaml", a.files.dependabot],
    [".github/CODEOWNERS", "delivery/github/CODEOWNERS.hbs", "text", a.files.codeowners, "starter"],
  ];
}

/** GitLab: the full pipeline only where the project has none; beside an existing one, an include of the gates. */
function gitlabFiles(c: DeliveryContext): Entry[] {
  const { adoption: a } = c;
  return [
    [".gitlab-ci.yml", "delivery/gitlab/gitlab-ci.yml.hbs", "yaml", a.files.gitlab === ".gitlab-ci.yml"],
    [
      a.files.gitlab,
      "delivery/gitlab/govops-gates.gitlab-ci.yml.hbs",
      "yaml",
      a.mode !== "none" && a.files.gitlab !== ".gitlab-ci.yml",
    ],
    [".gitlab/CODEOWNERS", "delivery/github/CODEOWNERS.hbs", "text", a.files.codeowners, "starter"],
  ];
}

export const deliveryPack: Pack = {
  id: "delivery",
  title: "CI/CD pipelines with quality gates",
  outputs(profile, options): OutputFile[] {
    const platform = options.ciPlatform ?? profile.service.ciPlatform;
    const context = deliveryContext(profile);
    const entries = [
      ...(platform === "gitlab" ? gitlabFiles(context) : githubFiles(context)),
      ...sharedFiles(context),
    ];
    return entries
      .filter((entry) => entry.length < 4 || Boolean(entry[3]))
      .map(([path, template, format, , kind]) => ({
        path,
        template,
        context,
        format,
        kind: kind ?? "owned",
      }));
  },
};
