import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { lintMarkdown } from "../../../src/check/validators/markdown.js";
import { placeholderValidator } from "../../../src/check/validators/placeholders.js";
import type { Profile } from "../../../src/profile/schema.js";
import { EXAMPLES, exampleProfile, withTempDir } from "../../helpers.js";
import { exampleIncidentPack, file, renderTextPacks, markdown } from "../text-packs.js";

const [, L2, L3, L4] = EXAMPLES;

function escalationRows(readme: string): string[][] {
  const table = readme.split("## Escalation")[1]!.split("\n## ")[0]!;
  return [...table.matchAll(/^\| (?!Role|---)(.+) \|$/gm)].map((m) => m[1]!.split(/ (?<!\\)\| /));
}

async function withContacts(name: string): Promise<Profile> {
  const profile = structuredClone(await exampleProfile(name));
  profile.service.department = "Department for Levelling Tests";
  profile.service.hosting = "GOV.UK PaaS successor, London region";
  profile.contacts.ownerTeam = "Enquiries | Platform";
  profile.contacts.escalation = [
    { role: "On-call engineer", name: "Rota", contact: "PagerDuty: enquiries-primary" },
    { role: "Incident lead (service owner)", name: "Sam Patel", contact: "07700 900123" },
    { role: "Communications lead", name: "Press office", contact: "press@example.gov.uk" },
    { role: "Senior responsible owner", name: "Director, *Digital*", contact: "via private office" },
    { role: "Department security team", name: "SOC", contact: "soc@example.gov.uk" },
    { role: "Data protection officer", name: "", contact: "dpo@example.gov.uk" },
  ];
  return profile;
}

describe("incident response", () => {
  it("classifies P1 to P4 by citizen impact with the GDS clocks, and lists the service's failure modes", async () => {
    const readme = file(await exampleIncidentPack(L3), "ops/incident/README.md");
    expect(readme).toMatch(
      /^\| P1 Critical \| Citizens cannot use a critical journey.* \| 20 minutes, at any time \| every hour \|$/m,
    );
    expect(readme).toMatch(/^\| P2 Major \| .* \| 60 minutes, at any time \| every 2 hours \|$/m);
    expect(readme).toMatch(
      /^\| P3 Significant \| .* \| 2 hours, in office hours \| once after 2 business days \|$/m,
    );
    expect(readme).toMatch(/^\| P4 Minor \| .* \| 1 business day \| once after 5 business days \|$/m);
    expect(readme).toMatch(
      /^- P1:.*\[Enquiries accepted but not stored\]\(\.\.\/runbooks\/enquiry-submission-lost\.md\)/m,
    );
    expect(readme).toContain("within 72 hours of becoming aware (UK GDPR Article 33)");
    expect(readme).toContain("to the NCSC, which handles category 1 to 3 incidents");
    expect(readme).toContain("**Incident lead**");
    expect(readme).toContain("**Communications lead**");
  });

  it("states out-of-hours rules for the kind of service", async () => {
    const rule = async (name: string) => file(await exampleIncidentPack(name), "ops/incident/README.md");
    expect(await rule(L4)).toContain("On sitting days questions fall due every day");
    expect(await rule(L3)).not.toContain("sitting days");
    expect(await rule(L2)).toContain("pre-announced release day");
  });

  it("says which priorities wait for office hours as the Alertmanager routing holds them", async () => {
    const outOfHours = async (name: string) =>
      file(await exampleIncidentPack(name), "ops/incident/README.md")
        .split("## Out of hours")[1]!
        .split("\n## ")[0]!;
    // Level 4 is staff-only: business-hours routing holds P2 too, and the README says why and how to undo it.
    const staff = await outOfHours(L4);
    expect(staff).toContain("- P1 is handled at any time, paging the on-call engineer.");
    expect(staff).toContain(
      "- P2, P3 and P4 wait for office hours (Monday to Friday, 09:00 to 17:00 UK time)",
    );
    expect(staff).toContain("`monitoring.businessHours.enabled: false`");
    // Level 3 serves the public: P2 pages at any hour, and the narrower rota is only offered.
    const open = await outOfHours(L3);
    expect(open).toContain("- P1 and P2 are handled at any time, paging the on-call engineer.");
    expect(open).toContain(
      "- P3 and P4 wait for office hours (Monday to Friday, 09:00 to 17:00 UK time); their alerts open tickets.",
    );
    expect(open).not.toContain("P2 waiting");
  });

  it("marks every missing escalation contact as a placeholder, and the DPO only where personal data is held", async () => {
    const rows = escalationRows(file(await exampleIncidentPack(L3), "ops/incident/README.md"));
    expect(rows.map((r) => r[0])).toEqual([
      "On-call engineer",
      "Incident lead",
      "Communications lead",
      "Senior responsible owner",
      "Department security team",
      "Data protection officer",
    ]);
    for (const row of rows) expect(row[1]).toMatch(/^TO DO: /);
    const dashboard = escalationRows(file(await exampleIncidentPack(L2), "ops/incident/README.md"));
    expect(dashboard.map((r) => r[0])).not.toContain("Data protection officer");
  });

  it("renders the configured chain in order, escaped, with a placeholder only for a blank field", async () => {
    const files = await renderTextPacks(await withContacts(L3));
    const readme = file(files, "ops/incident/README.md");
    const rows = escalationRows(readme);
    expect(rows.map((r) => r[0])).toEqual([
      "On-call engineer",
      "Incident lead (service owner)",
      "Communications lead",
      "Senior responsible owner",
      "Department security team",
      "Data protection officer",
    ]);
    expect(rows[3]![1]).toBe("Director, \\*Digital\\*");
    expect(rows[5]![1]).toBe("TO DO: name: fill it in under `contacts.escalation` in govops.config.yaml");
    expect(readme).toContain("Owner: Enquiries \\| Platform.");
    expect(await lintMarkdown(markdown(files))).toEqual([]);
  });

  it("writes an incident log and a postmortem template fit to fill in, with no placeholders", async () => {
    const files = await exampleIncidentPack(L3);
    const log = file(files, "ops/incident/incident-log.md");
    expect(log).toContain("| Time | Who | What happened, or what was decided and why | Evidence |");
    expect(log).toContain("the ICO 72-hour clock");
    expect(log).toContain("No personal data");
    expect(log).not.toContain("TO DO:");
    const review = file(files, "ops/incident/postmortem.md");
    expect(review).toContain("This review is blameless.");
    expect(review).not.toContain("TO DO:");
  });
});

