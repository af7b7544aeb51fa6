import path from "node:path";
import { analyseService } from "../../src/index.js";
import type { AiOptions } from "../../src/ai/index.js";
import { profileToYaml } from "../../src/profile/io.js";
import { fixturePath } from "../helpers.js";
import { copyService } from "../e2e/run-cli.js";

export const PLANTED = fixturePath("ai", "planted-secrets");

/** Strings planted in the fixture's code that must never reach the API. */
export const SECRETS = [
  "AKIAIOSFODNN7EXAMPLE",
  "Sup3rS3cret",
  "blue_badge:",
  "3d1b2c4e-1111",
  "eyJhbGciOiJIUzI1NiJ9",
  "ghp_abcdefghijklmnopqrstuvwxyz0123456789",
  "jane.doe",
  "QQ123456C",
  "07700",
  "900123",
  "sw1a",
  "evil.example",
  "AWS_SECRET_ACCESS_KEY",
  "src/app.js",
  "ignore your previous instructions",
];

/** A copy of the fixture service, so recorded answers land in a temp dir and not in test/fixtures. */
export async function plantedService(tmp: string): Promise<string> {
  return copyService(PLANTED, path.join(tmp, "svc"));
}

export interface Run {
  yaml: string;
  warnings: string[];
  info: string[];
  result: Awaited<ReturnType<typeof analyseService>>;
}

/** Analyses a service with AI on, pointed at a fake API, never at a real one. */
export async function analyseWithAi(dir: string, ai: Partial<AiOptions> & { baseURL: string }): Promise<Run> {
  const warnings: string[] = [];
  const info: string[] = [];
  const result = await analyseService(dir, {
    write: false,
    enrich: {
      apiKey: "sk-test-not-a-real-key",
      timeoutMs: 5000,
      maxRetries: 1,
      ...ai,
      warn: (m) => warnings.push(m),
      info: (m) => info.push(m),
    },
  });
  return { yaml: profileToYaml(result.profile), warnings, info, result };
}

export async function analyseWithoutAi(dir: string): Promise<string> {
  return profileToYaml((await analyseService(dir, { write: false })).profile);
}

export const goodAnswer = {
  journeys: [
    {
      id: "apply",
      name: "Apply for a Blue Badge",
      description: "Disabled people apply for a parking permit.",
    },
  ],
  failureModes: [
    {
      id: "eligibility-evidence-rejected",
      title: "Eligibility evidence wrongly rejected",
      trigger: "The evidence upload step rejects valid documents after a change to accepted file types.",
      signal: "Rise in failed submissions on the apply journey",
      citizenImpact: "Disabled people cannot finish their application and may go without a badge for weeks.",
      severity: "P2",
      journeys: ["apply"],
      dependencies: ["postgres"],
      mitigation: [
        "Roll back the release that changed the upload rules.",
        "Tell the contact centre what to say.",
      ],
      recovery: ["Contact people whose applications failed and invite them to try again."],
      commsTemplate: "degraded",
    },
  ],
  peakPeriods: [
    {
      id: "summer-holiday-travel",
      name: "Summer holiday travel",
      start: "06-15",
      end: "08-31",
      description: "Renewals rise before families travel in the school holidays.",
      trafficMultiplier: 1.8,
    },
  ],
};
