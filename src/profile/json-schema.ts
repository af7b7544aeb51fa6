import { z } from "zod";
import { baselineSchema } from "./baseline.js";
import { configSchema } from "./config.js";
import { profileSchema } from "./schema.js";

export const SCHEMA_KINDS = {
  config: { schema: configSchema, title: "govops.config.yaml: what code cannot tell about a service" },
  profile: { schema: profileSchema, title: "ops/profile.yaml: a service's risk profile, written by govops" },
  baseline: { schema: baselineSchema, title: "profiles/level-N-*.yaml: a govops archetype baseline" },
} as const;
export type SchemaKind = keyof typeof SCHEMA_KINDS;

/** JSON Schema for editors, from the zod schema itself; input form, so fields with defaults are optional. */
export function jsonSchema(kind: SchemaKind): Record<string, unknown> {
  const { schema, title } = SCHEMA_KINDS[kind];
  const generated = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" });
  return { ...generated, title };
}

export function jsonSchemaText(kind: SchemaKind): string {
  return `${JSON.stringify(jsonSchema(kind), null, 2)}\n`;
}
