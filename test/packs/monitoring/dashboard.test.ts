import { writeFile } from "node:fs/promises";
import path from "node:path";
import ts from "typescript";
import { parse, stringify } from "yaml";
import { describe, expect, it } from "vitest";
import { lacks } from "../../tools.js";
import { EXAMPLES, ROOT, examplePack, withTempDir } from "../../helpers.js";
import { file, tool } from "./helpers.js";

const JSON_OF =
  "type Json<T> = T extends string ? `${T}` : T extends Array<infer U> ? Array<Json<U>> : T extends object ? { [K in keyof T]: Json<T[K]> } : T;";

/**
 * Type-checks dashboards against @grafana/schema's Dashboard type with the TypeScript API, in memory, in one
 * program. JSON cannot name a TypeScript enum member, so enum-typed fields are compared by their values.
 * Returns the first line of each diagnostic, by dashboard name.
 */
function grafanaSchemaErrors(dashboards: Record<string, string>): Record<string, string[]> {
  const dir = path.join(ROOT, "test", "monitoring");
  const sources = new Map(
    Object.entries(dashboards).map(([name, json]) => [
      path.join(dir, `__${name}__.ts`),
      `import type { Dashboard } from "@grafana/schema";\n${JSON_OF}\nexport const d = ${json.trim()} satisfies Json<Dashboard>;\n`,
    ]),
  );
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (name, language) => {
    const text = sources.get(name);
    return text === undefined ? read(name, language) : ts.createSourceFile(name, text, language);
  };
  const program = ts.createProgram([...sources.keys()], options, host);
  const out: Record<string, string[]> = Object.fromEntries(Object.keys(dashboards).map((n) => [n, []]));
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const name = /__(.+)__\.ts$/.exec(d.file?.fileName ?? "")?.[1] ?? "(global)";
    (out[name] ??= []).push(ts.flattenDiagnosticMessageText(d.messageText, "\n").split("\n")[0]!);
  }
  return out;
}

describe.skipIf(lacks("promtool"))("Grafana dashboards", () => {
  it("type-check against @grafana/schema's Dashboard for all five examples, and a broken copy does not", async () => {
    const dashboards: Record<string, string> = {};
    for (const example of EXAMPLES)
      dashboards[example] = file(await examplePack(example), "ops/monitoring/dashboard.json").content;
    const broken = JSON.parse(dashboards[EXAMPLES[2]]!);
    broken.refresh = 60;
    broken.panels[1].gridPos = { x: "left" };
    broken.panels[2].colour = "red";
    broken.panels[1].fieldConfig.defaults.thresholds.mode = "relative-ish";
    const errors = grafanaSchemaErrors({ ...dashboards, broken: JSON.stringify(broken) });
    for (const example of EXAMPLES) expect(errors[example], example).toEqual([]);
    expect(errors["(global)"]).toBeUndefined();
    expect(errors.broken!.join("\n")).toMatch(/refresh|number/);
    expect(errors.broken!.join("\n")).toMatch(/colour/);
    expect(errors.broken!.join("\n")).toMatch(/relative-ish/);
  });
});

describe.skipIf(lacks("promtool")).each(EXAMPLES)("Grafana dashboard of %s", (example) => {
  it("shows each journey's SLO, budget remaining and burn rates, and dependency health, in valid PromQL", async () => {
    const files = await examplePack(example);
    const dashboard = JSON.parse(file(files, "ops/monitoring/dashboard.json").content);
    const titles = dashboard.panels.map((p: { title: string }) => p.title).join("\n");
    expect(titles).toMatch(/error budget remaining/);
    expect(titles).toMatch(/availability burn rate/);
    expect(titles).toMatch(/Dependency calls failing or timing out/);
    const exprs: string[] = dashboard.panels.flatMap((p: { targets?: Array<{ expr: string }> }) =>
      (p.targets ?? []).map((t) => t.expr),
    );
    // Every recorded series a panel reads is one the SLO rules record.
    const records = new Set(
      parse(file(files, "ops/monitoring/slo-rules.yml").content).groups.flatMap(
        (g: { rules: Array<{ record?: string }> }) => g.rules.map((r) => r.record).filter(Boolean),
      ),
    );
    for (const name of exprs.flatMap((e) => e.match(/journey:[a-z_:]+\d+[mhd]/g) ?? []))
      expect(records).toContain(name);
    // promtool parses each query as a recording rule's expression.
    await withTempDir(async (dir) => {
      const rules = {
        groups: [
          { name: "dashboard", rules: exprs.map((expr, i) => ({ record: `dashboard:query${i}`, expr })) },
        ],
      };
      await writeFile(path.join(dir, "queries.yml"), stringify(rules));
      const { code, output } = await tool("promtool", ["check", "rules", "queries.yml"], dir);
      expect(code, output).toBe(0);
    });
  });
});
