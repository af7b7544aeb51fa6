import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { lacks } from "../../tools.js";
import type { Profile } from "../../../src/profile/schema.js";
import { renderProfile } from "../../../src/packs/index.js";
import { alertsForFailureMode, monitoringAlerts } from "../../../src/packs/monitoring/alerts.js";
import { exampleProfile, withTempDir } from "../../helpers.js";
import { file, tool, writeFiles } from "./helpers.js";

async function level3(edit: (p: Profile) => void): Promise<Profile> {
  const profile = structuredClone(await exampleProfile("level-3-enquiry-service"));
  edit(profile);
  return profile;
}

const fm = (p: Profile, id: string) => p.failureModes.find((f) => f.id === id)!;

describe.skipIf(lacks("promtool"))("alerts follow the profile", () => {
  it("lists, for each failure mode, the alerts that link to its runbook", async () => {
    const profile = await exampleProfile("level-3-enquiry-service");
    const map = alertsForFailureMode(profile);
    const service = "Level3EnquiryService";
    expect(map.get("postgres-unavailable")).toEqual([
      `${service}PostgresErrors`,
      `${service}PostgresTimeouts`,
    ]);
    expect(map.get("database-connection-exhaustion")).toEqual([`${service}PostgresPoolExhausted`]);
    expect(map.get("sla-breach-backlog")).toEqual([
      `${service}JobOverdue`,
      `${service}JobFailed`,
      `${service}DeadlineAtRisk`,
    ]);
    expect(map.get("enquiries-slo-burn")).toContain(`${service}EnquiriesAvailabilityBudgetBurn`);
    expect(map.has("crisis-surge")).toBe(false);
    const names = new Set(monitoringAlerts(profile).map((a) => a.rule.alert));
    for (const alerts of map.values()) for (const a of alerts) expect(names).toContain(a);
  });

  it("lets detection.alert name the alert kind, overriding the words of the failure mode", async () => {
    const profile = await level3((p) => {
      fm(p, "crisis-surge").detection.alert = "queue-backlog";
      fm(p, "sla-breach-backlog").detection.alert = "deadline-at-risk";
    });
    const map = alertsForFailureMode(profile);
    expect(map.get("crisis-surge")).toEqual(["Level3EnquiryServiceQueueBacklog"]);
    expect(map.get("sla-breach-backlog")).toEqual(["Level3EnquiryServiceDeadlineAtRisk"]);
    const files = await renderProfile(profile, {});
    expect(file(files, "ops/monitoring/workload-rules.yml").content).toContain(
      "ops/runbooks/crisis-surge.md",
    );
  });

  it("adds no data-protection rules for a service that holds no personal data", async () => {
    const files = await renderProfile(await level3((p) => (p.data.personalData = [])), {});
    expect(files.map((f) => f.path)).not.toContain("ops/monitoring/data-protection-rules.yml");
    expect(files.map((f) => f.path)).toContain("ops/monitoring/slo-rules.yml");
  });

  it("probes the service's base URL once it is set, and marks the placeholder until then", async () => {
    const before = file(
      await renderProfile(await exampleProfile("level-3-enquiry-service"), {}),
      "ops/monitoring/probe-targets.yml",
    );
    expect(before.content).toMatch(/TO DO: set service.baseUrl/);
    const after = file(
      await renderProfile(
        await level3((p) => (p.service.baseUrl = "https://contact-a-department.service.gov.uk/")),
        {},
      ),
      "ops/monitoring/probe-targets.yml",
    );
    expect(after.content).not.toMatch(/TO DO|example\.invalid/);
    expect(parse(after.content)[0]).toEqual({
      targets: ["https://contact-a-department.service.gov.uk/enquiries/new"],
      labels: { service: "level-3-enquiry-service", journey: "enquiries", __param_module: "http_2xx" },
    });
  });

  it("writes a NestJS interceptor for NestJS, and a framework-neutral module when none is detected", async () => {
    const nest = await level3((p) => (p.facts.frameworks = [{ ...p.facts.frameworks[0]!, name: "nestjs" }]));
    const nestStarter = file(await renderProfile(nest, {}), "ops/monitoring/instrumentation/metrics.ts");
    expect(nestStarter.content).toMatch(/export class MetricsInterceptor implements NestInterceptor/);
    const none = await level3((p) => (p.facts.frameworks = []));
    const plain = file(await renderProfile(none, {}), "ops/monitoring/instrumentation/metrics.ts");
    expect(plain.content).toMatch(/found no framework it instruments/);
    expect(plain.content).toContain("export function observeRequest(");
  });

  it("never lets profile text open a Prometheus or Alertmanager template", async () => {
    const profile = await level3((p) => {
      p.journeys[0]!.name = "Enquiries {{ $value }} {{ range .Alerts }}";
      fm(p, "postgres-unavailable").citizenImpact = 'Everyone {{ template "x" }}';
    });
    const files = await renderProfile(profile, {});
    const yml = files.filter((f) => /^ops\/monitoring\/.+\.yml$/.test(f.path));
    for (const f of yml) expect(f.content.replace(/^#.*$/gm, ""), f.path).not.toMatch(/\{\{|\}\}/);
    await withTempDir(async (dir) => {
      await writeFiles(dir, files);
      const rules = yml.filter((f) => f.path.endsWith("-rules.yml") && !f.path.includes("/tests/"));
      const { code, output } = await tool("promtool", ["check", "rules", ...rules.map((f) => f.path)], dir);
      expect(code, output).toBe(0);
    });
  });
});
