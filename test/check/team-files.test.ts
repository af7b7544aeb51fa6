import { cp, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkPack } from "../../src/check/index.js";
import { checkReport, formatReport } from "../../src/check/format.js";
import { hardeningFindings, hardeningValidator } from "../../src/check/validators/hardening.js";
import { shellcheckValidator } from "../../src/check/validators/shellcheck.js";
import { yamllintValidator } from "../../src/check/validators/yamllint.js";
import { generatePack } from "../../src/packs/index.js";
import { saveProfile } from "../../src/profile/io.js";
import { exampleProfile, fixturePath, withTempDir } from "../helpers.js";

const FIXTURE = fixturePath("check", "team-owned-files");
/** The team's files, added after the profile was analysed, at paths the pack would otherwise use. */
const TEAM = [".github/CODEOWNERS", ".github/dependabot.yml", ".github/workflows/ci.yml"];

describe("govops check keeps to the files govops wrote", () => {
  it("neither reports drift on nor lints a team file at a path the pack would use", async () => {
    await withTempDir(async (dir) => {
      await cp(FIXTURE, dir, { recursive: true });
      const profilePath = path.join(dir, "ops/profile.yaml");
      const profile = await exampleProfile("level-3-enquiry-service");
      await saveProfile(profilePath, profile);
      const { plan } = await generatePack(profile, { outDir: dir });
      // generate left them alone, so they are the team's files, not the pack's.
      for (const file of TEAM) expect(plan.find((e) => e.path === file)?.action).toMatch(/^skip-/);
      // The team's workflow would fail govops' hardening rules were it linted.
      expect(hardeningFindings(await readFile(path.join(dir, TEAM[2]!), "utf8")).length).toBeGreaterThan(0);

      const result = await checkPack({
        profilePath,
        outDir: dir,
        validators: [hardeningValidator, shellcheckValidator, yamllintValidator],
      });
      expect(result.problems).toEqual([]);
      expect(result.kept).toEqual(TEAM);
      expect(result.validatorsRun).toEqual(
        expect.arrayContaining(["govops-hardening", "shellcheck", "yamllint"]),
      );
      const text = formatReport(result, checkReport(result), "text");
      expect(text).toContain("left alone, not written by govops: .github/CODEOWNERS");
      for (const file of TEAM)
        expect(await readFile(path.join(dir, file), "utf8")).toBe(
          await readFile(path.join(FIXTURE, file), "utf8"),
        );
    });
  });

  it("still lints and drift-checks a file govops wrote, once it is edited", async () => {
    await withTempDir(async (dir) => {
      const profilePath = path.join(dir, "ops/profile.yaml");
      const profile = await exampleProfile("level-3-enquiry-service");
      await saveProfile(profilePath, profile);
      await generatePack(profile, { outDir: dir });
      const workflow = path.join(dir, ".github/workflows/ci.yml");
      await cp(path.join(FIXTURE, ".github/workflows/ci.yml"), workflow);
      const result = await checkPack({ profilePath, outDir: dir, validators: [hardeningValidator] });
      expect(result.kept).toEqual([]);
      const onWorkflow = result.problems.filter((p) => p.file === ".github/workflows/ci.yml");
      expect(onWorkflow.map((p) => p.kind)).toEqual(expect.arrayContaining(["edited", "validator"]));
    });
  });
});
