import { rm } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkPack } from "../../src/check/index.js";
import { markdownValidator } from "../../src/check/validators/markdown.js";
import { placeholderValidator } from "../../src/check/validators/placeholders.js";
import { saveProfile } from "../../src/profile/io.js";
import { generatePack } from "../../src/packs/index.js";
import { exampleProfile, withTempDir } from "../helpers.js";

const validators = [markdownValidator, placeholderValidator];

describe("govops check on the incident pack", () => {
  it("passes a fresh pack, warns about placeholders, and fails on a broken link", async () => {
    await withTempDir(async (dir) => {
      const profilePath = path.join(dir, "ops/profile.yaml");
      const profile = await exampleProfile("level-3-enquiry-service");
      await saveProfile(profilePath, profile);
      await generatePack(profile, { outDir: dir });

      const clean = await checkPack({ profilePath, outDir: dir, validators });
      expect(clean.problems).toEqual([]);
      expect(clean.validatorsRun).toEqual(["markdownlint", "placeholders"]);
      expect(clean.warnings).toContainEqual(
        expect.stringMatching(/^ops\/incident\/README\.md: 7 placeholder\(s\)/),
      );

      await rm(path.join(dir, "ops/incident/postmortem.md"));
      const broken = await checkPack({ profilePath, outDir: dir, validators });
      expect(broken.ok).toBe(false);
      expect(broken.problems).toContainEqual({
        kind: "validator",
        file: "ops/incident/README.md",
        message:
          "markdownlint and internal links: broken link to postmortem.md: ops/incident/postmortem.md does not exist",
      });
    });
  });
});
