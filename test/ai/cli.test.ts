import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { withTempDir } from "../helpers.js";
import { govops } from "../e2e/run-cli.js";
import { apiError, messageReply, startFakeApi, type FakeApi } from "./fake-api.js";
import { goodAnswer, plantedService } from "./scenario.js";

let api: FakeApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

/** Every run names the fake server and a fake key, so a real key in the environment is never used. */
const env = (url: string, key = "sk-test-not-a-real-key") => ({
  ANTHROPIC_BASE_URL: url,
  ANTHROPIC_API_KEY: key,
});

async function tree(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const abs = path.join(entry.parentPath, entry.name);
    out.set(path.relative(dir, abs), await readFile(abs, "utf8"));
  }
  return out;
}

describe("govops analyse --ai through the built binary", () => {
  beforeAll(async () => {
    const { code, stderr } = await govops(["--version"]);
    expect(code, `dist/ must be built (npm run build): ${stderr}`).toBe(0);
  });

  it("dry run prints exactly what --ai then sends; the pack replays byte for byte without key or server", async () => {
    await withTempDir(async (tmp) => {
      const dir = await plantedService(tmp);
      api = await startFakeApi([{ body: messageReply(JSON.stringify(goodAnswer)) }]);

      const dry = await govops(["analyse", dir, "--ai-dry-run"], undefined, env(api.url));
      expect(dry.code, dry.stderr).toBe(0);
      expect(api.received).toHaveLength(0);
      expect(dry.stderr).toMatch(/AI dry run: redacted before sending: .*email ×\d/);
      expect(await readdir(dir)).not.toContain("ops");
      expect(await readdir(dir)).not.toContain(".govops");

      // A repository keeps its profile committed; analysis counts it among the files it scanned.
      expect((await govops(["analyse", dir])).code).toBe(0);
      const live = await govops(["analyse", dir, "--ai"], undefined, env(api.url));
      expect(live.code, live.stderr).toBe(0);
      expect(api.received).toHaveLength(1);
      expect(api.received[0]!.body).toEqual(JSON.parse(dry.stdout));
      expect(live.stderr).toMatch(
        /AI: 1 request\(s\) to claude-sonnet-5-5, 1200 input \+ 400 output tokens, estimated cost \$0\.\d{4}/,
      );
      const profile = await readFile(path.join(dir, "ops/profile.yaml"), "utf8");
      expect(profile).toContain("eligibility-evidence-rejected");
      const [record] = await readdir(path.join(dir, ".govops/ai"));
      const { requestHash, answerHash } = JSON.parse(
        await readFile(path.join(dir, ".govops/ai", record!), "utf8"),
      );

      const first = await govops(["generate", dir, "--out", path.join(tmp, "pack-1")]);
      expect(first.code, first.stderr).toBe(0);
      const manifest = JSON.parse(await readFile(path.join(tmp, "pack-1/ops/manifest.json"), "utf8"));
      expect(manifest.ai).toEqual([{ model: "claude-sonnet-5-5", requestHash, answerHash }]);

      await api.close();
      api = undefined;
      const replay = await govops(["analyse", dir, "--ai"], undefined, env("http://127.0.0.1:9", ""));
      expect(replay.code, replay.stderr).toBe(0);
      expect(replay.stderr).toMatch(/replayed the recorded answer/);
      expect(await readFile(path.join(dir, "ops/profile.yaml"), "utf8")).toBe(profile);
      const second = await govops(["generate", dir, "--out", path.join(tmp, "pack-2")]);
      expect(second.code, second.stderr).toBe(0);
      expect(await tree(path.join(tmp, "pack-2"))).toEqual(await tree(path.join(tmp, "pack-1")));
    });
  });

  it("without --ai nothing is sent even when a key is set", async () => {
    await withTempDir(async (tmp) => {
      const dir = await plantedService(tmp);
      api = await startFakeApi([{ body: messageReply(JSON.stringify(goodAnswer)) }]);
      const run = await govops(["analyse", dir, "--json"], undefined, env(api.url));
      expect(run.code, run.stderr).toBe(0);
      expect(api.received).toHaveLength(0);
      expect(
        JSON.parse(run.stdout).failureModes.some(
          (f: { provenance: { source: string } }) => f.provenance.source === "ai",
        ),
      ).toBe(false);
    });
  });

  it("a 429 asking for an hour ends the AI step at once with one line; analysis goes on without AI", async () => {
    await withTempDir(async (tmp) => {
      const dir = await plantedService(tmp);
      const limited = apiError(429, "rate_limit_error", "slow down");
      api = await startFakeApi([{ ...limited, headers: { "retry-after": "3600" } }]);
      const run = await govops(
        ["analyse", dir, "--ai", "--ai-timeout", "5000", "--ai-retries", "3"],
        undefined,
        env(api.url),
      );
      expect(run.code, run.stderr).toBe(0);
      expect(api.received).toHaveLength(1);
      const aiLines = run.stderr.split("\n").filter((line) => line.includes("AI: "));
      expect(aiLines).toHaveLength(1);
      expect(aiLines[0]).toMatch(
        /AI: the API answered 429 and asked to retry after 3600 s, past the AI time limit of 5 s; the profile has no AI items$/,
      );
      expect(await readFile(path.join(dir, "ops/profile.yaml"), "utf8")).not.toContain("source: ai");
    });
  });
});
