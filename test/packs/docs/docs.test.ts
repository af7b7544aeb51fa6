import { describe, expect, it } from "vitest";
import { lintMarkdown } from "../../../src/check/validators/markdown.js";
import { audienceOf } from "../../../src/packs/shared/audience.js";
import { prose } from "../../../src/packs/shared/format.js";
import type { Profile } from "../../../src/profile/schema.js";
import { EXAMPLES, exampleProfile, someOf } from "../../helpers.js";
import { exampleIncidentPack, file, renderTextPacks, markdown } from "../text-packs.js";

const [L1, L2, L3, L4] = EXAMPLES;
const STAGES = ["### Investigating", "### Identified", "### Monitoring", "### Resolved"];

describe("the operations guide", () => {
  it("describes architecture, deploy and rollback, backups, peaks, on-call and access for the service", async () => {
    const ops = file(await exampleIncidentPack(L3), "ops/OPERATIONS.md");
    for (const heading of [
      "## Service overview",
      "## Architecture and dependencies",
      "## Deploy and rollback",
      "## Backups and recovery objectives",
      "## Peak-period playbook",
      "## On-call handbook",
      "## Access and audit logging",
    ])
      expect(ops).toContain(heading);
    expect(ops).toMatch(
      /^\| PostgreSQL \| postgres \| critical \| `DATABASE_URL` \| .* \| `src\/db\/pool\.ts:\d+` \|$/m,
    );
    expect(ops).toContain("```mermaid\nflowchart LR");
    expect(ops).toContain("- caseworker reports and exports");
  });

  it("shows migration commands only where the service has migrations, with its own tool", async () => {
    const ops = async (name: string) => file(await exampleIncidentPack(name), "ops/OPERATIONS.md");
    expect(await ops(L4)).toContain("### Releases with database migrations (Knex)");
    expect(await ops(L4)).toContain("`npx knex migrate:status`");
    expect(await ops(L3)).toContain("### Releases with database migrations (SQL migration files)");
    expect(await ops(L1)).not.toContain("migrations");
    expect(await ops(L2)).not.toContain("### Releases with database migrations");
  });

  it("tells on-call which pages wake them, as the business-hours routing holds them", async () => {
    const ops = async (name: string) => file(await exampleIncidentPack(name), "ops/OPERATIONS.md");
    expect(await ops(L4)).toContain(
      "Alerts with `severity: page` wake you at any time only for P1; P2, P3 and P4 wait for office hours (Monday to Friday, 09:00 to 17:00 UK time);",
    );
    expect(await ops(L3)).toContain(
      "Alerts with `severity: page` wake you at any time; `severity: ticket` waits",
    );
  });

  it("records the audit trail the analysis found, or says it is missing", async () => {
    const ops = async (name: string) => file(await exampleIncidentPack(name), "ops/OPERATIONS.md");
    expect(await ops(L4)).toContain("The service keeps an audit trail of staff actions");
    expect(await ops(L3)).toContain("The analysis found no audit trail of staff actions.");
  });
});

describe("the compliance matrix", () => {
  it("maps all five frameworks, counts coverage honestly and keeps the profile's own controls", async () => {
    const profile = await exampleProfile(L3);
    const matrix = file(await exampleIncidentPack(L3), "ops/COMPLIANCE.md");
    for (const h of [
      "Service Standard",
      "Technology Code of Practice",
      "WCAG 2.2 level AA",
      "UK GDPR",
      "NCSC Cyber Assessment Framework",
    ])
      expect(matrix).toContain(`## ${h}`);
    const rows = [
      ...matrix.matchAll(/^\| (?!Control|---)[^|]+ \| [^|]+ \| (covered|partly covered|gap) \|/gm),
    ];
    expect(rows.filter((r) => r[0].startsWith("| Point ")).length).toBe(14 + 13);
    const [, covered, partly, gaps] =
      /(\d+) controls are covered, (\d+) partly covered, and (\d+) are gaps/.exec(matrix)!;
    const count = (s: string) => rows.filter((r) => r[1] === s).length;
    expect([Number(covered), Number(partly), Number(gaps)]).toEqual([
      count("covered"),
      count("partly covered"),
      count("gap"),
    ]);
    expect(Number(gaps)).toBeGreaterThan(5);
    for (const c of profile.compliance) for (const by of c.coveredBy) expect(matrix).toContain(prose(by));
    expect(matrix).toMatch(
      /^\| Article 33 \| .* \| covered \| incident response \(\[ops\/incident\/README\.md\]\(incident\/README\.md\)\)/m,
    );
    // Nothing the packs do not write is called covered.
    expect(matrix).toMatch(
      /^\| Point 11 \| Choose the right tools and technology \| gap \| nothing generated \|/m,
    );
  });
});

describe("hostile profile text", () => {
  it("cannot inject headings, tables, links or HTML into the Markdown", async () => {
    const profile: Profile = structuredClone(await exampleProfile(L2));
    const evil =
      "# Heading | cell | [click](javascript:alert(1)) <script>x</script> `tick` *bold* see https://ok.gov.uk/a|b";
    profile.service.title = evil;
    profile.failureModes[0]!.title = evil;
    profile.failureModes[0]!.citizenImpact = evil;
    profile.contacts.escalation = [{ role: evil, name: evil, contact: "ops@example.gov.uk" }];
    // Only this pack's files: the monitoring README escapes with the shared `md` helper, which leaves URLs bare.
    const files = (await renderTextPacks(profile)).filter((f) => !f.path.startsWith("ops/monitoring/"));
    expect(await lintMarkdown(markdown(files))).toEqual([]);
    for (const f of markdown(files)) {
      expect(f.content, f.rel).not.toContain("<script>");
      expect(f.content, f.rel).not.toMatch(/(?<!\\)\]\(javascript:/);
    }
    const runbook = file(files, `ops/runbooks/${profile.failureModes[0]!.id}.md`);
    expect(runbook).toContain("# \\# Heading \\| cell \\| \\[click\\](javascript:alert(1)) \\<script\\>");
    expect(runbook).toContain("<https://ok.gov.uk/a>\\|b");
  });
});

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
      for (const f of someOf(
        files.filter((x) => x.path.startsWith("ops/incident/comms/")),
        "communications draft",
      )) {
        // Only services that use Notify and serve the public get a text message draft.
        const match = /Text message \((\d+) characters, (\d+) fragment/.exec(f.content);
        if (!match) {
          const profile = await exampleProfile(name);
          expect(
            profile.facts.integrations.some((i) => i.kind === "notify") && audienceOf(profile).citizen,
          ).toBe(false);
          continue;
        }
        const [, count, fragments] = match;
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
