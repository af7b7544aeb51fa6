import path from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { prometheusRuleValidator } from "../../../src/check/validators/prometheus-rule.js";
import { promtoolRulesValidator, promtoolTestValidator } from "../../../src/check/validators/promtool.js";
import type { Validator } from "../../../src/check/validators/types.js";
import { analyseService } from "../../../src/index.js";
import { renderProfile } from "../../../src/packs/index.js";
import type { Profile } from "../../../src/profile/schema.js";
import type { RenderedFile } from "../../../src/render/plan.js";
import { examplePack, fixturePath, withTempDir } from "../../helpers.js";
import { lacks } from "../../tools.js";
import { file, writeFiles } from "./helpers.js";

const FIXTURE = fixturePath("monitoring", "helm-ingress-permits");

interface Rule {
  alert?: string;
  record?: string;
  expr: string;
  labels: Record<string, string>;
}

async function fixtureProfile(): Promise<Profile> {
  return (await analyseService(FIXTURE, { write: false })).profile;
}

function rulesOf(files: RenderedFile[], rel: string): Rule[] {
  const doc = parse(file(files, rel).content) as { groups: Array<{ rules: Rule[] }> };
  return doc.groups.flatMap((g) => g.rules);
}

async function validate(files: RenderedFile[], validators: Validator[]) {
  return withTempDir(async (dir) => {
    await writeFiles(dir, files);
    const out: Record<string, unknown> = {};
    for (const v of validators) {
      const targets = files
        .filter((f) => v.applies(f.path))
        .map((f) => ({ rel: f.path, abs: path.join(dir, f.path) }));
      expect(targets.length, v.id).toBeGreaterThan(0);
      out[v.id] = (await v.run(targets)).problems;
    }
    return out;
  });
}

describe("environment selectors", () => {
  it("narrow every rule on a Helm service to production's namespace from the values files", async () => {
    const files = await renderProfile(await fixtureProfile(), {});
    const rules = rulesOf(files, "ops/monitoring/slo-rules.yml");
    expect(rules.length).toBeGreaterThan(10);
    for (const rule of rules) {
      // Recorded series are selected by service, the ingress controller's by the ingress.
      expect(rule.expr, rule.alert ?? rule.record).toMatch(
        /(service|ingress)="permits", namespace="permits-production"/,
      );
      expect(rule.expr).not.toMatch(/(service|ingress)="permits"(?!, namespace)/);
      expect(rule.labels.namespace).toBe("permits-production");
    }
  });

  it("use monitoring.selectors from the config instead, and none where nothing names an environment", async () => {
    const profile = await fixtureProfile();
    const chosen = {
      ...profile,
      monitoring: { selectors: { environment: "production", job: "permits-web" } },
    };
    const rules = rulesOf(await renderProfile(chosen, {}), "ops/monitoring/availability-rules.yml");
    for (const rule of rules)
      expect(rule.expr).toContain('service="permits", environment="production", job="permits-web"');
    const plain = rulesOf(await examplePack("level-3-enquiry-service"), "ops/monitoring/slo-rules.yml");
    expect(plain.some((r) => r.expr.includes("namespace="))).toBe(false);
  });
});

describe("PrometheusRule resources", () => {
  it("are written on Kubernetes with configurable labels and production's namespace, and not elsewhere", async () => {
    const profile = await fixtureProfile();
    const files = await renderProfile(
      { ...profile, monitoring: { prometheusRule: { labels: { release: "kube-prometheus-stack" } } } },
      {},
    );
    const resource = parse(file(files, "ops/monitoring/kubernetes/slo-rules.yml").content) as {
      kind: string;
      metadata: { name: string; namespace: string; labels: Record<string, string> };
      spec: { groups: unknown };
    };
    expect(resource.kind).toBe("PrometheusRule");
    expect(resource.metadata).toEqual({
      name: "permits-slo",
      namespace: "permits-production",
      labels: { role: "alert-rules", release: "kube-prometheus-stack", "app.kubernetes.io/name": "permits" },
    });
    const plain = parse(file(files, "ops/monitoring/slo-rules.yml").content) as { groups: unknown };
    expect(resource.spec.groups).toEqual(plain.groups);
    const off = await renderProfile({ ...profile, monitoring: { prometheusRule: { enabled: false } } }, {});
    expect(off.some((f) => f.path.startsWith("ops/monitoring/kubernetes/"))).toBe(false);
    const example = await examplePack("level-3-enquiry-service");
    expect(example.some((f) => f.path.startsWith("ops/monitoring/kubernetes/"))).toBe(false);
  });
});

describe.skipIf(lacks("promtool", "yamllint"))("narrowed rules and their resources", () => {
  it("pass promtool's checks and tests, yamllint, and the groups-equal check; an edited resource does not", async () => {
    const files = await renderProfile(await fixtureProfile(), {});
    const problems = await validate(files, [
      promtoolRulesValidator,
      promtoolTestValidator,
      prometheusRuleValidator,
    ]);
    expect(problems).toEqual({
      "promtool-check-rules": [],
      "promtool-test-rules": [],
      "prometheus-rule": [],
    });
    const rel = "ops/monitoring/kubernetes/slo-rules.yml";
    const edited = files.map((f) =>
      f.path === rel
        ? { ...f, content: f.content.replace('namespace=\\"permits-production', 'namespace=\\"other') }
        : f,
    );
    const after = await validate(edited, [prometheusRuleValidator]);
    expect(after["prometheus-rule"]).toEqual([
      {
        file: rel,
        message:
          "spec.groups differ from the groups of ops/monitoring/slo-rules.yml, which promtool tests: run `govops generate`",
      },
    ]);
  });
});
