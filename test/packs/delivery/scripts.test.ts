import { chmod, copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Profile } from "../../../src/profile/schema.js";
import { renderProfile } from "../../../src/packs/index.js";
import { exampleProfile, fixturePath } from "../../helpers.js";
import { writeFiles } from "./pack.js";

let dir: string;
let bin: string;

/** The PQ tracker's profile, with freeze windows that cross the new year, a one-off calendar date and a backwards one. */
async function profileWithWindows(): Promise<Profile> {
  const profile = structuredClone(await exampleProfile("level-4-pq-tracker"));
  const period = (id: string, start: string, end: string) => ({
    id,
    name: `Test ${id}`,
    start,
    end,
    description: "",
    provenance: { source: "user" as const },
  });
  profile.changeFreezes.push(
    period("winter", "12-22", "01-05"),
    period("election", "2026-05-01", "2026-05-03"),
    // A stale profile written before dates were checked: calendar dates that run backwards match no day.
    period("backwards", "2026-12-20", "2026-01-05"),
  );
  return profile;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "govops-scripts-"));
  await writeFiles(dir, await renderProfile(await profileWithWindows(), { ciPlatform: "github" }));
  bin = path.join(dir, "stub-bin");
  await mkdir(bin);
  for (const tool of ["psql", "npx"]) {
    await copyFile(fixturePath("delivery", "stub-bin", tool), path.join(bin, tool));
    await chmod(path.join(bin, tool), 0o755);
  }
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const run = (script: string, args: string[], env: Record<string, string> = {}, cwd = dir) =>
  execa(path.join(dir, "ops/delivery/scripts", script), args, {
    cwd,
    reject: false,
    env: { ...env, PATH: `${bin}:${process.env.PATH}` },
  });

describe("change-freeze gate", () => {
  it.each([
    ["2026-12-31", "change freeze: Test winter (12-22 to 01-05)"],
    ["2027-01-03", "change freeze: Test winter (12-22 to 01-05)"],
    ["2026-05-02", "change freeze: Test election (2026-05-01 to 2026-05-03)"],
  ])("refuses to deploy on %s and records why", async (date, window) => {
    const result = await run("change-freeze.sh", [], { FREEZE_DATE: date });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain("Deployment refused");
    const decision = JSON.parse(await readFile(path.join(dir, "freeze-decision.json"), "utf8"));
    expect(decision).toEqual({ date, frozen: true, windows: [window], override: null });
  });

  // 07-12 and 09-05 fall in the archetype's parliamentary calendar: suggestions, not gates, until the team adopts them.
  it.each(["2026-06-01", "2026-12-21", "2027-01-06", "2027-05-02", "2026-07-12", "2026-09-05"])(
    "lets %s through",
    async (date) => {
      const result = await run("change-freeze.sh", [], { FREEZE_DATE: date });
      expect(result.exitCode).toBe(0);
      const decision = JSON.parse(await readFile(path.join(dir, "freeze-decision.json"), "utf8"));
      expect(decision).toMatchObject({ frozen: false, windows: [], override: null });
    },
  );

  it("deploys inside a freeze with an emergency override, and records the reason", async () => {
    const reason = `Fix for "incident" 42; it can't wait`;
    const result = await run("change-freeze.sh", [], {
      FREEZE_DATE: "2026-12-30",
      EMERGENCY_OVERRIDE_REASON: reason,
    });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain("emergency override");
    const decision = JSON.parse(await readFile(path.join(dir, "freeze-decision.json"), "utf8"));
    expect(decision.override).toEqual({ reason });
  });
});

describe("deployment record", () => {
  it("says who deployed what, when, with which checks and the freeze decision", async () => {
    await run("change-freeze.sh", [], { FREEZE_DATE: "2026-12-30", EMERGENCY_OVERRIDE_REASON: "P1 fix" });
    const result = await run("deployment-record.sh", [], {
      DEPLOY_ACTOR: "octocat",
      DEPLOY_COMMIT: "abc123",
      DEPLOY_ARTIFACT: "ghcr.io/dept/pq@sha256:1234",
      DEPLOY_OUTCOME: "success",
      GATES_RESULT: "success",
      DEPLOY_CHECKS: "staging=success\nproduction=success\n",
    });
    expect(result.exitCode).toBe(0);
    const record = JSON.parse(await readFile(path.join(dir, "deployment-record.json"), "utf8"));
    expect(record).toMatchObject({
      service: "pq-tracker",
      who: "octocat",
      what: { commit: "abc123", artifact: "ghcr.io/dept/pq@sha256:1234" },
      strategy: "canary",
      outcome: "success",
      changeFreeze: { frozen: true, override: { reason: "P1 fix" } },
    });
    expect(Date.parse(record.when)).toBeGreaterThan(0);
    expect(record.checks).toMatchObject({
      codeql: "success",
      "secret-scanning": "success",
      "migration-safety": "success",
      "personal-data-inventory": "success",
      staging: "success",
      production: "success",
    });
  });
});

