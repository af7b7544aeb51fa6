import { readFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { lacks } from "../../tools.js";
import type { Profile } from "../../../src/profile/schema.js";
import { renderProfile } from "../../../src/packs/index.js";
import type { RenderedFile } from "../../../src/render/plan.js";
import { exampleProfile, fixturePath, withTempDir } from "../../helpers.js";
import { amtoolReceivers, file, tool, writeFiles } from "./helpers.js";

const CONFIG = "ops/monitoring/alertmanager.yml";

interface Route {
  matchers?: string[];
  receiver?: string;
  repeat_interval?: string;
  continue?: boolean;
  routes?: Route[];
}

async function withContacts(): Promise<Profile> {
  const profile = structuredClone(await exampleProfile("level-3-enquiry-service"));
  const escalation = parse(await readFile(fixturePath("monitoring", "contacts", "escalation.yaml"), "utf8"));
  profile.contacts.escalation = escalation;
  return profile;
}

/** Which receivers Alertmanager itself resolves for these labels. */
const receiversFor = (dir: string, labels: Record<string, string>) =>
  amtoolReceivers(path.join(dir, CONFIG), labels);

describe.skipIf(lacks("amtool"))("Alertmanager configuration", () => {
  let files: RenderedFile[];
  beforeAll(async () => {
    files = await renderProfile(await withContacts(), {});
  });

  it("passes amtool check-config, with receivers from the profile's contacts", async () => {
    await withTempDir(async (dir) => {
      await writeFiles(dir, files);
      const { code, output } = await tool("amtool", ["check-config", path.join(dir, CONFIG)]);
      expect(code, output).toBe(0);
      const config = parse(file(files, CONFIG).content);
      const byName = Object.fromEntries(config.receivers.map((r: { name: string }) => [r.name, r]));
      expect(byName["on-call"].email_configs).toEqual([{ to: "oncall@example.gov.uk", send_resolved: true }]);
      expect(byName["incident-comms"].webhook_configs[0].url).toBe(
        "https://status-hooks.example.gov.uk/alerts",
      );
      expect(byName["security"].email_configs[0].to).toBe("soc@example.gov.uk");
      // A phone number cannot receive alerts: the ticket receiver stays a marked placeholder.
      expect(byName["service-team-placeholder"]).toEqual({ name: "service-team-placeholder" });
      expect(file(files, CONFIG).content).toMatch(/"tickets, in office hours" - TO DO: no contact/);
    });
  });

  it("routes by severity and citizen impact, as amtool resolves them", async () => {
    await withTempDir(async (dir) => {
      await writeFiles(dir, files);
      const svc = { service: "level-3-enquiry-service" };
      expect(
        await receiversFor(dir, { ...svc, severity: "page", priority: "P1", citizen_impact: "critical" }),
      ).toBe("incident-comms,on-call");
      expect(
        await receiversFor(dir, { ...svc, severity: "page", priority: "P2", citizen_impact: "high" }),
      ).toBe("on-call");
      expect(
        await receiversFor(dir, { ...svc, severity: "ticket", priority: "P3", citizen_impact: "critical" }),
      ).toBe("service-team-placeholder");
      expect(
        await receiversFor(dir, { ...svc, severity: "security", priority: "P1", citizen_impact: "critical" }),
      ).toBe("security,on-call");
      expect(
        await receiversFor(dir, { ...svc, severity: "security", priority: "P3", citizen_impact: "medium" }),
      ).toBe("security");
    });
  });

  it("repeats notifications on the P1-P4 update clocks and groups by alert and journey", () => {
    const config = parse(file(files, CONFIG).content);
    expect(config.route.group_by).toEqual(expect.arrayContaining(["alertname", "service", "journey"]));
    const find = (routes: Route[], matcher: string) => routes.find((r) => r.matchers?.join() === matcher)!;
    const page = find(config.route.routes, 'severity="page"');
    expect(page.repeat_interval).toBe("2h");
    expect(find(page.routes!, 'priority="P1"').repeat_interval).toBe("1h");
    const ticket = find(config.route.routes, 'severity="ticket"');
    expect(find(ticket.routes!, 'priority="P3"').repeat_interval).toBe("48h");
    expect(ticket.repeat_interval).toBe("120h");
    expect(find(config.route.routes, 'severity="security",priority="P1"').repeat_interval).toBe("1h");
  });

  it("inhibits an SLO's slow burn while its fast burn pages", () => {
    const config = parse(file(files, CONFIG).content);
    expect(config.inhibit_rules).toContainEqual({
      source_matchers: ['severity="page"'],
      target_matchers: ['severity="ticket"'],
      equal: ["alertname", "service", "journey", "sli"],
    });
  });

  it("marks every receiver as a placeholder when the profile has no contacts", async () => {
    const bare = await renderProfile(await exampleProfile("level-3-enquiry-service"), {});
    const config = parse(file(bare, CONFIG).content);
    expect(config.receivers.map((r: { name: string }) => r.name)).toEqual([
      "security-placeholder",
      "incident-comms-placeholder",
      "on-call-placeholder",
      "service-team-placeholder",
    ]);
    expect(file(bare, CONFIG).content.match(/TO DO: no contact/g)).toHaveLength(4);
    expect(config.global).toBeUndefined();
  });
});
