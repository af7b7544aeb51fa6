import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { execa } from "execa";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { lacks } from "../tools.js";
import { analyseService, generate } from "../../src/index.js";
import { withTempDir } from "../helpers.js";

const HOSTILE = `x"y: \${{ secrets.TOKEN }} #no\\n- yes`;

async function hostileService(dir: string): Promise<void> {
  await writeFile(
    path.join(dir, "package.json"),
    JSON.stringify({ name: `evil"name\n\${{ github.token }}: yes`, dependencies: { express: "^5" } }),
  );
  await mkdir(path.join(dir, "src"));
  await writeFile(
    path.join(dir, "src/app.ts"),
    [
      `import express from "express";`,
      `const app = express();`,
      `app.get(${JSON.stringify(`/${HOSTILE}`)}, (req, res) => res.send("ok"));`,
      `app.post(${JSON.stringify(`/${HOSTILE}/submit`)}, (req, res) => res.send("ok"));`,
      `app.listen(Number(process.env.PORT));`,
    ].join("\n"),
  );
}

describe.skipIf(lacks("promtool"))(
  "hostile strings in names never break YAML or reach workflows as expressions",
  () => {
    it("renders a pack whose YAML parses, passes promtool, and carries no live ${{ }} from data", async () => {
      await withTempDir(async (dir) => {
        await hostileService(dir);
        await analyseService(dir, { level: 3 });
        const result = await generate(dir);
        expect(result.plan.length).toBeGreaterThan(3);
        const profile = parse(await readFile(path.join(dir, "ops/profile.yaml"), "utf8"));
        expect(profile.service.name).toBe("evil-name-github-token-yes");
        expect(profile.journeys[0].entryRoutes.map((r: { path: string }) => r.path)).toContain(`/${HOSTILE}`);

        const rulesFile = path.join(dir, "ops/monitoring/slo-rules.yml");
        const rules = parse(await readFile(rulesFile, "utf8"));
        const alerts = rules.groups.flatMap((g: { rules: Array<{ alert?: string }> }) =>
          g.rules.filter((r) => r.alert),
        );
        expect(alerts.length).toBeGreaterThan(0);
        for (const alert of alerts) expect(JSON.stringify(alert.annotations)).not.toMatch(/\{\{|\}\}/);
        const promtool = await execa("promtool", ["check", "rules", rulesFile], { reject: false });
        expect(promtool.exitCode, promtool.stdout + promtool.stderr).toBe(0);

        const workflow = await readFile(path.join(dir, ".github/workflows/ci.yml"), "utf8");
        expect(workflow).not.toContain("secrets.TOKEN");
        expect(() => parse(workflow)).not.toThrow();
      });
    });
  },
);
