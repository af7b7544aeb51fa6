import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { aiManifestEntry } from "../../src/profile/provenance.js";
import { requestHash, sha256, canonicalJson } from "../../src/ai/request.js";
import { analyseService } from "../../src/index.js";
import { withTempDir } from "../helpers.js";
import { apiError, messageReply, startFakeApi, type FakeApi, type Received } from "./fake-api.js";
import { SECRETS, analyseWithAi, analyseWithoutAi, goodAnswer, plantedService } from "./scenario.js";

const PAYLOAD_KEYS = [
  "dependencies",
  "excerpts",
  "failureModeIds",
  "journeys",
  "peakPeriods",
  "personalDataCategories",
  "routes",
  "service",
  "signals",
];

let api: FakeApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

function assertNothingLeaked(received: Received[]) {
  expect(received.length).toBeGreaterThan(0);
  for (const request of received) {
    expect(request.method).toBe("POST");
    expect(request.path).toBe("/v1/messages");
    expect(Object.keys(request.body).sort()).toEqual([
      "max_tokens",
      "messages",
      "model",
      "output_config",
      "system",
    ]);
    for (const secret of SECRETS) expect(request.raw.toLowerCase()).not.toContain(secret.toLowerCase());
    const payload = JSON.parse(request.body.messages[0]!.content) as Record<string, unknown>;
    expect(Object.keys(payload).sort()).toEqual(PAYLOAD_KEYS);
  }
}

async function recordedFiles(dir: string): Promise<string[]> {
  return readdir(path.join(dir, ".govops/ai")).catch(() => []);
}

