import { describe, expect, it } from "vitest";
import { EXAMPLES, exampleProfile } from "../helpers.js";
import { exampleIncidentPack, file } from "./pack.js";

const [L1, , L3, L4] = EXAMPLES;
const STAGES = ["### Investigating", "### Identified", "### Monitoring", "### Resolved"];

describe("citizen communications", () => {
  it("cover every kind the failure modes use, plus security and data breach, as starter files", async () => {
    const [profile, files] = await Promise.all([exampleProfile(L3), exampleIncidentPack(L3)]);
    const kinds = new Set(profile.failureModes.map((f) => f.commsTemplate).filter((k) => k !== "none"));
    const comms = files.filter((f) => f.path.startsWith("ops/incident/comms/"));
    expect(comms.map((f) => f.path).sort()).toEqual(
      [...new Set([...kinds, "security", "data-breach"])].map((k) => `ops/incident/comms/${k}.md`).sort(),
    );
    for (const f of comms) {
      expect(f.kind, f.path).toBe("starter");
      for (const stage of STAGES) expect(f.content, `${f.path} ${stage}`).toContain(stage);
      expect(f.content).toContain("## Service banner");
      expect(f.content).toContain("## Message to affected citizens (GOV.UK Notify)");
      expect(f.content).toContain("## Briefing lines");
    }
  });

  it("name the citizen journey and what to do instead, in plain English", async () => {
    const outage = file(await exampleIncidentPack(L3), "ops/incident/comms/outage.md");
    expect(outage).toContain(
      `> We're looking into why you cannot use "Enquiries" on Level 3 enquiry service.`,
    );
    expect(outage).not.toContain('"Caseworker"');
    expect(outage).toContain("- Contact the department by phone or post.");
    const forms = file(await exampleIncidentPack(L1), "ops/incident/comms/outage.md");
    expect(forms).toContain("- If a deadline falls during the incident, it will be extended.");
  });

  it("count the text message the way Notify bills it", async () => {
    for (const name of EXAMPLES) {
      const files = await exampleIncidentPack(name);
      for (const f of files.filter((x) => x.path.startsWith("ops/incident/comms/"))) {
        const [, count, fragments] = /Text message \((\d+) characters, (\d+) fragment/.exec(f.content)!;
        const sms = f.content
          .split("Text message")[1]!
          .split("\n> ")[1]!
          .split("\n")[0]!
          .replace(/\\(.)/g, "$1");
        expect(Number(count), f.path).toBe(sms.length);
        expect(Number(fragments)).toBe(sms.length <= 160 ? 1 : Math.ceil(sms.length / 153));
      }
    }
  });

  it("brief on Parliament only for the PQ tracker, and on the ICO for breaches", async () => {
    const brief = async (name: string, kind: string) =>
      file(await exampleIncidentPack(name), `ops/incident/comms/${kind}.md`).split("## Briefing lines")[1]!;
    expect(await brief(L4, "security")).toContain("- Parliament:");
    expect(await brief(L3, "security")).not.toContain("- Parliament:");
    expect(await brief(L3, "data-breach")).toContain("Information Commissioner's Office");
    const breach = file(await exampleIncidentPack(L3), "ops/incident/comms/data-breach.md");
    expect(breach).toContain("<https://ico.org.uk/make-a-complaint/>");
  });
});
