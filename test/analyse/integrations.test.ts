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

const summary = (i: { name: string; baseUrlEnv?: string; evidence: { file: string; line: number } }) =>
  `${i.name} ${i.baseUrlEnv ?? "-"} ${where(i.evidence)}`;

describe("upstreams as real services declare and reach them", () => {
  it("follows tsconfig paths (`@/`, `~/`) to a shared fetch wrapper and names each caller's base URL", async () => {
    const { facts } = await analyseFixture("integrations-path-aliases");
    // The feedback caller hands its own accessor's base; the pages caller takes the wrapper's default.
    expect(facts.integrations.map(summary).sort()).toEqual([
      "content-api CONTENT_API_URL src/requests/pages.ts:4",
      "feedback-api FEEDBACK_API_URL src/requests/feedback.ts:6",
    ]);
    expect(facts.integrations.every((i) => i.client === "wrapper" && i.hasTimeout === false)).toBe(true);
  });

  it("reads convict settings: the endpoint called, the API declared; not SDK endpoints, UIs or page links", async () => {
    const { facts } = await analyseFixture("integrations-config-settings");
    expect(facts.integrations.map(summary)).toEqual([
      // fetch(config.get('uploader.endpoint')) in a file that also reads FRONTEND_URL: the setting names it.
      "uploader UPLOADER_ENDPOINT src/upload/start.js:4",
      "ledger-api LEDGER_API_ENDPOINT src/config/index.js:15",
    ]);
    expect(facts.integrations[0]).toMatchObject({ client: "fetch", hasTimeout: false });
  });

  it("an SDK's URL comes from the settings it is given or the one location its file reads", async () => {
    const { facts } = await analyseFixture("integrations-sdk-settings");
    expect(facts.integrations.map(summary)).toEqual([
      // new DocumentAnalysisClient(config.formReaderEndpoint), set by `value.formReaderEndpoint = process.env…`.
      "Azure Document Intelligence FORM_READER_ENDPOINT src/services/forms.js:4",
      "Unleash feature flags TOGGLES_SERVER_URL src/services/toggles.ts:6",
      // FliptClient.init({ url: config.flags.url }); the config's FLAGS_URL is not listed a second time.
      "Flipt feature flags FLAGS_URL src/services/flags.js:4",
      // axios.get(graphUrl) after `const graphUrl = config.auth.graphUrl`, a literal URL in the config module.
      "directory.example.net - src/services/profile.js:6",
    ]);
    // No option sets a timeout on the SDKs (`namespace` and `url` only) nor on the axios call.
    expect(facts.integrations.map((i) => i.hasTimeout)).toEqual([false, false, false, false]);
    expect(facts.readiness.outboundTimeouts.present).toBe(false);
  });

  it("the service's own address, same-origin calls and links are not upstreams; module constants are", async () => {
    const { facts } = await analyseFixture("integrations-self-addresses");
    expect(facts.integrations.map(summary).sort()).toEqual([
      // `${ENDPOINT_API}/residents` where the module sets ENDPOINT_API from the env var of that name.
      "endpoint-api ENDPOINT_API lib/residents.ts:5",
      // A literal host beats the HOST_URL the same file reads for the event's payload.
      "events.example.org - src/common/analytics-event.ts:5",
      // RECORDS_URL = BACKEND + '/records', BACKEND = serverRuntimeConfig.backendHost, set in next.config.js;
      // called through axios re-exported by a module that adds interceptors.
      "records-backend RECORDS_BACKEND_HOST src/services/records.ts:9",
    ]);
    const names = facts.integrations.map((i) => i.name);
    // `/api/residents` (same origin), REDIRECT_URL (itself), publicRuntimeConfig.DASHBOARD_URL (a link).
    expect(names).not.toContain("redirect");
    expect(names).not.toContain("dashboard");
  });

  it("a tool nothing imports (a release step under util/) calls no upstream of the service", async () => {
    const { facts } = await analyseFixture("integrations-tool-scripts");
    // utils/registers.js is imported by the app, so its call counts; util/set-callback-urls.js is not.
    expect(facts.integrations.map((i) => `${i.name} ${where(i.evidence)}`)).toEqual([
      "case-api src/app.js:8",
      "registers.example.gov.uk utils/registers.js:5",
    ]);
  });

  it("an API address a config module writes out as a literal is an upstream named by the module", async () => {
    const { facts } = await analyseFixture("integrations-config-literal");
    // Not upstreams: page links (guidance), one key with a host per environment (partner), the service's own
    // address (site) and a config module nothing imports (archive).
    expect(facts.integrations.map((i) => `${i.name} ${i.kind} ${where(i.evidence)}`)).toEqual([
      "companies-register http src/config/companies-register.config.js:3",
    ]);
    expect(facts.integrations[0]!.evidence.snippet).toBe("https://api.companies-register.example.org/");
  });
});