describe("migration safety", () => {
  const db = () => path.join(dir, "db");
  const rows = (table: string, lines: string[]) =>
    writeFile(path.join(db(), `${table}.rows`), lines.join("\n") + "\n");

  beforeAll(async () => {
    await mkdir(db(), { recursive: true });
    await writeFile(
      path.join(db(), "tables"),
      "questions|public.questions|id,text\nsession|public.session|sid\n",
    );
    await rows("questions", ["aaa", "bbb", "ccc"]);
    await rows("session", ["s1", "s2"]);
    const snap = await run("migration-safety.sh", ["snapshot", "snap"], {
      STUB_DB: db(),
      DATABASE_URL: "postgres://x",
    });
    expect(snap.exitCode).toBe(0);
    expect(snap.stdout).toMatch(/questions: 3 rows, checksum [0-9a-f]{32}/);
  });

  const compare = (env: Record<string, string> = {}) =>
    run("migration-safety.sh", ["compare", "snap"], { STUB_DB: db(), DATABASE_URL: "postgres://x", ...env });

  it("passes when rows are added and volatile tables change", async () => {
    await rows("questions", ["aaa", "bbb", "ccc", "ddd"]);
    await rows("session", ["s9"]);
    const result = await compare();
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain("questions: 3 rows before, 4 after, 0 earlier rows missing or changed");
  });

  it("fails when a historical row is lost or changed", async () => {
    await rows("questions", ["aaa", "ccc", "zzz"]);
    const result = await compare();
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain("questions: 3 rows before, 3 after, 1 earlier rows missing or changed");
    expect(result.stderr).toContain("lost or rewrote historical data");
  });

  it("fails when a table or column is gone", async () => {
    await rm(path.join(db(), "questions.rows"));
    const result = await compare();
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain("questions: table or columns gone after the migration");
  });

  it("allows a rewrite that is declared", async () => {
    await rows("questions", ["aaa", "bbb", "changed"]);
    const result = await compare({ MIGRATION_SAFETY_ALLOW_CHANGED: "questions" });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain("allowed: questions");
  });
});

describe("migration check on a branch", () => {
  const repo = () => path.join(dir, "repo");
  const git = (...args: string[]) => execa("git", args, { cwd: repo() });

  beforeAll(async () => {
    await mkdir(path.join(repo(), "migrations"), { recursive: true });
    await git("init", "--quiet");
    await git("config", "user.email", "t@example.com");
    await git("config", "user.name", "Test");
    await writeFile(
      path.join(repo(), "migrations", "001_questions.ts"),
      "export async function up(knex) {}\n",
    );
    await git("add", ".");
    await git("commit", "--quiet", "-m", "base");
  });

  const addMigration = async (name: string, text: string) => {
    await writeFile(path.join(repo(), "migrations", name), text);
    await git("add", ".");
    await git("commit", "--quiet", "-m", name);
    return run("migration-check.sh", [], { MIGRATION_BASE_REF: "HEAD~1" }, repo());
  };

  it("passes a migration that drops only in its down step", async () => {
    const result = await addMigration(
      "002_add.ts",
      "export async function up(knex) {\n  await knex.schema.createTable('drafts', () => {});\n}\n\nexport async function down(knex) {\n  await knex.schema.dropTable('drafts');\n}\n",
    );
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain("Checked 1 new or changed migration(s) in migrations.");
  });

  it("fails a migration that drops a column of historical data", async () => {
    const result = await addMigration(
      "003_drop.ts",
      "export async function up(knex) {\n  await knex.schema.alterTable('questions', (t) => t.dropColumn('text'));\n}\n",
    );
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/migrations\/003_drop\.ts drops or rewrites data:\n {2}line 2:/);
  });

  it("passes a destructive migration that says why", async () => {
    const result = await addMigration(
      "004_drop_temp.sql",
      "-- govops: allow-data-loss temporary import table, copied to questions in 003\nDROP TABLE import_tmp;\n",
    );
    expect(result.exitCode).toBe(0);
  });
});

describe("personal data gate", () => {
  const repo = async (fields: string[]) => {
    const work = await mkdtemp(path.join(tmpdir(), "govops-pd-"));
    const git = (...args: string[]) => execa("git", args, { cwd: work });
    await git("init", "-q", "-b", "main");
    await git("config", "user.email", "t@example.org");
    await git("config", "user.name", "t");
    await mkdir(path.join(work, "src"));
    await writeFile(path.join(work, "src/model.ts"), "export const a = { id: 1 };\n");
    await git("add", ".");
    await git("commit", "-qm", "base");
    await git("update-ref", "refs/remotes/origin/main", "HEAD");
    await writeFile(
      path.join(work, "src/model.ts"),
      fields.map((f) => `export const ${f}Holder = { ${f}: "" };`).join("\n"),
    );
    await git("commit", "-qam", "change");
    return work;
  };
  const inventory = async () =>
    (await exampleProfile("level-4-pq-tracker")).data.personalData.map((p) => p.field);

  it("passes when a change adds only inventoried fields", async () => {
    const fields = await inventory();
    expect(fields.length).toBeGreaterThan(0);
    const work = await repo(fields);
    const result = await run("personal-data-gate.sh", [], { PERSONAL_DATA_BASE_REF: "main" }, work);
    expect(result.stderr).toBe("");
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain(`No new personal data fields outside the inventory`);
  });

  it("fails when a change adds a personal data field missing from the inventory", async () => {
    const work = await repo(["nationalInsuranceNumber"]);
    const result = await run("personal-data-gate.sh", [], { PERSONAL_DATA_BASE_REF: "main" }, work);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain("  + nationalInsuranceNumber (identity)");
    expect(result.stderr).toContain("data.personalData in ops/profile.yaml");
  });

  it("lets a machine's address through, as the analyser does", async () => {
    const work = await repo(["remoteAddress", "homeAddress"]);
    const result = await run("personal-data-gate.sh", [], { PERSONAL_DATA_BASE_REF: "main" }, work);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain("  + homeAddress (contact)");
    expect(result.stderr).not.toContain("remoteAddress");
  });
});
