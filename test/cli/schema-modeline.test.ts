import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseDocument } from "yaml";
import { describe, expect, it } from "vitest";
import { addSchemaModeline, SHIPPED_CONFIG_SCHEMA } from "../../src/cli/schema-modeline.js";
import { ROOT } from "../helpers.js";

const MODELINE = /^# yaml-language-server: \$schema=(\S+)$/m;

describe("the $schema line init writes", () => {
  it("points, relative to the config, at the schema in the package's schema/ folder", async () => {
    expect(SHIPPED_CONFIG_SCHEMA).toBe(path.join(ROOT, "schema", "config.schema.json"));
    const file = path.join(ROOT, "examples", "level-3-enquiry-service", "govops.config.yaml");
    const doc = parseDocument("service:\n  department: D\n");
    addSchemaModeline(doc, file);
    const text = doc.toString();
    expect(text.split("\n")[0]).toMatch(MODELINE);
    const target = MODELINE.exec(text)![1]!;
    expect(target).toBe("../../schema/config.schema.json");
    expect(JSON.parse(await readFile(path.resolve(path.dirname(file), target), "utf8")).type).toBe("object");
  });

  it("reads ./node_modules/govops/… when govops is installed in the project", () => {
    const project = path.join(path.dirname(ROOT), "project-using-govops");
    const installed = path.relative(project, SHIPPED_CONFIG_SCHEMA);
    const doc = parseDocument("{}\n");
    addSchemaModeline(doc, path.join(project, "govops.config.yaml"));
    expect(MODELINE.exec(doc.toString())![1]).toBe(installed.startsWith(".") ? installed : `./${installed}`);
  });

  it("is added once, keeps the comments there, and leaves a modeline a person wrote", () => {
    const doc = parseDocument("# Our decisions\n\nservice:\n  department: D\n");
    addSchemaModeline(doc, "/srv/app/govops.config.yaml");
    addSchemaModeline(doc, "/srv/app/govops.config.yaml");
    const text = doc.toString();
    expect(text.match(/yaml-language-server/g)).toHaveLength(1);
    expect(text).toContain("# Our decisions");
    const own = parseDocument("# yaml-language-server: $schema=https://example.org/ours.json\nservice: {}\n");
    addSchemaModeline(own, "/srv/app/govops.config.yaml");
    expect(own.toString().match(/yaml-language-server/g)).toHaveLength(1);
    expect(own.toString()).toContain("$schema=https://example.org/ours.json");
  });
});
