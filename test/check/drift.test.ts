import { createHash } from "node:crypto";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkPack } from "../../src/check/index.js";
import { generatePack } from "../../src/packs/index.js";
import { saveProfile } from "../../src/profile/io.js";
import { exampleProfile, withTempDir } from "../helpers.js";

const RUNBOOK = "ops/runbooks/old-failure-mode.md";

/** check and generate read drift from one plan: what generate would change is what check reports. */
describe("govops check drift", () => {
  it("reports missing, stale, edited and orphaned owned files, and nothing on a fresh pack", async () => {
    await withTempDir(async (dir) => {
      const profilePath = path.join(dir, "ops/profile.yaml");
      const profile = await exampleProfile("level-3-enquiry-service");
      await saveProfile(profilePath, profile);
      const { manifest } = await generatePack(profile, { outDir: dir });
      const drift = async () =>
        (await checkPack({ profilePath, outDir: dir, validators: [] })).problems.map((p) => [p.kind, p.file]);
      expect(await drift()).toEqual([]);

      // An owned file generated earlier that the profile no longer produces, still as govops wrote it.
      const orphan = "# generated earlier\n";
      await mkdir(path.join(dir, "ops/runbooks"), { recursive: true });
      await writeFile(path.join(dir, RUNBOOK), orphan);
      manifest!.files.push({
        path: RUNBOOK,
        kind: "owned",
        template: "runbooks/runbook.md.hbs",
        templateSource: "bundled",
        templateSha256: "0",
        sha256: createHash("sha256").update(orphan).digest("hex"),
      });
      await writeFile(path.join(dir, "ops/manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);

      const readme = path.join(dir, "ops/incident/README.md");
      await writeFile(readme, `${await readFile(readme, "utf8")}\nA note added by hand.\n`);
      const rules = "ops/monitoring/slo-rules.yml";
      await writeFile(path.join(dir, rules), "");
      await rm(path.join(dir, "ops/OPERATIONS.md"));

      expect(await drift()).toEqual(
        expect.arrayContaining([
          ["orphan", RUNBOOK],
          ["edited", "ops/incident/README.md"],
          ["edited", rules],
          ["missing", "ops/OPERATIONS.md"],
        ]),
      );
      expect((await drift()).length).toBe(4);

      // generate removes the orphan it owns, and check is clean again once the hand edits are undone.
      await writeFile(path.join(dir, rules), "");
      const again = await generatePack(profile, { outDir: dir, force: true });
      expect(again.plan.find((e) => e.path === RUNBOOK)).toMatchObject({ action: "delete", cause: "orphan" });
      expect(await drift()).toEqual([]);
    });
  });

  it("reports a stale file that govops wrote and nobody edited as drift", async () => {
    await withTempDir(async (dir) => {
      const profilePath = path.join(dir, "ops/profile.yaml");
      const profile = await exampleProfile("level-3-enquiry-service");
      await generatePack(profile, { outDir: dir });
      const changed = { ...profile, service: { ...profile.service, title: "A renamed service" } };
      await saveProfile(profilePath, changed);
      const problems = (await checkPack({ profilePath, outDir: dir, validators: [] })).problems;
      expect(problems.length).toBeGreaterThan(0);
      expect(new Set(problems.map((p) => p.kind))).toEqual(new Set(["drift"]));
      expect(problems.map((p) => p.file)).toContain("ops/OPERATIONS.md");
    });
  });
});
