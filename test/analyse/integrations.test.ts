import { describe, expect, it } from "vitest";
import { analyseFixture, where } from "./fixture.js";

describe("outbound HTTP clients", () => {
  it("names each upstream by its base-URL env var or host, and says whether it has a timeout", async () => {
    const { facts } = await analyseFixture("http-clients");
    const byName = Object.fromEntries(facts.integrations.map((i) => [i.name, i]));
    expect(Object.keys(byName).sort()).toEqual([
      "GOV.UK Pay",
      "address-lookup",
      "api.company-information.service.gov.uk",
      "benefits-api",
      "case-api",
    ]);
    // axios.create({ baseURL, timeout }) exported from one module, called from another.
    expect(byName["case-api"]).toMatchObject({ kind: "http", baseUrlEnv: "CASE_API_URL", hasTimeout: true });
    expect(where(byName["case-api"]!.evidence)).toBe("src/cases.ts:5");
    // got.extend({ prefixUrl }) without a timeout.
    expect(byName["address-lookup"]).toMatchObject({ baseUrlEnv: "ADDRESS_LOOKUP_URL", hasTimeout: false });
    // superagent sets its timeout on the chain.
    expect(byName["api.company-information.service.gov.uk"]).toMatchObject({ hasTimeout: true });
    expect(byName["GOV.UK Pay"]).toMatchObject({ kind: "pay", client: "fetch", hasTimeout: false });
  });

  it("a shared transport taking a URL parameter is named by the caller the env var is injected into", async () => {
    const { facts } = await analyseFixture("http-clients");
    const benefits = facts.integrations.find((i) => i.name === "benefits-api")!;
    expect(benefits).toMatchObject({ client: "wrapper", baseUrlEnv: "BENEFITS_API_URL", hasTimeout: true });
    expect(where(benefits.evidence)).toBe("src/upstream/benefits.ts:5");
    expect(facts.integrations.map((i) => i.name)).not.toContain("transport");
  });

  it("outbound timeouts are missing when any upstream lacks one", async () => {
    const { readiness } = (await analyseFixture("http-clients")).facts;
    expect(readiness.outboundTimeouts.present).toBe(false);
    expect(readiness.outboundTimeouts.detail).toBe("no timeout on: address-lookup, GOV.UK Pay");
  });
});

describe("queues, email, virus scanning and GOV.UK Notify", () => {
  it("finds each SDK with the env var that locates it", async () => {
    const { facts } = await analyseFixture("queues-and-services");
    const env = Object.fromEntries(facts.integrations.map((i) => [i.name, i.baseUrlEnv ?? null]));
    expect(env).toEqual({
      "GOV.UK Notify": null,
      "Amazon SQS": "SQS_ENDPOINT",
      "Azure Service Bus": "SERVICE_BUS_CONNECTION_STRING",
      RabbitMQ: "RABBITMQ_URL",
      Kafka: "KAFKA_BROKERS",
      "SMTP email": "SMTP_HOST",
      "ClamAV virus scanning": "CLAMAV_HOST",
    });
    expect(facts.integrations.filter((i) => i.kind === "queue")).toHaveLength(4);
  });

  it("Notify given an axios client through setClient has a timeout; the default client has none", async () => {
    const notify = (await analyseFixture("queues-and-services")).facts.integrations.find(
      (i) => i.kind === "notify",
    );
    expect(notify).toMatchObject({ hasTimeout: true, evidence: { file: "src/notify.ts", line: 5 } });
  });
});
