import { mkdir, symlink, writeFile } from "node:fs/promises";
import type { AddressInfo, Server } from "node:net";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { analyseService } from "../../../src/index.js";
import { portSignals } from "../../../src/analyse/detectors/helm-ports.js";
import { renderProfile } from "../../../src/packs/index.js";
import { METRICS } from "../../../src/packs/monitoring/metrics.js";
import { ruleGroups, RULES_FILES } from "../../../src/packs/monitoring/alerts.js";
import {
  EXAMPLES,
  examplePack,
  examplePath,
  exampleProfile,
  fixturePath,
  withTempDir,
} from "../../helpers.js";
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

  it("answers /metrics on the app's own server, and still type-checks, when the platform scrapes the app's port", async () => {
    const profile = await exampleProfile(example);
    const evidence = { file: "chart/values.yaml", line: 4, snippet: "8080 service.port" };
    const scraped = {
      ...profile,
      facts: { ...profile.facts, signals: [...profile.facts.signals, { name: "service-port", evidence }] },
    };
    const { content } = file(await renderProfile(scraped, {}), STARTER);
    expect(content).not.toContain("startMetricsServer");
    expect(content).toMatch(/METRICS_PATH.*\n/);
    expect(content.match(/METRICS_PATH/g)!.length).toBeGreaterThan(2);
    expect(await compileErrors(example, content)).toEqual([]);
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

/** A fixture's analysis and generated monitoring files. */
async function fixturePack(name: string) {
  const { profile } = await analyseService(fixturePath("monitoring", name), { write: false });
  const files = await renderProfile(profile, {});
  const content = (rel: string) => file(files, `ops/monitoring/${rel}`).content;
  return {
    profile,
    starter: content("instrumentation/metrics.ts"),
    prometheus: content("prometheus.yml"),
    readme: content("README.md"),
  };
}

/** Runs a generated starter as the service would (prom-client from level 3's node_modules) and hands its exports over. */
async function withStarter<T>(source: string, use: (m: Record<string, unknown>) => Promise<T>): Promise<T> {
  return withTempDir(async (dir) => {
    await symlink(
      path.join(examplePath("level-3-enquiry-service"), "node_modules"),
      path.join(dir, "node_modules"),
    );
    const js = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 },
    }).outputText;
    const entry = path.join(dir, "metrics.mjs");
    await writeFile(entry, js);
    return use((await import(/* @vite-ignore */ pathToFileURL(entry).href)) as Record<string, unknown>);
  });
}

const listening = (server: Server) =>
  new Promise<number>((resolve) =>
    server.listening
      ? resolve((server.address() as AddressInfo).port)
      : server.once("listening", () => resolve((server.address() as AddressInfo).port)),
  );

