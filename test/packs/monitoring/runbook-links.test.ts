import { describe, expect, it } from "vitest";
import { repositoryWebUrl, runbookLink } from "../../../src/packs/monitoring/links.js";
import type { Profile } from "../../../src/profile/schema.js";
import { exampleProfile } from "../../helpers.js";

const withService = (profile: Profile, service: Partial<Profile["service"]>): Profile => ({
  ...profile,
  service: { ...profile.service, ...service },
});

describe("absolute runbook_url", () => {
  it("reads the repository forms package.json uses", () => {
    expect(repositoryWebUrl("git+https://github.com/alphagov/forms.git")).toBe(
      "https://github.com/alphagov/forms",
    );
    expect(repositoryWebUrl("git@github.com:DFE-Digital/apply.git")).toBe(
      "https://github.com/DFE-Digital/apply",
    );
    expect(repositoryWebUrl("github:ministryofjustice/pq")).toBe("https://github.com/ministryofjustice/pq");
    expect(repositoryWebUrl("https://gitlab.com/team/group/app/-/tree/main")).toBe(
      "https://gitlab.com/team/group/app",
    );
    expect(repositoryWebUrl("ssh://git@gitlab.example.gov.uk/ops/app.git")).toBe(
      "https://gitlab.example.gov.uk/ops/app",
    );
    expect(repositoryWebUrl("https://bitbucket.org/team/app")).toBeUndefined();
    expect(repositoryWebUrl("not a url")).toBeUndefined();
  });

  it("links to the published runbooks, else the default branch, else an explicit TO DO", async () => {
    const profile = await exampleProfile("level-1-forms-service");
    const fm = profile.failureModes[0]!.id;
    expect(
      runbookLink(withService(profile, { runbookBaseUrl: "https://runbooks.example.gov.uk/" }), fm),
    ).toBe(`https://runbooks.example.gov.uk/ops/runbooks/${fm}.md`);
    expect(
      runbookLink(withService(profile, { repositoryUrl: "git+https://github.com/org/app.git" }), fm),
    ).toBe(`https://github.com/org/app/blob/HEAD/ops/runbooks/${fm}.md`);
    expect(runbookLink(withService(profile, { repositoryUrl: "https://gitlab.com/org/app" }), fm)).toBe(
      `https://gitlab.com/org/app/-/blob/HEAD/ops/runbooks/${fm}.md`,
    );
    for (const unknown of [undefined, "https://bitbucket.org/org/app"]) {
      const link = runbookLink(withService(profile, { runbookBaseUrl: "", repositoryUrl: unknown }), fm);
      expect(link).toMatch(/^TO DO: /);
      expect(link).toContain(`ops/runbooks/${fm}.md`);
    }
  });
});
