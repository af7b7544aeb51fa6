import { readFile } from "node:fs/promises";
import path from "node:path";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import {
  citizenSections,
  cloudsFound,
  codeBlocks,
  coveredWithoutFile,
  foreignCloudCommands,
  undefinedVariables,
} from "../../corpus/pack-audit-rules.mjs";
import { ROOT, fixturePath } from "../helpers.js";

const PACK = fixturePath("corpus", "pack-audit", "staff-pack");
const text = (rel: string) => readFile(path.join(PACK, rel), "utf8");
const RUNBOOK = "ops/runbooks/database-unavailable.md";

describe("pack audit rules", () => {
  it("reads code blocks indented under list items", async () => {
    const blocks = codeBlocks(await text(RUNBOOK));
    expect(blocks.map((b) => b.lang)).toEqual(["sh", "sh", "sh", "sh"]);
    expect(blocks[0]!.lines).toEqual(['pg_isready -h "$DB_HOST" -d "$DB_NAME"']);
  });

  it("counts variables neither read by the service nor defined earlier in the runbook", async () => {
    const env = new Set(["DB_HOST", "DB_NAME", "CASE_API_URL"]);
    expect(undefinedVariables(await text(RUNBOOK), env)).toEqual(["REPORTS_URL", "EVIDENCE_CONTAINER"]);
    // Used before it is defined: still undefined where it is used.
    expect(undefinedVariables("```sh\necho $TOKEN\nTOKEN=abc\necho $TOKEN\n```\n", new Set())).toEqual([
      "TOKEN",
    ]);
    expect(undefinedVariables("```yaml\nurl: $NOT_SHELL\n```\n", new Set())).toEqual([]);
  });

  it("finds the clouds from clients, datastores, variables and deploy files", () => {
    const base = { datastores: [], integrations: [], envVars: [] };
    expect(
      cloudsFound({ ...base, datastores: [{ kind: "azure-blob", client: "@azure/storage-blob" }] }),
    ).toEqual(["azure"]);
    expect(
      cloudsFound({ ...base, datastores: [{ kind: "dynamodb", client: "@aws-sdk/lib-dynamodb" }] }),
    ).toEqual(["aws"]);
    expect(cloudsFound({ ...base, envVars: [{ name: "GOOGLE_CLOUD_PROJECT" }] })).toEqual(["gcp"]);
    expect(cloudsFound({ ...base, deployFiles: [{ kind: "serverless" }] })).toEqual(["aws"]);
    expect(cloudsFound({ ...base, datastores: [{ kind: "postgres", client: "pg" }] })).toEqual([]);
  });

  it("flags cloud commands for a cloud the service does not use", async () => {
    const found = foreignCloudCommands(await text(RUNBOOK), ["azure"]);
    expect(found).toEqual([{ cli: "aws", line: 'aws s3api head-bucket --bucket "$DB_NAME"' }]);
    expect(foreignCloudCommands(await text(RUNBOOK), ["azure", "aws"])).toEqual([]);
  });

  it("names the citizen sections of a comms draft", async () => {
    expect(citizenSections(await text("ops/incident/comms/outage.md"))).toEqual([
      "Status page",
      "Service banner",
    ]);
    expect(citizenSections(await text("ops/incident/comms/security.md"))).toEqual([]);
  });

  it("flags covered rows whose named file does not exist, and partly covered rows that name none", async () => {
    const exists = (rel: string) => rel === "incident/README.md";
    expect(coveredWithoutFile(await text("ops/COMPLIANCE.md"), exists)).toEqual(["Point 9", "Point 10"]);
  });
});

describe("npm run corpus:pack", () => {
  it("prints the counts of a pack as JSON, with staff-only drafts held to internal comms", async () => {
    const run = await execa(
      "node",
      [path.join(ROOT, "corpus/pack-audit.mjs"), "--json", "--audience", "staff", PACK],
      {
        reject: false,
      },
    );
    expect(run.exitCode, run.stderr).toBe(0);
    const [result] = JSON.parse(String(run.stdout));
    expect(result).toMatchObject({
      service: "staff-pack",
      audience: "staff",
      clouds: ["azure"],
      counts: {
        undefinedVariables: 2,
        foreignCloudCli: 1,
        citizenDraftsOnStaffOnly: 2,
        publicWithoutCitizenDrafts: 0,
        coveredWithoutFile: 2,
        markdownlint: 0,
      },
    });
  });

  it("does not count citizen drafts on a public service, and exits 2 on a tree with no pack", async () => {
    const run = await execa(
      "node",
      [
        path.join(ROOT, "corpus/pack-audit.mjs"),
        "--json",
        "--audience",
        "public",
        PACK,
        path.join(PACK, "ops"),
      ],
      { reject: false },
    );
    expect(run.exitCode).toBe(2);
    expect(String(run.stderr)).toMatch(/has no ops\/manifest\.json/);
    expect(JSON.parse(String(run.stdout))[0].counts).toMatchObject({
      citizenDraftsOnStaffOnly: 0,
      publicWithoutCitizenDrafts: 0,
    });
  });

  it("counts a public service whose drafts hold no citizen section", async () => {
    const run = await execa(
      "node",
      [
        path.join(ROOT, "corpus/pack-audit.mjs"),
        "--json",
        "--audience",
        "public",
        fixturePath("corpus", "pack-audit", "public-pack-internal-drafts"),
      ],
      { reject: false },
    );
    expect(run.exitCode, String(run.stderr)).toBe(0);
    expect(JSON.parse(String(run.stdout))[0].counts).toMatchObject({
      publicWithoutCitizenDrafts: 1,
      citizenDraftsOnStaffOnly: 0,
    });
  });
});
