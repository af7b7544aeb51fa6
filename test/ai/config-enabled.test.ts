import { writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { analyseService } from "../../src/index.js";
import { examplePath, withTempDir } from "../helpers.js";
import { copyService } from "../e2e/run-cli.js";

/** AI is opt-in through the config as well as --ai; with no key and no recording it sends nothing and says so. */
describe("AI enrichment switched on by govops.config.yaml", () => {
  async function run(config: string | undefined, enrich?: false) {
    return withTempDir(async (tmp) => {
      const dir = await copyService(examplePath("level-3-enquiry-service"), path.join(tmp, "svc"));
      if (config) await writeFile(path.join(dir, "govops.config.yaml"), config);
      const warnings: string[] = [];
      const saved = process.env.ANTHROPIC_API_KEY;
      delete process.env.ANTHROPIC_API_KEY;
      try {
        const result = await analyseService(dir, {
          write: false,
          ...(enrich === false ? { enrich } : {}),
          aiLog: { warn: (m) => warnings.push(m), info: () => {} },
        });
        return { result, warnings };
      } finally {
        if (saved !== undefined) process.env.ANTHROPIC_API_KEY = saved;
      }
    });
  }

  it("is off without the config section", async () => {
    const { result } = await run(undefined);
    expect(result.enrichment).toBeUndefined();
  });

  it("runs when the config enables it, with the config's model", async () => {
    const { result, warnings } = await run("ai:\n  enabled: true\n  model: claude-haiku-4-5\n");
    expect(result.enrichment?.status).toBe("skipped");
    expect(result.enrichment?.body).toMatchObject({ model: "claude-haiku-4-5" });
    expect(warnings.join("\n")).toMatch(/ANTHROPIC_API_KEY/);
  });

  it("stays off when the run says --no-ai", async () => {
    const { result } = await run("ai:\n  enabled: true\n", false);
    expect(result.enrichment).toBeUndefined();
  });

  it("rejects unknown keys in the ai section with the field path", async () => {
    await expect(run("ai:\n  enabled: true\n  modle: x\n")).rejects.toThrow(/ai\.modle|modle/);
  });
});