describe("the starter's metrics port follows what the platform scrapes", () => {
  it("serves /metrics on the app's own server when the chart's service port is the app's", async () => {
    const { profile, starter, prometheus, readme } = await fixturePack("starter-chart-service-port");
    const port = profile.facts.signals.find((s) => s.name === "service-port");
    expect(port?.evidence).toEqual({ file: "chart/web/values.yaml", line: 6, snippet: "3000 service.port" });
    expect(prometheus).toContain('- targets: ["renew-a-licence:3000"]');
    expect(prometheus).toMatch(/metrics_path: "?\/metrics"?\n/);
    expect(prometheus).toContain("service.port at chart/web/values.yaml:6");
    expect(readme).toContain("Prometheus scrapes `/metrics` on port 3000");
    expect(readme).toContain("| `process_start_time_seconds` | gauge | service | availability-rules.yml |");
    expect(starter).not.toContain("startMetricsServer");

    await withStarter(starter, async (m) => {
      const express = createRequire(path.join(examplePath("level-3-enquiry-service"), "package.json"))(
        "express",
      ) as () => { use(h: unknown): void; get(p: string, h: unknown): void; listen(p: number): Server };
      const app = express();
      app.use(m.metricsMiddleware);
      app.get("/renew", (_req: unknown, res: { send(b: string): void }) => res.send("renew"));
      const server = app.listen(0);
      try {
        const base = `http://127.0.0.1:${await listening(server)}`;
        expect((await fetch(`${base}/renew`)).status).toBe(200);
        const scrape = await fetch(`${base}/metrics`);
        expect(scrape.status).toBe(200);
        const body = await scrape.text();
        expect(body).toMatch(/^process_start_time_seconds\{service="renew-a-licence"\} \d+/m);
        expect(body).toMatch(/^http_requests_total\{[^}]*route="\/renew"[^}]*status_code="200"[^}]*\} 1$/m);
        expect(body).not.toMatch(/route="\/metrics"|route="unmatched"/);
      } finally {
        server.close();
      }
    });
  });

  it("serves /metrics on its own server at the port a scrape annotation names", async () => {
    const { profile, starter, prometheus, readme } = await fixturePack("starter-chart-scrape-annotation");
    const annotation = profile.facts.signals.find((s) => s.name === "metrics-port");
    expect(annotation?.evidence).toEqual({
      file: "helm/claims/values.yaml",
      line: 5,
      snippet: "9102 prometheus.io/port",
    });
    expect(prometheus).toContain('- targets: ["claim-a-refund:9102"]');
    expect(readme).toContain("Prometheus scrapes `/metrics` on port 9102");
    expect(starter).toContain("process.env.METRICS_PORT ?? 9102");

    await withStarter(starter, async (m) => {
      const server = (m.startMetricsServer as (port: number) => Server)(0);
      try {
        const base = `http://127.0.0.1:${await listening(server)}`;
        expect((await fetch(`${base}/claim`)).status).toBe(404);
        const body = await (await fetch(`${base}/metrics`)).text();
        expect(body).toMatch(/^process_start_time_seconds\{service="claim-a-refund"\} \d+/m);
      } finally {
        server.close();
      }
    });
  });

  it("keeps its own port 9464 and says so when no chart or manifest names one", async () => {
    const { profile, starter, prometheus, readme } = await fixturePack("starter-no-platform");
    expect(profile.facts.signals.filter((s) => ["metrics-port", "service-port"].includes(s.name))).toEqual(
      [],
    );
    expect(prometheus).toContain('- targets: ["find-a-court:9464"]');
    expect(starter).toContain("process.env.METRICS_PORT ?? 9464");
    expect(readme).toContain("No Helm chart or manifest says which port the platform scrapes");
  });
});

describe("ports in values files", () => {
  it("reads DEFRA's container.port and MoJ's generic-service image.port with their lines", () => {
    const adp = "name: plp\ncontainer:\n  requestCpu: 150m\n  port: 3000\nlivenessProbe:\n  port: 3000\n";
    expect(portSignals({ rel: "helm/plp/values.yaml", text: adp }, true)).toEqual([
      {
        name: "service-port",
        evidence: { file: "helm/plp/values.yaml", line: 4, snippet: "3000 container.port" },
      },
    ]);
    const moj = "generic-service:\n  image:\n    repository: ghcr.io/x/web\n    port: 8080\n";
    expect(portSignals({ rel: "helm_deploy/web/values.yaml", text: moj }, true)[0]?.evidence).toEqual({
      file: "helm_deploy/web/values.yaml",
      line: 4,
      snippet: "8080 image.port",
    });
  });
});

describe("ports in plain manifests", () => {
  it("reads a Service's numeric targetPort with its line, and a scrape annotation beside it", () => {
    const text = [
      "apiVersion: v1",
      "kind: Service",
      "metadata:",
      "  name: web",
      "  annotations:",
      '    prometheus.io/port: "9100"',
      "spec:",
      "  ports:",
      "    - port: 80",
      "      targetPort: 8080",
    ].join("\n");
    expect(portSignals({ rel: "k8s/service.yaml", text }, false)).toEqual([
      {
        name: "metrics-port",
        evidence: { file: "k8s/service.yaml", line: 6, snippet: "9100 prometheus.io/port" },
      },
      {
        name: "service-port",
        evidence: { file: "k8s/service.yaml", line: 10, snippet: "8080 Service targetPort" },
      },
    ]);
    const redis =
      "kind: Deployment\nspec:\n  containers:\n    - image: redis:7\n      ports:\n        - containerPort: 6379\n";
    expect(portSignals({ rel: "kube/redis.yml", text: redis }, false)).toEqual([]);
    const named = text.replace("targetPort: 8080", "targetPort: http");
    expect(portSignals({ rel: "k8s/service.yaml", text: named }, false)[1]?.evidence.snippet).toBe(
      "80 Service port",
    );
  });
});
