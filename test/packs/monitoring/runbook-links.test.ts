import { cp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { analyseService } from "../../../src/index.js";
import { repositoryWebUrl, runbookLink } from "../../../src/packs/monitoring/links.js";
import type { Profile } from "../../../src/profile/schema.js";
import { exampleProfile, fixturePath, withTempDir } from "../../helpers.js";

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

describe("runbook_url base found by analysis", () => {
  it("comes from package.json's repository, else the git origin remote, else none", async () => {
    const fixture = fixturePath("monitoring", "helm-ingress-permits");
    const { profile } = await analyseService(fixture, { write: false });
    expect(profile.service.repositoryUrl).toBe("github:example-dept/permits");
    expect(runbookLink(profile, "permits-slo-burn")).toBe(
      "https://github.com/example-dept/permits/blob/HEAD/ops/runbooks/permits-slo-burn.md",
    );
    await withTempDir(async (dir) => {
      await cp(fixture, dir, { recursive: true });
      const pkg = JSON.parse(await readFile(path.join(dir, "package.json"), "utf8")) as Record<
        string,
        unknown
      >;
      delete pkg.repository;
      await writeFile(path.join(dir, "package.json"), JSON.stringify(pkg));
      await mkdir(path.join(dir, ".git"));
      await writeFile(
        path.join(dir, ".git", "config"),
        '[core]\n\tbare = false\n[remote "origin"]\n\turl = git@gitlab.com:example-dept/permits.git\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n',
      );
      const fromGit = (await analyseService(dir, { write: false })).profile;
      expect(fromGit.service.repositoryUrl).toBe("git@gitlab.com:example-dept/permits.git");
      expect(runbookLink(fromGit, "x")).toBe(
        "https://gitlab.com/example-dept/permits/-/blob/HEAD/ops/runbooks/x.md",
      );
      await rm(path.join(dir, ".git"), { recursive: true });
      const none = (await analyseService(dir, { write: false })).profile;
      expect(none.service.repositoryUrl).toBeUndefined();
    });
  });
});
