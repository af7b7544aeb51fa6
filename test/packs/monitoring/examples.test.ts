import { access } from "node:fs/promises";
import path from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { lacks } from "../../tools.js";
import { amtoolValidator } from "../../../src/check/validators/amtool.js";
import { promtoolConfigValidator } from "../../../src/check/validators/promtool-config.js";
import { promtoolRulesValidator, promtoolTestValidator } from "../../../src/check/validators/promtool.js";
import type { Validator } from "../../../src/check/validators/types.js";
import { monitoringAlerts } from "../../../src/packs/monitoring/alerts.js";
import { EXAMPLES, examplePack, exampleProfile, withTempDir } from "../../helpers.js";
import { writeFiles } from "./helpers.js";

const VALIDATORS: Validator[] = [
  promtoolRulesValidator,
  promtoolTestValidator,
  amtoolValidator,
  promtoolConfigValidator,
];

interface RuleFile {
  groups: Array<{
    rules: Array<{ alert?: string; labels?: Record<string, string>; annotations?: Record<string, string> }>;
  }>;
}

describe.skipIf(lacks("promtool", "amtool")).each(EXAMPLES)("monitoring pack of %s", (example) => {
  it("passes promtool check rules, promtool test rules, promtool check config, amtool check-config and every routing case", async () => {
    const files = await examplePack(example);
    await withTempDir(async (dir) => {
      await writeFiles(dir, files);
      for (const validator of VALIDATORS) {
        const targets = files
          .filter((f) => validator.applies(f.path))
          .map((f) => ({ rel: f.path, abs: path.join(dir, f.path) }));
        expect(targets.length, `${validator.id} has files to check`).toBeGreaterThan(0);
        const result = await validator.run(targets);
        expect(result.skipped, validator.id).toBeUndefined();
        expect(result.problems, validator.id).toEqual([]);
      }
    });
  });

  it("links every alert to the generated runbook of a failure mode in the profile", async () => {
    const files = await examplePack(example);
    const profile = await exampleProfile(example);
    const ruleFiles = files.filter((f) => /^ops\/monitoring\/[^/]+-rules\.yml$/.test(f.path));
    const alerts = ruleFiles.flatMap((f) =>
      (parse(f.content) as RuleFile).groups.flatMap((g) => g.rules.filter((r) => r.alert)),
    );
    expect(alerts.length).toBeGreaterThan(8);
    await withTempDir(async (dir) => {
      await writeFiles(dir, files);
      for (const alert of alerts) {
        // The examples set no repository or runbook base URL: an explicit TO DO, never a relative link.
        const link = alert.annotations!.runbook_url!;
        const match =
          /^TO DO: set service\.runbookBaseUrl or service\.repositoryUrl in govops\.config\.yaml \(runbook: (ops\/runbooks\/[a-z0-9-]+\.md)\)$/.exec(
            link,
          );
        expect(match, `${alert.alert}: ${link}`).not.toBeNull();
        const url = match![1]!;
        const id = path.basename(url, ".md");
        expect(
          profile.failureModes.map((f) => f.id),
          alert.alert,
        ).toContain(id);
        await expect(access(path.join(dir, url)), `${alert.alert} -> ${url}`).resolves.toBeUndefined();
      }
    });
  });

  it("gives every alert its labels and annotations, and a scenario that fires and one that must not", async () => {
    const profile = await exampleProfile(example);
    const alerts = monitoringAlerts(profile);
    const byName = new Map<string, typeof alerts>();
    for (const a of alerts) byName.set(a.rule.alert, [...(byName.get(a.rule.alert) ?? []), a]);
    for (const [name, defs] of byName) {
      expect(name).toMatch(/^[A-Z][A-Za-z0-9]+$/);
      expect(defs.flatMap((d) => d.firing).length, `${name} fires somewhere`).toBeGreaterThan(0);
      expect(defs.flatMap((d) => d.quiet).length, `${name} stays quiet somewhere`).toBeGreaterThan(0);
      for (const { rule } of defs) {
        expect(Object.keys(rule.annotations).sort()).toEqual([
          "dashboard_url",
          "description",
          "runbook_url",
          "summary",
        ]);
        expect(rule.labels).toMatchObject({ service: profile.service.name });
        expect(["page", "ticket", "security"]).toContain(rule.labels.severity);
        expect(["P1", "P2", "P3", "P4"]).toContain(rule.labels.priority);
        expect(rule.labels.citizen_impact).toMatch(/^(critical|high|medium|low)$/);
        expect(rule.labels.journey ?? rule.labels.dependency ?? "service-wide").toBeTruthy();
        // No personal data: nothing shaped like an email address, phone number or postcode.
        expect(JSON.stringify([rule.labels, rule.annotations])).not.toMatch(
          /[\w.+-]+@[\w-]+\.\w|\b07\d{9}\b|\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b/,
        );
      }
    }
  });
});
