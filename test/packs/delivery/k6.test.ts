import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXAMPLES, ROOT, examplePack, fixturePath } from "../../helpers.js";
import { writeFiles } from "./pack.js";

/** Type-checks k6 scripts against @types/k6, as `tsc --allowJs --checkJs --types k6` would. */
function typeErrors(files: string[]): string[] {
  const program = ts.createProgram(files, {
    allowJs: true,
    checkJs: true,
    noEmit: true,
    strict: true,
    target: ts.ScriptTarget.ES2020,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    types: ["k6"],
    typeRoots: [path.join(ROOT, "node_modules/@types")],
  });
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file
      ? `${d.file.fileName}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}`
      : "";
    return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
  });
}

describe("k6 scripts", () => {
  let dir: string;
  const scripts: string[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "govops-k6-"));
    for (const example of EXAMPLES) {
      const files = (await examplePack(example, "github")).filter(
        (f) => f.path === "ops/delivery/k6/journeys.js",
      );
      await writeFiles(path.join(dir, example), files);
      if (files.length) scripts.push(path.join(dir, example, "ops/delivery/k6/journeys.js"));
    }
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  // One program for all: a broken script beside the generated ones shows the check can fail.
  it("of all five examples type-check against @types/k6; a script that misuses the API does not", () => {
    expect(scripts).toHaveLength(EXAMPLES.length);
    const broken = fixturePath("delivery", "k6-broken", "journeys.js");
    const errors = typeErrors([...scripts, broken]);
    expect(errors.filter((e) => !e.startsWith(broken))).toEqual([]);
    expect(errors.join("\n")).toMatch(/k6-broken\/journeys\.js:5 .*Stage\[\]/);
    expect(errors.join("\n")).toMatch(/k6-broken\/journeys\.js:9 .*number/);
  });
});
