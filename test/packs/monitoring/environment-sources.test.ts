import path from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { prometheusRuleValidator } from "../../../src/check/validators/prometheus-rule.js";
import { promtoolRulesValidator, promtoolTestValidator } from "../../../src/check/validators/promtool.js";
import { analyseService } from "../../../src/index.js";
import { renderProfile } from "../../../src/packs/index.js";
import type { Profile } from "../../../src/profile/schema.js";
import type { RenderedFile } from "../../../src/render/plan.js";
import { fixturePath, withTempDir } from "../../helpers.js";
import { lacks } from "../../tools.js";
import { file, writeFiles } from "./helpers.js";

interface Rule {
  alert?: string;
  record?: string;
  expr: string;
  labels?: Record<string, string>;
}

const profiles = new Map<string, Promise<Profile>>();
function profileOf(name: string): Promise<Profile> {
  if (!profiles.has(name))
    profiles.set(
      name,
      analyseService(fixturePath("monitoring", name), { write: false }).then((a) => a.profile),
    );
  return profiles.get(name)!;
}

const packs = new Map<string, Promise<RenderedFile[]>>();
function packOf(name: string): Promise<RenderedFile[]> {
  if (!packs.has(name))
    packs.set(
      name,
      profileOf(name).then((p) => renderProfile(p, {})),
    );
  return packs.get(name)!;
}

function rulesOf(files: RenderedFile[], rel: string): Rule[] {
  const doc = parse(file(files, rel).content) as { groups: Array<{ rules: Rule[] }> };
  return doc.groups.flatMap((g) => g.rules);
}

const ruleFiles = (files: RenderedFile[]) =>
  files.filter((f) => /^ops\/monitoring\/[^/]+-rules\.yml$/.test(f.path)).map((f) => f.path);

const TODO = "set monitoring.selectors (or service.namespaces) in govops.config.yaml";
const PROD_HOST = 'host="licences.apps.example.gov.uk"';

