import { mkdir, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { METRICS } from "../../../src/packs/monitoring/metrics.js";
import { ruleGroups, RULES_FILES } from "../../../src/packs/monitoring/alerts.js";
import { EXAMPLES, examplePack, examplePath, exampleProfile, withTempDir } from "../../helpers.js";
import { file } from "./helpers.js";

const STARTER = "ops/monitoring/instrumentation/metrics.ts";
const FRAMEWORK: Record<string, string> = {
  "level-1-forms-service": "Express",
  "level-2-data-dashboard": "Fastify",
  "level-3-enquiry-service": "Express",
  "level-4-pq-tracker": "Koa",
  "level-5-rules-engine": "hapi",
};

/**
 * Compiles the starter with the example's own node_modules (its framework's types) and, one folder up,
 * level 3's (prom-client and @types/node), as the service would once it installs prom-client.
 */
async function compileErrors(example: string, source: string): Promise<string[]> {
  return withTempDir(async (dir) => {
    const inner = path.join(dir, "svc");
    await mkdir(inner);
    await symlink(
      path.join(examplePath("level-3-enquiry-service"), "node_modules"),
      path.join(dir, "node_modules"),
    );
    await symlink(path.join(examplePath(example), "node_modules"), path.join(inner, "node_modules"));
    const entry = path.join(inner, "metrics.ts");
    await writeFile(entry, source);
    const program = ts.createProgram([entry], {
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      types: ["node"],
      typeRoots: [path.join(dir, "node_modules", "@types")],
    });
    return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
  });
}

describe.each(EXAMPLES)("instrumentation starter for %s", (example) => {
  it("is a starter for the detected framework that type-checks against the real packages", async () => {
    const starter = file(await examplePack(example), STARTER);
    expect(starter.kind).toBe("starter");
    expect(starter.content).toContain(`(${FRAMEWORK[example]}`);
    expect(await compileErrors(example, starter.content)).toEqual([]);
  });

  it("exports every metric the rules read, with buckets at every journey's latency threshold", async () => {
    const profile = await exampleProfile(example);
    const { content } = file(await examplePack(example), STARTER);
    const exprs = RULES_FILES.flatMap((f) => ruleGroups(profile, f)).flatMap((g) =>
      g.rules.map((r) => r.expr),
    );
    const fromExporters = new Set<string>([METRICS.processStart.name, METRICS.probeSuccess.name]);
    for (const metric of Object.values(METRICS)) {
      if (fromExporters.has(metric.name) || !exprs.some((e) => e.includes(metric.name))) continue;
      expect(content, metric.name).toContain(`name: "${metric.name}"`);
    }
    const buckets = JSON.parse(/const BUCKETS = (\[[^\]]*\]);/.exec(content)![1]!) as number[];
    for (const j of profile.journeys) expect(buckets).toContain(j.slo.latency.thresholdMs / 1000);
    expect(content).toContain(`registry.setDefaultLabels({ service: SERVICE })`);
    expect(content).toContain(`export const SERVICE = ${JSON.stringify(profile.service.name)};`);
  });
});

describe("the instrumentation type-check", () => {
  it("fails when the starter misuses prom-client or Express", async () => {
    const { content } = file(await examplePack("level-3-enquiry-service"), STARTER);
    const misused = `${content}\nobserveRequest(404, "GET", "OK", 0);\nmetricsMiddleware({} as never, {} as never, 42);\n`;
    const errors = await compileErrors("level-3-enquiry-service", misused);
    expect(errors.join("\n")).toMatch(/'number' is not assignable to parameter of type 'string'/);
    expect(errors.join("\n")).toMatch(/NextFunction/);
  });
});
