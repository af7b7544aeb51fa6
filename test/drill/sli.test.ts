import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { RuleFile } from "../../src/drill/compress.js";
import { drillPrometheusConfig } from "../../src/drill/configs.js";
import { readMonitoringPack } from "../../src/drill/pack.js";
import { selectorsIn } from "../../src/drill/selectors.js";
import { sliShape } from "../../src/drill/sli.js";
import { examplePath, fixturePath } from "../helpers.js";

const rules = (name: string) => [
  parse(readFileSync(fixturePath("drill", name, "rules.yml"), "utf8")) as RuleFile,
];

describe("selectorsIn", () => {
  it("reads metric names and matchers, unescaping values and skipping braces in strings", () => {
    const [a, b] = selectorsIn(
      'sum(rate(t{route=~"/a\\\\.csv|/b{id}", x!="y"}[5m])) / {__name__="u", job="j"}',
    );
    expect(a).toEqual({
      metric: "t",
      matchers: [
        { label: "route", op: "=~", value: "/a\\.csv|/b{id}" },
        { label: "x", op: "!=", value: "y" },
      ],
    });
    expect(b).toEqual({ metric: "u", matchers: [{ label: "job", op: "=", value: "j" }] });
  });
});

describe("sliShape", () => {
  it("turns the equality matchers of a journey's SLI selectors into static target labels", () => {
    const shape = sliShape(rules("env-selectors"), "renew", ["/renew", "/renew/:permit"]);
    expect(shape.staticLabels).toEqual({
      service: "parking-permits",
      namespace: "permits-prod",
      environment: "production",
      job: "permits-web",
    });
    expect(shape.counter).toEqual({
      metric: "http_requests_total",
      routeLabel: "route",
      statusLabel: "status_code",
    });
    expect(shape.histogram).toEqual({
      metric: "http_request_duration_seconds",
      routeLabel: "route",
      buckets: [0.5],
    });
    expect(shape.pageAlerts).toEqual(["ParkingPermitsRenewAvailabilityBudgetBurn"]);
  });

  it("puts a job matcher in the job name and the other labels on the target", () => {
    const shape = sliShape(rules("env-selectors"), "renew", ["/renew"]);
    const config = drillPrometheusConfig({
      scrapeIntervalMs: 500,
      evaluationIntervalMs: 1000,
      ruleFiles: ["r.yml"],
      alertmanagerPort: 2,
      ingressPort: 3,
      labels: shape.staticLabels,
    }) as { scrape_configs: { job_name: string; static_configs: { labels: Record<string, string> }[] }[] };
    expect(config.scrape_configs[0]!.job_name).toBe("permits-web");
    expect(config.scrape_configs[0]!.static_configs[0]!.labels).toEqual({
      service: "parking-permits",
      namespace: "permits-prod",
      environment: "production",
    });
  });

  it("follows ingress-controller series and label names when no recording rule names the journey", () => {
    const shape = sliShape(rules("ingress-preset"), "book", ["/book", "/book/:slot"]);
    expect(shape.counter).toEqual({
      metric: "nginx_ingress_controller_requests",
      routeLabel: "path",
      statusLabel: "status",
    });
    expect(shape.staticLabels).toEqual({ namespace: "bins", ingress: "bins-web" });
    expect(shape.histogram).toBeUndefined();
    expect(shape.process).toBeUndefined();
  });

  it("reads an example's generated pack", () => {
    const pack = readMonitoringPack(examplePath("level-1-forms-service"));
    const shape = sliShape(
      pack.rules.map((r) => r.content),
      "apply",
      ["/apply/start", "/apply/address"],
    );
    expect(shape.staticLabels).toEqual({ service: "apply-for-discretionary-housing-payment" });
    // The metrics-missing page reads the process series under the same service label the SLIs use.
    expect(shape.process).toEqual({ metric: "process_start_time_seconds", labels: {} });
    expect(shape.counter?.statusLabel).toBe("status_code");
    expect(shape.pageAlerts).toContain("ApplyForDiscretionaryHousingPaymentApplyAvailabilityBudgetBurn");
    expect(pack.scrapeIntervalMs).toBe(30_000);
  });
});
