import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { createEngine } from "../../src/render/engine.js";
import { defuseExpressions, mdText, promLabel, promRegex, yamlString } from "../../src/render/escape.js";
import { renderPack } from "../../src/render/plan.js";
import type { Pack } from "../../src/render/pack.js";
import { exampleProfile, withTempDir } from "../helpers.js";

describe("YAML-safe helpers", () => {
  it.each([
    "yes",
    "null",
    "a: b",
    "- item",
    "# comment",
    "line\nbreak",
    `quote " and ' both`,
    "@at",
    "*alias",
    "{flow}",
    "0777",
    "",
  ])("round-trips %j through YAML", (value) => {
    expect(parse(`key: ${yamlString(value)}`)).toEqual({ key: value });
  });

  it("defuses GitHub expressions and Go template actions in data", () => {
    expect(yamlString("${{ secrets.X }}")).toBe('"${ { secrets.X } }"');
    expect(defuseExpressions("a ${{ b }} {{c}}")).toBe("a ${ { b } } { {c} }");
    expect(defuseExpressions("{{{ range }}}")).not.toMatch(/\{\{|\}\}/);
  });

  it("escapes PromQL label values and regex literals", () => {
    expect(promLabel('a"b\\c')).toBe('a\\"b\\\\c');
    expect(promRegex("/a.b/:id")).toBe("/a\\\\.b/:id");
  });

  it("turns URLs and email addresses into autolinks and nothing else", () => {
    expect(mdText("see https://x.gov.uk/a. or ops@x.gov.uk")).toBe(
      "see <https://x.gov.uk/a>. or <ops@x.gov.uk>",
    );
    expect(mdText("javascript:alert(1) <a href=x>")).toBe("javascript:alert(1) \\<a href=x\\>");
  });

  it("keeps Markdown text from becoming HTML, headings or tables", () => {
    expect(mdText("<script>x</script> | # h")).toBe("\\<script\\>x\\</script\\> \\| \\# h");
  });
});

describe("templates", () => {
  it("a missing field fails loudly with the template name (strict mode)", async () => {
    await withTempDir(async (dir) => {
      await mkdir(path.join(dir, "runbooks"), { recursive: true });
      await writeFile(path.join(dir, "runbooks/runbook.md.hbs"), "# {{fm.noSuchField}}\n");
      const engine = await createEngine([dir]);
      expect(() => engine.render("runbooks/runbook.md.hbs", { fm: {} })).toThrow(
        /Template runbooks\/runbook\.md\.hbs failed: .*noSuchField/,
      );
    });
  });

  it("a team's template replaces the bundled one and is recorded in the manifest entry", async () => {
    await withTempDir(async (dir) => {
      await mkdir(path.join(dir, "runbooks"), { recursive: true });
      await writeFile(path.join(dir, "runbooks/runbook.md.hbs"), "# Our runbook for {{fm.id}}\n");
      const profile = await exampleProfile("level-3-enquiry-service");
      const files = renderPack(profile, await createEngine([dir]), await packsUnderTest());
      const runbook = files.find((f) => f.path === "ops/runbooks/postgres-unavailable.md")!;
      expect(runbook.content).toContain("# Our runbook for postgres-unavailable");
      expect(runbook.entry.templateSource).toBe(dir);
      const workflow = files.find((f) => f.path === ".github/workflows/ci.yml")!;
      expect(workflow.entry.templateSource).toBe("bundled");
    });
  });

  it("a team's pipeline template under the name it had before packs (github/) still replaces the bundled one", async () => {
    await withTempDir(async (dir) => {
      await mkdir(path.join(dir, "github"), { recursive: true });
      await writeFile(path.join(dir, "github/dependabot.yml.hbs"), "version: 2\nupdates: []\n");
      const profile = await exampleProfile("level-3-enquiry-service");
      const files = renderPack(profile, await createEngine([dir]), await packsUnderTest());
      const dependabot = files.find((f) => f.path === ".github/dependabot.yml")!;
      expect(dependabot.content).toContain("updates: []");
      expect(dependabot.entry).toMatchObject({
        template: "delivery/github/dependabot.yml.hbs",
        templateSource: dir,
      });
    });
  });

  it("a template that produces broken YAML is refused before anything is written", async () => {
    await withTempDir(async (dir) => {
      await mkdir(path.join(dir, "bad"), { recursive: true });
      await writeFile(path.join(dir, "bad/x.yml.hbs"), "key: [unclosed\n");
      const target: Pack = {
        id: "bad",
        title: "bad",
        outputs: () => [
          { path: "x.yml", template: "bad/x.yml.hbs", context: {}, format: "yaml", kind: "owned" },
        ],
      };
      const profile = await exampleProfile("level-3-enquiry-service");
      const engineSync = await createEngine([dir]);
      expect(() => renderPack(profile, engineSync, [target])).toThrow(
        /Rendering x\.yml from bad\/x\.yml\.hbs produced invalid yaml/,
      );
    });
  });
});

async function packsUnderTest() {
  return (await import("../../src/packs/index.js")).packs;
}
