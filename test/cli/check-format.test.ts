import { describe, expect, it } from "vitest";
import { annotation, checkReport, formatReport } from "../../src/check/format.js";
import type { CheckResult } from "../../src/check/index.js";
import { locate } from "../../src/check/location.js";
import { markdownValidator } from "../../src/check/validators/markdown.js";
import { validators } from "../../src/check/validators/index.js";
import { fixturePath } from "../helpers.js";

/** A check that found one edited file, one validator problem with a line, a missing tool and a placeholder. */
function result(overrides: Partial<CheckResult> = {}): CheckResult {
  return {
    ok: false,
    problems: [
      { kind: "edited", file: "ops/runbooks/db.md", message: "edited by hand since it was generated" },
      {
        kind: "validator",
        file: "ops/runbooks/db.md",
        line: 5,
        message:
          "markdownlint and internal links: line 5: MD025/single-title/single-h1 Multiple top-level headings",
      },
    ],
    warnings: [],
    validatorsRun: ["markdownlint"],
    skipped: [{ validator: "shellcheck", title: "shellcheck", reason: "shellcheck is not installed" }],
    notes: [{ validator: "placeholders", file: "ops/OPERATIONS.md", line: 11, message: "1 placeholder(s)" }],
    kept: [],
    ...overrides,
  };
}

const clean = () => result({ ok: true, problems: [], notes: [] });

describe("check --strict", () => {
  it("a missing validator is a warning by default and fails the check under --strict", () => {
    expect(checkReport(clean()).ok).toBe(true);
    const strict = checkReport(clean(), { strict: true });
    expect(strict.ok).toBe(false);
    expect(strict.findings).toEqual([
      expect.objectContaining({
        level: "error",
        rule: "validator-missing",
        message: expect.stringMatching(/^shellcheck did not run: shellcheck is not installed$/),
      }),
    ]);
    expect(formatReport(clean(), strict, "text")).toMatch(
      /^1 problem\(s\):\n {2}skipped {3}: shellcheck did not run/,
    );
    expect(checkReport(result({ ok: true, problems: [], skipped: [] }), { strict: true }).ok).toBe(true);
  });
});

describe("check --format text", () => {
  it("names the file and line of each problem", () => {
    const text = formatReport(result(), checkReport(result()), "text");
    expect(text.split("\n")).toEqual([
      "2 problem(s):",
      "  edited    ops/runbooks/db.md: edited by hand since it was generated",
      "  validator ops/runbooks/db.md:5: markdownlint and internal links: line 5: MD025/single-title/single-h1 Multiple top-level headings",
      "",
    ]);
  });
});

describe("check --format sarif", () => {
  const sarif = (r = result(), base = "") =>
    JSON.parse(formatReport(r, checkReport(r, { strict: true }), "sarif", base)).runs[0];

  it("is one SARIF 2.1.0 run by govops with a rule for every validator", () => {
    const doc = JSON.parse(formatReport(result(), checkReport(result()), "sarif"));
    expect(doc.version).toBe("2.1.0");
    const run = doc.runs[0];
    expect(run.tool.driver.name).toBe("govops");
    const ids = run.tool.driver.rules.map((r: { id: string }) => r.id);
    expect(ids).toEqual(
      expect.arrayContaining([...validators.map((v) => v.id), "edited", "drift", "missing"]),
    );
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("gives each result its rule, file and line, relative to where the command runs", () => {
    const run = sarif(result(), "services/api");
    const [edited, lint] = run.results;
    expect(run.tool.driver.rules[lint.ruleIndex].id).toBe("markdownlint");
    expect(lint).toMatchObject({
      ruleId: "markdownlint",
      level: "error",
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: "services/api/ops/runbooks/db.md" },
            region: { startLine: 5 },
          },
        },
      ],
    });
    expect(edited.ruleId).toBe("edited");
    expect(edited.locations[0].physicalLocation.region).toBeUndefined();
    expect(run.results[2]).toMatchObject({ ruleId: "placeholders", level: "warning" });
  });

  it("reports a missing validator as a tool notification, an error under --strict", () => {
    expect(sarif().invocations[0].toolConfigurationNotifications).toEqual([
      {
        descriptor: { id: "validator-missing" },
        level: "error",
        message: { text: "shellcheck did not run: shellcheck is not installed" },
      },
    ]);
    expect(sarif().results.map((r: { ruleId: string }) => r.ruleId)).not.toContain("validator-missing");
  });

  it("percent-encodes file names in URIs", () => {
    const r = result({
      problems: [{ kind: "drift", file: "ops/run books/a#1.md", message: "out of date" }],
      notes: [],
    });
    expect(sarif(r).results[0].locations[0].physicalLocation.artifactLocation.uri).toBe(
      "ops/run%20books/a%231.md",
    );
  });
});

describe("check --format github", () => {
  it("prints one annotation per finding with file and line, then a summary", () => {
    const lines = formatReport(result(), checkReport(result()), "github", "svc").trimEnd().split("\n");
    expect(lines).toEqual([
      "::error file=svc/ops/runbooks/db.md,title=govops edited::edited by hand since it was generated",
      "::error file=svc/ops/runbooks/db.md,line=5,title=govops markdownlint::markdownlint and internal links: line 5: MD025/single-title/single-h1 Multiple top-level headings",
      "::warning title=govops validator-missing::shellcheck did not run: shellcheck is not installed",
      "::warning file=svc/ops/OPERATIONS.md,line=11,title=govops placeholders::1 placeholder(s)",
      "2 problem(s)",
    ]);
  });

  it("escapes data and properties the way GitHub's toolkit does", () => {
    const line = annotation({
      level: "error",
      rule: "drift",
      kind: "drift",
      file: "ops/a,b:c%.md",
      line: 3,
      message: "100% broken\r\nsecond line: a, b",
    });
    expect(line).toBe(
      "::error file=ops/a%2Cb%3Ac%25.md,line=3,title=govops drift::100%25 broken%0D%0Asecond line: a, b",
    );
    expect(line.split("\n")).toHaveLength(1);
  });
});

describe("the line a validator's message points at", () => {
  it("is read from markdownlint's own finding on a fixture", async () => {
    const dir = fixturePath("cli", "markdown-second-title");
    const found = await markdownValidator.run([{ rel: "RUNBOOK.md", abs: `${dir}/RUNBOOK.md` }]);
    const md025 = found.problems?.find((p) => /MD025/.test(p.message));
    expect(md025, JSON.stringify(found)).toBeDefined();
    expect(locate(md025!.message)).toBe(5);
  });

  it.each([
    ["12:5 [syntax-check] unexpected key", 12],
    ["3:1: [error] wrong indentation (indentation)", 3],
    ["line 7:3: SC2086 Double quote to prevent globbing", 7],
    ['2 placeholder(s) to fill in, on line(s) 40, 52; first: "TO DO"', 40],
    [".github/workflows/ci.yml (Line: 9, Col: 7): Unexpected value 'bogus'", 9],
  ])("%s", (message, line) => expect(locate(message)).toBe(line));

  it("is none for an inline script's line or a message without one", () => {
    expect(locate('job "build" step 2: line 3:1: SC2086 Double quote')).toBeUndefined();
    expect(locate("broken link to a.md: ops/a.md does not exist")).toBeUndefined();
  });
});
