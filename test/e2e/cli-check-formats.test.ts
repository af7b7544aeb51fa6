import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { examplePath } from "../helpers.js";
import { BIN, copyService } from "./run-cli.js";

/**
 * `check` on a generated pack, run by the built binary with a PATH that holds only node: promtool, amtool,
 * shellcheck and yamllint are missing, as on a laptop without them; the JavaScript validators still run.
 */
let tmp: string;
let service: string;
let generated: { code?: number; stdout: string; stderr: string };
const RUNBOOK = "ops/runbooks/case-api-unavailable.md";

async function govops(args: string[], env: Record<string, string> = {}) {
  // The test sets colour itself: a FORCE_COLOR in the environment would win over NO_COLOR.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== "FORCE_COLOR"));
  const result = await execa(process.execPath, [BIN, ...args], {
    cwd: tmp,
    reject: false,
    extendEnv: false,
    env: { ...inherited, NO_COLOR: "1", PATH: path.join(tmp, "bin"), ...env },
    stdin: "ignore",
  });
  return { code: result.exitCode, stdout: String(result.stdout), stderr: String(result.stderr) };
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "govops-check-formats-"));
  await mkdir(path.join(tmp, "bin"));
  await symlink(process.execPath, path.join(tmp, "bin", "node"));
  service = await copyService(examplePath("level-1-forms-service"), path.join(tmp, "svc"));
  generated = await govops(["generate", "svc"]);
});

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe("generate", () => {
  it("ends with the next steps, on stderr", () => {
    expect(generated.code, generated.stderr).toBe(0);
    expect(generated.stdout).not.toMatch(/Next steps/);
    expect(generated.stderr).toMatch(
      /Next steps:\n {2}1\. Review the changes: git status and git diff\n {2}2\. Commit .*\n {2}3\. Run `govops check svc`.*\n {2}4\. Fill in the TO DO placeholders/,
    );
  });

  it("ends with the one before-go-live checklist of what is still open, numbered in order", async () => {
    const tail = generated.stderr.split("Before go-live, still open")[1]!;
    const goLive = await readFile(path.join(service, "ops/GO-LIVE.md"), "utf8");
    const inPack = [...goLive.matchAll(/^\d+\. (.*)$/gm)].map((m) => m[1]!);
    const printed = [...tail.matchAll(/^ {2}(\d+)\. (.*)$/gm)];
    expect(printed.map((m) => Number(m[1]))).toEqual(inPack.map((_, i) => i + 1));
    expect(printed[0]![2]).toMatch(
      /^Name who is called when it breaks: .*`contacts\.escalation` in govops\.config\.yaml/,
    );
    expect(generated.stderr.trimEnd().endsWith(printed.at(-1)![0])).toBe(true);
    expect(generated.stdout).not.toContain("Before go-live");
  });

  it("--json keeps stderr silent, and carries the checklist in the data", async () => {
    const { code, stdout, stderr } = await govops(["generate", "svc", "--dry-run", "--json"]);
    expect(code).toBe(0);
    const data = JSON.parse(stdout);
    expect(data.dryRun).toBe(true);
    expect(data.beforeGoLive.length).toBeGreaterThan(1);
    expect(generated.stderr).toContain(`  1. ${data.beforeGoLive[0]}`);
    expect(stderr).toBe("");
  });
});

describe("check on a fresh pack with validators missing", () => {
  it("passes with a warning per missing validator, coloured under FORCE_COLOR", async () => {
    const { code, stdout, stderr } = await govops(["check", "svc"], { FORCE_COLOR: "1" });
    expect(code, stdout + stderr).toBe(0);
    expect(stdout).toMatch(/^Pack is valid and up to date \(validators: .*markdownlint/);
    expect(stderr).toContain(
      "\x1b[33mwarning\x1b[39m promtool check rules did not run: promtool is not installed",
    );
    expect(stderr).toMatch(/shellcheck did not run/);
  });

  it("fails under --strict, naming each one; --no-color wins over FORCE_COLOR", async () => {
    const { code, stdout, stderr } = await govops(["check", "svc", "--strict", "--no-color"], {
      FORCE_COLOR: "1",
    });
    expect(code).toBe(1);
    expect(stdout).toMatch(/^\d+ problem\(s\):\n/);
    expect(stdout).toMatch(/ {2}skipped {3}: promtool check rules did not run: promtool is not installed/);
    expect(stdout).toMatch(/ {2}skipped {3}: yamllint did not run/);
    expect(stdout + stderr).not.toContain("\x1b");
  });
});

describe("check on a pack with a hand edit that breaks the Markdown", () => {
  let line: number;

  beforeAll(async () => {
    const file = path.join(service, RUNBOOK);
    const text = await readFile(file, "utf8");
    await writeFile(file, `${text.trimEnd()}\n\n# A second title added by hand\n`);
    line = text.trimEnd().split("\n").length + 2;
  });

  it("--format sarif gives SARIF 2.1.0 with the file and line, and nothing on stderr", async () => {
    const { code, stdout, stderr } = await govops(["check", "svc", "--format", "sarif"]);
    expect(code).toBe(1);
    expect(stderr).toBe("");
    const sarif = JSON.parse(stdout);
    expect(sarif.version).toBe("2.1.0");
    const run = sarif.runs[0];
    expect(run.tool.driver.name).toBe("govops");
    const md025 = run.results.find((r: { message: { text: string } }) => /MD025/.test(r.message.text));
    expect(md025).toMatchObject({
      ruleId: "markdownlint",
      level: "error",
      locations: [
        { physicalLocation: { artifactLocation: { uri: `svc/${RUNBOOK}` }, region: { startLine: line } } },
      ],
    });
    expect(run.results).toContainEqual(expect.objectContaining({ ruleId: "edited", level: "error" }));
    const missing = run.invocations[0].toolConfigurationNotifications.map((n: { level: string }) => n.level);
    expect(missing.length).toBeGreaterThan(0);
    expect(new Set(missing)).toEqual(new Set(["warning"]));
  });

  it("--format github annotates the line", async () => {
    const { code, stdout, stderr } = await govops(["check", "svc", "--format", "github"]);
    expect(code).toBe(1);
    expect(stderr).toBe("");
    expect(stdout.split("\n")).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^::error file=svc/${RUNBOOK.replace(/\./g, "\\.")},line=${line},title=govops markdownlint::.*MD025`,
        ),
      ),
    );
    expect(stdout).toMatch(/^::warning title=govops validator-missing::shellcheck did not run/m);
    expect(stdout.trimEnd().split("\n").at(-1)).toMatch(/^\d+ problem\(s\)$/);
  });

  it("--json is --format json: the result alone, with the line", async () => {
    const { code, stdout, stderr } = await govops(["check", "svc", "--json"]);
    expect(code).toBe(1);
    expect(stderr).toBe("");
    const json = JSON.parse(stdout);
    expect(json).toMatchObject({ ok: false, strict: false });
    expect(json.problems).toContainEqual(expect.objectContaining({ kind: "validator", file: RUNBOOK, line }));
  });
});
