import { cp, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { analyse } from "../../src/analyse/index.js";
import { fixturePath, withTempDir } from "../helpers.js";
import { analyseFixture, where } from "./fixture.js";

describe("facts come from the running service only", () => {
  it("tests, mocks, vendored caches, browser code, charts and translations give no fact", async () => {
    const { facts } = await analyseFixture("facts-non-production");
    expect(facts.datastores.map((d) => `${d.kind} ${where(d.evidence)}`)).toEqual(["postgres src/app.js:4"]);
    // axios in a 'use client' component, public/js, mockApis/ and a *.test.* file; mongodb in integration_tests/.
    expect(facts.integrations).toEqual([]);
    expect(facts.readiness.outboundTimeouts).toMatchObject({
      present: true,
      detail: "no outbound calls found",
    });
    // The translation file's "dateOfBirth" key and the component's `children` prop are not personal data.
    expect(facts.personalData).toEqual([]);
    const files = [
      ...facts.envVars.map((e) => e.evidence.file),
      ...facts.signals.map((s) => s.evidence.file),
    ];
    expect(files.filter((f) => !f.startsWith("src/app.js") && !f.startsWith("charts/"))).toEqual([]);
  });
});

describe("folders named for mocks and root scripts are not the service", () => {
  it("a mock server, a fake-clock route module mounted outside production and a seed script give no fact", async () => {
    const { facts } = await analyseFixture("facts-mock-folders");
    expect(facts.routes.map((r) => `${r.method} ${r.path} ${r.evidence.file}`)).toEqual([
      "GET /claims/:id app/routes/claims/routes.js",
    ]);
    // The mock server's axios call and the seed script's are not upstreams; the mock server's env is not config.
    expect(facts.integrations).toEqual([]);
    expect(facts.envVars.map((e) => e.name)).toEqual(["NODE_ENV", "SEED_TARGET_URL"]);
  });
});

describe("outbound clients and SDKs as real teams write them", () => {
  it("AWS SDK v2, Azure Blob Storage, pg-boss and catbox-redis are datastores", async () => {
    const { facts } = await analyseFixture("facts-outbound-sdks");
    const stores = Object.fromEntries(
      facts.datastores.map((d) => [d.kind, `${d.client} ${where(d.evidence)}`]),
    );
    expect(stores).toEqual({
      postgres: "pg-boss src/jobs/queues.js:9",
      "azure-blob": "@azure/storage-blob src/jobs/queues.js:11",
      redis: "@hapi/catbox-redis src/server.js:2",
      s3: "aws-sdk src/jobs/queues.js:8",
    });
    // Object stores are also integrations: the pack's object-storage playbook hangs on them.
    expect(facts.integrations.find((i) => i.name === "Object storage")).toMatchObject({
      kind: "object-storage",
    });
  });

  it("names each API by its config setting: REST client classes, wreck[method](url) and the apis block", async () => {
    const { facts } = await analyseFixture("facts-outbound-sdks");
    const byName = Object.fromEntries(facts.integrations.map((i) => [i.name, i]));
    expect(Object.keys(byName).sort()).toEqual([
      "Amazon SQS",
      "Object storage",
      "SMTP email",
      "address-lookup",
      "casework-api",
      "payments-service",
      "pg-boss job queue",
    ]);
    // new RestClient('casework api', config.apis.caseworkApi): its url setting reads CASEWORK_API_URL.
    expect(byName["casework-api"]).toMatchObject({ baseUrlEnv: "CASEWORK_API_URL", hasTimeout: true });
    expect(where(byName["casework-api"]!.evidence)).toBe("src/clients/casework.js:4");
    // Wreck[method](`${process.env.PAYMENTS_SERVICE}/payments`) without a timeout.
    expect(byName["payments-service"]).toMatchObject({ client: "Wreck", hasTimeout: false });
    // Declared in the config block only, with a timeout beside it.
    expect(byName["address-lookup"]).toMatchObject({ client: "config", baseUrlEnv: "ADDRESS_LOOKUP_URL" });
    expect(byName["Amazon SQS"]).toMatchObject({ kind: "queue", client: "aws-sdk" });
    expect(byName["SMTP email"]).toMatchObject({ client: "emailjs" });
  });

  it("outbound timeouts are present only when every client has one", async () => {
    const { facts } = await analyseFixture("facts-outbound-sdks");
    expect(facts.readiness.outboundTimeouts).toMatchObject({
      present: false,
      detail: "no timeout on: payments-service",
    });
    // Its config sets a timeout for one API, so an SDK whose options were not read stays unknown.
    const sqs = facts.integrations.find((i) => i.name === "Amazon SQS")!;
    expect(sqs.hasTimeout).toBeUndefined();
  });

  it("a client whose timeout cannot be read has none when nothing in the code sets one", async () => {
    const { facts } = await analyseFixture("facts-no-timeout-anywhere");
    // Request options built by a helper, an SDK client and a mail transport: none of them read, none with a
    // timeout, since neither the code nor its settings name one. The session's timeout, the test's timeout and
    // a retry pause on setTimeout are not timeouts on a call.
    expect(facts.integrations.map((i) => [i.name, i.hasTimeout])).toEqual([
      ["Amazon SQS", false],
      ["SMTP email", false],
      ["claims-api", false],
    ]);
    expect(facts.readiness.outboundTimeouts).toMatchObject({
      present: false,
      detail:
        "no timeout on: Amazon SQS, SMTP email, claims-api; nothing in the service's code sets a timeout",
    });
  });

  it("one timeout setting anywhere in the code leaves the unread clients unknown", async () => {
    await withTempDir(async (dir) => {
      await cp(fixturePath("analyse", "facts-no-timeout-anywhere"), dir, { recursive: true });
      const helper = path.join(dir, "src", "lib", "request-helper.js");
      await writeFile(
        helper,
        (await readFile(helper, "utf8")).replace('method: "GET", url,', 'method: "GET", url, timeout: 5000,'),
      );
      const { facts } = await analyse(dir);
      expect(facts.integrations.map((i) => [i.name, i.hasTimeout])).toEqual([
        ["Amazon SQS", undefined],
        ["SMTP email", undefined],
        ["claims-api", undefined],
      ]);
      expect(facts.readiness.outboundTimeouts.detail).toBe("timeout not known for: claims-api");
    });
  });
});

describe("auth, personal data and readiness told truthfully", () => {
  it("a hapi scheme written in-house is custom auth, with the route scope as role guards", async () => {
    const { facts } = await analyseFixture("facts-auth-readiness");
    expect(facts.auth).toHaveLength(1);
    expect(facts.auth[0]).toMatchObject({ kind: "custom" });
    expect(facts.auth[0]!.detail).toBe(
      'hapi auth scheme "service-token"; role guards (route auth.access.scope at src/routes/applications.js:8)',
    );
  });

  it("prefixed fields, accesses and select lists are classified; constants and React props are not", async () => {
    const { facts } = await analyseFixture("facts-auth-readiness");
    expect(Object.fromEntries(facts.personalData.map((p) => [p.field, p.category]))).toEqual({
      respondentName: "contact",
      applicant_dob: "identity",
      previousConvictions: "criminal-offence",
      immigrationStatus: "immigration",
      maritalStatus: "family",
      patientNhsNumber: "health",
      nhs_number: "health",
      annual_income: "financial",
    });
  });

  it("SIGINT alone is not graceful shutdown, console-only logging is said, /ping.xml is a health path", async () => {
    const { readiness, envVars } = (await analyseFixture("facts-auth-readiness")).facts;
    expect(readiness.gracefulShutdown).toMatchObject({
      present: false,
      detail: expect.stringMatching(/SIGINT only/),
    });
    expect(readiness.logging).toMatchObject({
      present: false,
      detail: "console only: no structured logger found",
    });
    expect(readiness.healthEndpoints.map((h) => h.path)).toEqual(["/ping.xml"]);
    // node-config's custom-environment-variables.json, including the __name form.
    expect(envVars.map((e) => e.name)).toEqual([
      "DB_HOST",
      "DB_PASSWORD",
      "NOTIFY_API_KEY",
      "PORT",
      "SERVICE_TOKEN",
    ]);
  });

  it("sessions alone are not authentication", async () => {
    const { facts } = await analyseFixture("datastores-session-memory");
    expect(facts.auth[0]).toMatchObject({ kind: "none" });
    expect(facts.auth[0]!.detail).toMatch(/sessions alone are not authentication/);
  });
});

describe("deploy and CI files where they live", () => {
  it("finds App Engine, Drone, Azure DevOps, TeamCity, Jenkinsfile_*, Serverless, SAM, PM2, Helm values", async () => {
    const { deployFiles, ciFiles } = (await analyseFixture("facts-deploy-files")).facts;
    expect(deployFiles.map((d) => `${d.kind} ${d.evidence.file}`).sort()).toEqual([
      "app-engine app.yaml.tpl",
      "compose docker-compose.ci.yml",
      "helm helm/app/Chart.yaml",
      "helm-values helm/app/values-prod.yaml",
      "pm2 ecosystem.config.js",
      "sam template.yaml",
      "serverless serverless.yml",
    ]);
    expect(ciFiles.map((c) => `${c.kind} ${c.evidence.file}`).sort()).toEqual([
      "azure-pipelines .azuredevops/build.yaml",
      "drone .drone.yml",
      "jenkins Jenkinsfile_nightly",
      "teamcity .teamcity/settings.kts",
    ]);
  });
});

describe("a compose file for tests is not a deploy file", () => {
  it("keeps docker-compose.yml and skips docker-compose.test.yaml and compose.test.yml", async () => {
    const { deployFiles } = (await analyseFixture("deploy-compose-test-only")).facts;
    expect(deployFiles.filter((d) => d.kind === "compose").map((d) => d.evidence.file)).toEqual([
      "docker-compose.yml",
    ]);
  });

  it("reads deployed env vars from docker-compose.yml and none from the test compose file", async () => {
    const { envVars } = (await analyseFixture("deploy-compose-test-only")).facts;
    expect(envVars.map((e) => `${e.name} ${e.evidence.file}`)).toEqual(["SERVICE_PORT docker-compose.yml"]);
  });
});

describe("readiness from the libraries real services use", () => {
  it("a shutdown plugin, pino set up by a dependency and the platform's probes are readiness too", async () => {
    const { readiness } = (await analyseFixture("readiness-from-dependencies")).facts;
    // hapi-pulse stops the server on SIGTERM: no process.on in the code is needed.
    expect(readiness.gracefulShutdown).toMatchObject({ present: true, detail: "handles SIGTERM" });
    expect(where(readiness.gracefulShutdown.evidence[0]!)).toBe("src/plugins/pulse.js:2");
    // Only console in the code, but pino-pretty is declared: pino logs, from the shared server package.
    expect(readiness.logging).toMatchObject({
      present: true,
      detail:
        "structured logging: pino, set up by a dependency (pino-pretty, which formats pino's output, is declared)",
    });
    expect(where(readiness.logging.evidence[0]!)).toBe("package.json:10");
    // No health route in the code: the probes' literal paths, not the templated one nor the test manifest's.
    expect(readiness.healthEndpoints.map((h) => `${h.path} ${where(h.evidence)}`)).toEqual([
      "/healthz/ping kube/deployment.yaml:13",
      "/healthz/started kube/deployment.yaml:23",
    ]);
  });

  it("Application Insights and StatsD are metrics; /health/info is a health path", async () => {
    const { readiness } = (await analyseFixture("readiness-telemetry-libraries")).facts;
    expect(readiness.metrics).toMatchObject({
      present: true,
      detail: "metrics: applicationinsights, hot-shots",
    });
    // Its probe (on /) is not read: the code serves a health path.
    expect(readiness.healthEndpoints.map((h) => `${h.path} ${where(h.evidence)}`)).toEqual([
      "/health/info src/app.js:9",
    ]);
  });
});