describe("placeholders", () => {
  async function warnings(profile: Profile): Promise<Map<string, string>> {
    return withTempDir(async (dir) => {
      const files = await renderTextPacks(profile);
      for (const f of files) {
        await mkdir(path.dirname(path.join(dir, f.path)), { recursive: true });
        await writeFile(path.join(dir, f.path), f.content);
      }
      const targets = files.filter((f) => placeholderValidator.applies(f.path));
      const result = await placeholderValidator.run(
        targets.map((f) => ({ rel: f.path, abs: path.join(dir, f.path) })),
      );
      expect(result.problems).toEqual([]);
      return new Map((result.warnings ?? []).map((w) => [w.file, w.message]));
    });
  }

  it("are reported per file with their lines while contacts are missing", async () => {
    const found = await warnings(await exampleProfile(L3));
    expect(found.get("ops/incident/README.md")).toMatch(
      /^7 placeholder\(s\) to fill in, on line\(s\) \d+(, \d+){6}; first: "TO DO: name the team/,
    );
    expect(found.get("ops/OPERATIONS.md")).toMatch(/^3 placeholder/);
    // Every placeholder names the govops.config.yaml key that answers it; none says to edit the profile.
    for (const [where, message] of found)
      if (!where.startsWith("ops/monitoring/")) expect(message).not.toContain("profile");
    // Other channels in the comms drafts are bracketed, like every field filled in when a message is published.
    expect(found.has("ops/incident/comms/outage.md")).toBe(false);
    expect(found.has("ops/incident/incident-log.md")).toBe(false);
  });

  it("go away from the owned files once the profile carries the contacts", async () => {
    const found = await warnings(await withContacts(L3));
    expect(found.get("ops/incident/README.md")).toMatch(/^1 placeholder/);
    expect(found.has("ops/OPERATIONS.md")).toBe(false);
    expect(found.has("ops/incident/comms/outage.md")).toBe(false);
  });
});
