import { describe, expect, it } from "vitest";
import { envNamesInYaml } from "../../src/analyse/detectors/env-vars.js";
import { analyseFixture, where } from "./fixture.js";

describe("config surface", () => {
  it("collects env vars from code, .env.example, Helm values, Kubernetes and compose, not Helm templates", async () => {
    const { envVars } = (await analyseFixture("config-helm-values")).facts;
    expect(envVars.map((e) => e.name)).toEqual([
      "DATABASE_URL",
      "FEATURE_FLAG_URL",
      "LOG_LEVEL",
      "NOTIFY_BASE_URL",
      "PORT",
      "REDIS_URL",
      "SESSION_TTL_SECONDS",
    ]);
    const at = Object.fromEntries(envVars.map((e) => [e.name, where(e.evidence)]));
    expect(at).toMatchObject({
      PORT: "src/config.ts:2",
      DATABASE_URL: ".env.example:2",
      FEATURE_FLAG_URL: "charts/claims/values.yaml:4",
      SESSION_TTL_SECONDS: "charts/claims/values.yaml:9",
      REDIS_URL: "docker-compose.yml:5",
      NOTIFY_BASE_URL: "k8s/deployment.yaml:12",
    });
  });

  it("reads env-like keys only: other upper-case keys are not env vars", () => {
    expect([...envNamesInYaml({ image: { TAG: "x" }, env: { A_B: "1" }, environment: ["C=1"] })]).toEqual([
      "A_B",
      "C",
    ]);
  });
});

describe("readiness", () => {
  it("health, metrics, logging, SIGTERM, rate limiting, security headers, timeouts and retries", async () => {
    const { readiness } = (await analyseFixture("readiness-signals")).facts;
    expect(readiness.healthEndpoints.map((h) => h.path)).toEqual(["/healthz"]);
    expect(readiness.metrics).toMatchObject({ present: true, detail: "metrics: prom-client" });
    expect(readiness.logging).toMatchObject({ present: true, detail: "structured logging: pino" });
    expect(readiness.gracefulShutdown.present).toBe(true);
    expect(where(readiness.gracefulShutdown.evidence[0]!)).toBe("src/server.ts:23");
    expect(readiness.rateLimiting).toMatchObject({
      present: true,
      detail: "rate limiting: express-rate-limit",
    });
    expect(readiness.securityHeaders).toMatchObject({ present: true, detail: "security headers: helmet" });
    expect(readiness.outboundTimeouts.present).toBe(true);
    expect(readiness.outboundRetries).toMatchObject({ present: true });
  });

  it("fastify's built-in pino logger counts as structured logging", async () => {
    const { logging } = (await analyseFixture("fastify-register-prefix")).facts.readiness;
    expect(logging).toMatchObject({ present: true, evidence: [{ file: "src/server.ts", line: 5 }] });
  });

  it("nothing configured is reported as missing", async () => {
    const { readiness } = (await analyseFixture("koa-router-prefix")).facts;
    expect(readiness.metrics.present).toBe(false);
    expect(readiness.gracefulShutdown.present).toBe(false);
    expect(readiness.rateLimiting?.present).toBe(false);
    expect(readiness.healthEndpoints).toEqual([]);
  });
});

describe("deploy and CI files", () => {
  it("finds each kind, and a manifest.yml is Cloud Foundry only when it lists applications", async () => {
    const { deployFiles, ciFiles, skipped } = (await analyseFixture("deploy-and-ci")).facts;
    expect(deployFiles.map((d) => `${d.kind} ${d.evidence.file}`).sort()).toEqual([
      "cloudfoundry manifest.yml",
      "dockerfile Dockerfile",
      "kubernetes deploy/service.yaml",
      "terraform infra/main.tf",
    ]);
    expect(ciFiles.map((c) => c.kind).sort()).toEqual([
      "azure-pipelines",
      "circleci",
      "github-actions",
      "gitlab-ci",
      "jenkins",
    ]);
    expect(skipped).toEqual([
      { file: ".", reason: "no JavaScript or TypeScript source files: code facts are empty" },
    ]);
  });

  it("Helm charts and compose files", async () => {
    const { deployFiles } = (await analyseFixture("config-helm-values")).facts;
    expect(deployFiles.map((d) => d.kind).sort()).toEqual(["compose", "helm", "kubernetes"]);
  });
});