describe("an ingress host in production's values file, and no namespace anywhere", () => {
  it("selects production's host on every rule that reads the ingress controller or what is recorded from it", async () => {
    const files = await packOf("helm-ingress-host-literal");
    const slo = rulesOf(files, "ops/monitoring/slo-rules.yml");
    expect(slo.length).toBeGreaterThan(10);
    for (const rule of slo) {
      expect(rule.expr, rule.alert ?? rule.record).toContain(PROD_HOST);
      expect(rule.labels?.host).toBe("licences.apps.example.gov.uk");
    }
    const all = ruleFiles(files).flatMap((rel) => rulesOf(files, rel));
    const ingress = all.filter((r) => /nginx_ingress_controller|:ratio_rate/.test(r.expr));
    expect(ingress.length).toBeGreaterThan(slo.length - 1);
    for (const rule of ingress)
      for (const sel of rule.expr.match(/nginx_ingress_controller\w*\{[^}]*\}/g) ?? [])
        expect(sel, rule.alert ?? rule.record).toContain(PROD_HOST);
    // The service's own metrics carry no host label: a host matcher there would silence the alert.
    // The summary series (slo:*) are the SLIs recorded from the ingress, restated: they keep its host.
    const summary = all.filter((r) => r.record?.startsWith("slo:"));
    expect(summary.length).toBeGreaterThan(0);
    for (const rule of summary) expect(rule.labels?.host, rule.record).toBe("licences.apps.example.gov.uk");
    const own = all.filter(
      (r) => !/nginx_ingress_controller|:ratio_rate/.test(r.expr) && !summary.includes(r),
    );
    expect(own.length).toBeGreaterThan(0);
    for (const rule of own) {
      expect(rule.expr, rule.alert).not.toContain("host=");
      expect(rule.labels?.host).toBeUndefined();
    }
    expect(all.some((r) => r.expr.includes("licences-dev"))).toBe(false);
  });

  it("narrows the PrometheusRule resources and the promtool series alike, and says where the host came from", async () => {
    const files = await packOf("helm-ingress-host-literal");
    const resource = parse(file(files, "ops/monitoring/kubernetes/slo-rules.yml").content) as {
      metadata: Record<string, unknown>;
      spec: { groups: unknown };
    };
    expect(resource.spec.groups).toEqual(
      (parse(file(files, "ops/monitoring/slo-rules.yml").content) as { groups: unknown }).groups,
    );
    expect(JSON.stringify(resource.spec.groups)).toContain(PROD_HOST.replace(/"/g, '\\"'));
    expect(resource.metadata.namespace).toBeUndefined();
    const tests = parse(file(files, "ops/monitoring/tests/slo-rules.test.yml").content) as {
      tests: Array<{ input_series: Array<{ series: string }> }>;
    };
    const series = tests.tests.flatMap((t) => t.input_series.map((s) => s.series));
    expect(series.length).toBeGreaterThan(0);
    // Quiet scenarios also feed another ingress's series, which must not count.
    const own = series.filter((s) => s.includes('ingress="licences"'));
    expect(own.length).toBeGreaterThan(0);
    for (const s of own) expect(s).toContain(PROD_HOST);
    const readme = file(files, "ops/monitoring/README.md").content;
    expect(readme).toContain(
      `Every rule selects ${PROD_HOST} on the ingress controller's series and the SLIs recorded from them (from the production ingress host in its Helm values file, chart/values-prod.yaml:4;`,
    );
    expect(readme).not.toContain(TODO);
  });

  it.skipIf(lacks("promtool"))("pass promtool's rule checks and unit tests", async () => {
    const files = await packOf("helm-ingress-host-literal");
    await withTempDir(async (dir) => {
      await writeFiles(dir, files);
      for (const v of [promtoolRulesValidator, promtoolTestValidator, prometheusRuleValidator]) {
        const targets = files
          .filter((f) => v.applies(f.path))
          .map((f) => ({ rel: f.path, abs: path.join(dir, f.path) }));
        expect(targets.length, v.id).toBeGreaterThan(0);
        expect((await v.run(targets)).problems, v.id).toEqual([]);
      }
    });
  });
});

describe("a templated ingress host", () => {
  it("is no host: no host selector, and the README keeps the TO DO", async () => {
    const files = await packOf("helm-ingress-host-templated");
    const all = ruleFiles(files).flatMap((rel) => rulesOf(files, rel));
    expect(all.some((r) => r.expr.includes("nginx_ingress_controller"))).toBe(true);
    for (const rule of all) expect(rule.expr).not.toMatch(/host=|namespace=/);
    const readme = file(files, "ops/monitoring/README.md").content;
    expect(readme).toContain("No selector keeps environments apart yet");
    expect(readme).toContain(TODO);
  });
});

describe("namespaces from the deploy commands", () => {
  it("select production's namespace from `helm upgrade --namespace`, in the rules, the resources and the runbooks", async () => {
    const files = await packOf("deploy-namespace-helm-upgrade");
    for (const rel of ruleFiles(files))
      for (const rule of rulesOf(files, rel)) {
        // A rule that reads series selects the namespace; a constant (an objective, `vector(0.995)`) carries it.
        if (rule.expr.includes("{"))
          expect(rule.expr, rule.alert ?? rule.record).toContain('namespace="lodge-live-main"');
        else expect(rule.labels?.namespace, rule.record).toBe("lodge-live-main");
        expect(rule.expr).not.toContain("lodge-stg");
      }
    const resource = parse(file(files, "ops/monitoring/kubernetes/slo-rules.yml").content) as {
      metadata: { namespace?: string };
    };
    expect(resource.metadata.namespace).toBe("lodge-live-main");
    // The probe alerts select the namespace on probe_success, so every probe target carries it.
    const targets = parse(file(files, "ops/monitoring/probe-targets.yml").content) as Array<{
      labels: Record<string, string>;
    }>;
    expect(targets.length).toBeGreaterThan(0);
    for (const t of targets) expect(t.labels.namespace).toBe("lodge-live-main");
    expect(file(files, "ops/monitoring/README.md").content).toContain(
      'Every rule selects namespace="lodge-live-main" (from the deploy commands, .github/workflows/release.yml:26)',
    );
    const runbook = files.find((f) => f.path.startsWith("ops/runbooks/") && f.content.includes("NAMESPACE="));
    expect(runbook?.content).toContain("NAMESPACE=lodge-live-main");
    expect(runbook?.content).toContain(
      "Namespaces per environment (from the deploy commands in `.github/workflows/release.yml`): production: `lodge-live-main`, staging: `lodge-stg`.",
    );
  });

  it("are never read from secrets or shell variables: no selector, and the TO DOs stay", async () => {
    const files = await packOf("deploy-namespace-secrets");
    for (const rel of ruleFiles(files))
      for (const rule of rulesOf(files, rel)) expect(rule.expr).not.toMatch(/namespace=|host=/);
    expect(file(files, "ops/monitoring/README.md").content).toContain(TODO);
    const runbook = files.find((f) => f.path.startsWith("ops/runbooks/") && f.content.includes("NAMESPACE="));
    expect(runbook?.content).toContain("NAMESPACE='<namespace of the environment>'");
    expect(runbook?.content).toContain("TO DO: the analysis found no namespace");
  });
});