describe("AI enrichment against a local Messages API", () => {
  it("a good answer is merged with provenance, recorded, and replayed byte for byte without the server", async () => {
    await withTempDir(async (tmp) => {
      const dir = await plantedService(tmp);
      api = await startFakeApi([{ body: messageReply(JSON.stringify(goodAnswer)) }]);
      const live = await analyseWithAi(dir, { baseURL: api.url });
      expect(live.warnings).toEqual([]);
      expect(live.result.enrichment?.status).toBe("recorded");
      expect(api.received).toHaveLength(1);
      assertNothingLeaked(api.received);
      // SDK 1.10 sends the key as a bearer token.
      expect(api.received[0]!.headers.authorization).toBe("Bearer sk-test-not-a-real-key");

      // The file name is the hash of exactly what the server received.
      const body = api.received[0]!.body;
      const format = (body.output_config as { format: never }).format;
      const hash = requestHash({
        model: body.model,
        system: body.system,
        messages: body.messages as never,
        format,
      });
      expect(await recordedFiles(dir)).toEqual([`${hash}.json`]);
      const record = JSON.parse(await readFile(path.join(dir, ".govops/ai", `${hash}.json`), "utf8"));
      expect(record.answerHash).toBe(sha256(canonicalJson(record.answer)));

      const { profile } = live.result;
      const provenance = {
        source: "ai",
        ai: { model: "claude-sonnet-5-5", requestHash: hash, at: record.at, answerHash: record.answerHash },
      };
      const fm = profile.failureModes.find((f) => f.id === "eligibility-evidence-rejected");
      expect(fm).toMatchObject({
        citizenImpact: goodAnswer.failureModes[0]!.citizenImpact,
        affects: { journeys: ["apply"], dependencies: ["postgres"] },
        detection: { signal: "Rise in failed submissions on the apply journey" },
        provenance,
      });
      expect(profile.peakPeriods.find((p) => p.id === "summer-holiday-travel")).toMatchObject({
        start: "06-15",
        trafficMultiplier: 1.8,
        provenance,
      });
      // A name made from a route segment is only a default, so the AI's wording replaces it; what
      // analysis observed (routes, criticality, evidence) stays, and so does its provenance.
      const apply = profile.journeys.find((j) => j.id === "apply")!;
      expect(apply).toMatchObject({ name: "Apply for a Blue Badge", criticality: "critical" });
      expect(apply.entryRoutes).toContainEqual({ method: "POST", path: "/apply" });
      expect(apply.provenance).toMatchObject({ source: "analysis", ai: provenance.ai });
      expect(apply.provenance.evidence?.length).toBeGreaterThan(0);
      expect(live.info.join("\n")).toMatch(
        /1 request\(s\) to claude-sonnet-5-5, 1200 input \+ 400 output tokens, estimated cost \$0\.0096/,
      );

      await api.close();
      api = undefined;
      const replay = await analyseWithAi(dir, { baseURL: "http://127.0.0.1:9", apiKey: undefined });
      expect(replay.result.enrichment?.status).toBe("replayed");
      expect(replay.yaml).toBe(live.yaml);
      expect(replay.warnings).toEqual([]);
    });
  });

  it("journey wording alone is enough for the manifest to name the answer", async () => {
    await withTempDir(async (tmp) => {
      const dir = await plantedService(tmp);
      const wordingOnly = { journeys: goodAnswer.journeys, failureModes: [], peakPeriods: [] };
      api = await startFakeApi([{ body: messageReply(JSON.stringify(wordingOnly)) }]);
      const run = await analyseWithAi(dir, { baseURL: api.url });
      const { profile, enrichment } = run.result;
      expect(profile.journeys.find((j) => j.id === "apply")?.name).toBe("Apply for a Blue Badge");
      expect(aiManifestEntry(profile).ai).toEqual([
        { model: "claude-sonnet-5-5", requestHash: enrichment!.requestHash, answerHash: expect.any(String) },
      ]);
      expect(aiManifestEntry((await analyseService(dir, { write: false })).profile)).toEqual({});
    });
  });

  it("invalid JSON is retried once with the error, then the corrected answer is used", async () => {
    await withTempDir(async (tmp) => {
      const dir = await plantedService(tmp);
      api = await startFakeApi([
        { body: messageReply('{"journeys": [ oops') },
        { body: messageReply(JSON.stringify(goodAnswer)) },
      ]);
      const run = await analyseWithAi(dir, { baseURL: api.url });
      expect(api.received).toHaveLength(2);
      assertNothingLeaked(api.received);
      const [first, retry] = [api.received[0]!.body, api.received[1]!.body];
      expect(retry.messages).toEqual(first.messages);
      expect(retry.system.startsWith(first.system)).toBe(true);
      expect(retry.system.slice(first.system.length)).toMatch(
        /^\n\nYour previous reply to this request was rejected: not JSON/,
      );
      expect(api.received[1]!.raw).not.toContain("oops");
      expect(run.warnings[0]).toMatch(/answer 1 was invalid \(not JSON/);
      expect(run.result.enrichment?.status).toBe("recorded");
      expect(run.result.profile.failureModes.some((f) => f.id === "eligibility-evidence-rejected")).toBe(
        true,
      );
      expect(run.result.enrichment?.usage).toEqual({ requests: 2, inputTokens: 2400, outputTokens: 800 });
    });
  });

  it("a schema violation twice is dropped with a warning and the deterministic profile stands", async () => {
    await withTempDir(async (tmp) => {
      const dir = await plantedService(tmp);
      const fm = goodAnswer.failureModes[0]!;
      const badSeverity = { ...goodAnswer, failureModes: [{ ...fm, severity: "P0" }] };
      const unknownJourney = { ...goodAnswer, failureModes: [{ ...fm, journeys: ["nope"] }] };
      api = await startFakeApi([
        { body: messageReply(JSON.stringify(badSeverity)) },
        { body: messageReply(JSON.stringify(unknownJourney)) },
      ]);
      const run = await analyseWithAi(dir, { baseURL: api.url });
      expect(api.received).toHaveLength(2);
      expect(run.result.enrichment?.status).toBe("dropped");
      expect(run.warnings.join("\n")).toMatch(/failureModes\.0\.severity/);
      expect(run.warnings.join("\n")).toMatch(/unknown id nope/);
      expect(run.warnings.at(-1)).toMatch(/dropped the answer; the deterministic profile stands/);
      expect(run.yaml).toBe(await analyseWithoutAi(dir));
      expect(await recordedFiles(dir)).toEqual([]);
    });
  });

  it("a 429 is retried by the SDK and the second reply is used", async () => {
    await withTempDir(async (tmp) => {
      const dir = await plantedService(tmp);
      api = await startFakeApi([
        apiError(429, "rate_limit_error", "slow down"),
        { body: messageReply(JSON.stringify(goodAnswer)) },
      ]);
      const run = await analyseWithAi(dir, { baseURL: api.url });
      expect(api.received).toHaveLength(2);
      expect(api.received[1]!.raw).toBe(api.received[0]!.raw);
      expect(run.result.enrichment?.status).toBe("recorded");
      expect(run.warnings).toEqual([]);
    });
  });

  it("a persistent 500 fails after the configured retries and leaves the profile deterministic", async () => {
    await withTempDir(async (tmp) => {
      const dir = await plantedService(tmp);
      api = await startFakeApi([apiError(500, "api_error", "boom")]);
      const run = await analyseWithAi(dir, { baseURL: api.url, maxRetries: 2 });
      expect(api.received).toHaveLength(3);
      expect(run.result.enrichment?.status).toBe("failed");
      expect(run.warnings).toEqual(["AI: the API answered 500; the profile has no AI items"]);
      expect(run.yaml).toBe(await analyseWithoutAi(dir));
    });
  });

  it("a timeout fails cleanly", async () => {
    await withTempDir(async (tmp) => {
      const dir = await plantedService(tmp);
      api = await startFakeApi([{ body: messageReply(JSON.stringify(goodAnswer)), delayMs: 3000 }]);
      const run = await analyseWithAi(dir, { baseURL: api.url, timeoutMs: 150, maxRetries: 0 });
      expect(run.result.enrichment?.status).toBe("failed");
      expect(run.warnings).toEqual([
        "AI: the request timed out: no answer within the AI time limit of 150 ms; the profile has no AI items",
      ]);
      expect(run.yaml).toBe(await analyseWithoutAi(dir));
    });
  });

  it("the time limit covers retries: a request that uses it all is not tried again", async () => {
    await withTempDir(async (tmp) => {
      const dir = await plantedService(tmp);
      api = await startFakeApi([{ body: messageReply(JSON.stringify(goodAnswer)), delayMs: 3000 }]);
      const run = await analyseWithAi(dir, { baseURL: api.url, timeoutMs: 300, maxRetries: 3 });
      expect(api.received).toHaveLength(1);
      expect(run.result.enrichment?.status).toBe("failed");
      expect(run.warnings).toEqual([
        "AI: the request timed out: no answer within the AI time limit of 300 ms; the profile has no AI items",
      ]);
    });
  });

  it.each([
    ["seconds", () => "3600", "3600 s"],
    // Made when the test runs, not when it is collected: a loaded machine may start it minutes later.
    ["a date", () => new Date(Date.now() + 3_600_000).toUTCString(), "3600 s"],
  ])(
    "a 429 asking to wait longer than the time limit (retry-after in %s) ends the step at once",
    async (_how, after, shown) => {
      await withTempDir(async (tmp) => {
        const dir = await plantedService(tmp);
        const limited = apiError(429, "rate_limit_error", "slow down");
        api = await startFakeApi([
          { ...limited, headers: { "retry-after": after() } },
          { body: messageReply(JSON.stringify(goodAnswer)) },
        ]);
        const run = await analyseWithAi(dir, { baseURL: api.url, timeoutMs: 5000, maxRetries: 2 });
        expect(api.received).toHaveLength(1);
        expect(run.result.enrichment?.status).toBe("failed");
        expect(run.warnings).toHaveLength(1);
        expect(run.warnings[0]).toMatch(
          new RegExp(
            `^AI: the API answered 429 and asked to retry after (${shown}|359\\d(\\.\\d)? s), past the AI time limit of 5 s; the profile has no AI items$`,
          ),
        );
        expect(run.yaml).toBe(await analyseWithoutAi(dir));
      });
    },
  );

  it.each([
    ["declared in Content-Length", { raw: "x".repeat(2 * 1024 * 1024) }],
    ["streamed without a length", { raw: "x".repeat(64 * 1024), repeat: 64 }],
  ])("a response over the size cap (%s) is refused, not retried", async (_how, big) => {
    await withTempDir(async (tmp) => {
      const dir = await plantedService(tmp);
      api = await startFakeApi([big, { body: messageReply(JSON.stringify(goodAnswer)) }]);
      const run = await analyseWithAi(dir, { baseURL: api.url, maxRetries: 2 });
      expect(api.received).toHaveLength(1);
      expect(run.result.enrichment?.status).toBe("failed");
      expect(run.warnings).toEqual([
        "AI: the API's response was larger than 1024 KiB; the profile has no AI items",
      ]);
    });
  });

  it("without a key and without a recorded answer nothing is sent", async () => {
    await withTempDir(async (tmp) => {
      const dir = await plantedService(tmp);
      api = await startFakeApi([{ body: messageReply(JSON.stringify(goodAnswer)) }]);
      const run = await analyseWithAi(dir, { baseURL: api.url, apiKey: undefined });
      expect(api.received).toHaveLength(0);
      expect(run.result.enrichment?.status).toBe("skipped");
      expect(run.warnings[0]).toMatch(/ANTHROPIC_API_KEY is not set/);
    });
  });

  it("a budget too small for the request sends nothing", async () => {
    await withTempDir(async (tmp) => {
      const dir = await plantedService(tmp);
      api = await startFakeApi([{ body: messageReply(JSON.stringify(goodAnswer)) }]);
      const run = await analyseWithAi(dir, { baseURL: api.url, maxTokens: 2000 });
      expect(api.received).toHaveLength(0);
      expect(run.result.enrichment?.status).toBe("skipped");
      expect(run.warnings[0]).toMatch(/over the budget of 2000/);
    });
  });
});
