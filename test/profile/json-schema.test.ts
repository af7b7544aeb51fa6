import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { jsonSchema, SCHEMA_KINDS, type SchemaKind } from "../../src/profile/json-schema.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

describe("JSON Schema export", () => {
  for (const kind of Object.keys(SCHEMA_KINDS) as SchemaKind[]) {
    it(`schema/${kind}.schema.json is what \`govops schema ${kind}\` prints today`, async () => {
      const committed = JSON.parse(await readFile(path.join(ROOT, "schema", `${kind}.schema.json`), "utf8"));
      expect(committed).toEqual(jsonSchema(kind));
    });
  }

  it("is strict: the config schema forbids unknown keys at every level it describes", () => {
    const config = jsonSchema("config") as {
      additionalProperties: boolean;
      properties: Record<
        string,
        { additionalProperties?: boolean; items?: { additionalProperties?: boolean } }
      >;
    };
    expect(config.additionalProperties).toBe(false);
    expect(config.properties.service?.additionalProperties).toBe(false);
    expect(config.properties.journeys?.items?.additionalProperties).toBe(false);
  });

  it("makes fields with defaults optional, as editors see the file a person writes", () => {
    const profile = jsonSchema("profile") as { properties: { journeys: { items: { required: string[] } } } };
    const required = profile.properties.journeys.items.required;
    expect(required).toContain("entryRoutes");
    expect(required).not.toContain("description");
  });
});
