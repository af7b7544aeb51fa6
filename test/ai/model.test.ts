import { afterEach, describe, expect, it, vi } from "vitest";
import { askModel, createClient } from "../../src/ai/client.js";
import { startDeadline } from "../../src/ai/limits.js";
import { DEFAULT_MODEL } from "../../src/ai/options.js";
import { buildPayload } from "../../src/ai/payload.js";
import { buildRequest } from "../../src/ai/request.js";
import { exampleProfile } from "../helpers.js";
import { messageReply, startFakeApi, type FakeApi } from "./fake-api.js";

let api: FakeApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
  vi.restoreAllMocks();
});

/** The SDK warns on console.warn when a request names a model on its deprecation list. */
async function warningsFor(model: string): Promise<string[]> {
  api = await startFakeApi([{ body: messageReply("{}") }]);
  const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
  const client = await createClient({ apiKey: "sk-test", baseURL: api.url });
  const { payload } = buildPayload(await exampleProfile("level-1-forms-service"));
  await askModel(client, buildRequest(payload, model), 1000, {
    deadline: startDeadline(5000),
    maxRetries: 0,
  });
  return warn.mock.calls.map((call) => String(call[0]));
}

describe("the default model", () => {
  it("is not flagged as deprecated by the installed SDK", async () => {
    expect(await warningsFor(DEFAULT_MODEL)).toEqual([]);
  });

  it("a model the SDK does flag is noticed by the same check", async () => {
    expect((await warningsFor("claude-sonnet-4-5")).join("\n")).toMatch(/deprecated/);
  });
});
