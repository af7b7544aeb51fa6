import { writeFile } from "node:fs/promises";
import path from "node:path";
import ts from "typescript";
import { parse, stringify } from "yaml";
import { describe, expect, it } from "vitest";
import { lacks } from "../../tools.js";
import { dashboardModel } from "../../../src/packs/monitoring/dashboard.js";
import type { Dependency, Profile } from "../../../src/profile/schema.js";
import { EXAMPLES, ROOT, examplePack, exampleProfile, withTempDir } from "../../helpers.js";
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
    // Journey panels read the summary series, each one the summary rules record, and no raw SLI maths.
    const records = new Set(
      parse(file(files, "ops/monitoring/summary-rules.yml").content).groups.flatMap(
        (g: { rules: Array<{ record?: string }> }) => g.rules.map((r) => r.record).filter(Boolean),
      ),
    );
    const read = exprs.flatMap((e) => e.match(/slo:[a-z_]+:[a-z_]+\d*[mhd]?/g) ?? []);
    expect(read.length).toBeGreaterThan(0);
    for (const name of read) expect(records).toContain(name);
    expect(exprs.join("\n")).not.toMatch(/journey:sli_/);
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

type Panel = {
  type: string;
  title: string;
  gridPos: { x: number; y: number; w: number };
  targets?: Array<{ expr: string }>;
};

function panelTitles(profile: Profile): string[] {
  return (dashboardModel(profile).panels as Panel[]).filter((p) => p.type !== "row").map((p) => p.title);
}

function dependency(base: Dependency, id: string, kind: Dependency["kind"], type: string): Dependency {
  return { ...base, id, name: id, kind, type };
}

describe("dependency panels", () => {
  it("are drawn for the kinds of dependency the profile has, and none for the kinds it lacks", async () => {
    const profile = await exampleProfile("level-1-forms-service");
    const kinds = new Set(profile.dependencies.map((d) => `${d.kind}/${d.type}`));
    // The forms service keeps its sessions in redis (no connection pool) and has no queue.
    expect(kinds).toContain("datastore/redis");
    expect([...kinds].some((k) => k.startsWith("queue/") || /postgres|mysql/.test(k))).toBe(false);
    const titles = panelTitles(profile);
    expect(titles).toContain("Dependency calls failing or timing out");
    expect(titles).toContain("Synthetic probes of entry pages");
    expect(titles).not.toContain("Database pool connections");
    expect(titles.some((t) => /queue/i.test(t))).toBe(false);

    const base = profile.dependencies[0]!;
    const withAll = {
      ...profile,
      dependencies: [
        ...profile.dependencies,
        dependency(base, "cases-db", "datastore", "postgres"),
        dependency(base, "letters", "queue", "sqs"),
      ],
    };
    const all = dashboardModel(withAll).panels as Panel[];
    const queue = all.find((p) => p.title === "Queues: oldest message waiting");
    expect(queue?.targets?.[0]?.expr).toContain("queue_oldest_message_age_seconds");
    expect(all.find((p) => p.title === "Database pool connections")?.targets?.[0]?.expr).toContain(
      "db_pool_connections",
    );
    // Four panels share the row's width without overlapping.
    const row = all.filter((p) => /Dependency|pool|Queues|probes/.test(p.title) && p.type !== "row");
    expect(row.map((p) => p.gridPos)).toEqual(
      [0, 6, 12, 18].map((x) => expect.objectContaining({ x, w: 6 })),
    );

    const bare = panelTitles({ ...profile, dependencies: [] });
    expect(bare.some((t) => /Dependency|pool|Queues/.test(t))).toBe(false);
    expect(bare).toContain("Synthetic probes of entry pages");
  });

  it("narrow their queries to the environment the rules watch", async () => {
    const profile = await exampleProfile("level-3-enquiry-service");
    const scoped = { ...profile, monitoring: { selectors: { namespace: "enquiries-prod" } } };
    const exprs = (dashboardModel(scoped).panels as Panel[]).flatMap((p) =>
      (p.targets ?? []).map((t) => t.expr),
    );
    expect(exprs.length).toBeGreaterThan(10);
    for (const expr of exprs)
      for (const sel of expr.match(/\{[^}]*\}/g)!) {
        expect(sel).toContain('service="level-3-enquiry-service"');
        expect(sel).toContain('namespace="enquiries-prod"');
      }
  });
});

const FLOAT_NOISE = /\d\.\d*0000000\d|\d\.\d*9999999\d/;

describe("float noise", () => {
  it("appears in no generated monitoring, runbook or docs file of the five examples", async () => {
    for (const example of EXAMPLES) {
      const files = (await examplePack(example)).filter((f) =>
        /^ops\/(monitoring|runbooks)\/|^docs\/|^ops\/[A-Z]+\.md$/.test(f.path),
      );
      expect(
        files.some((f) => f.path === "ops/monitoring/dashboard.json"),
        example,
      ).toBe(true);
      for (const f of files) expect(f.content, `${example} ${f.path}`).not.toMatch(FLOAT_NOISE);
    }
    // The pattern finds what plain subtraction prints.
    expect(`1 - x / ${1 - 0.995}`).toMatch(FLOAT_NOISE);
  });
});
