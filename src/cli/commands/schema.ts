import { mkdir } from "node:fs/promises";
import { realFolder, writeInside } from "../../fs/safe.js";
import { Command } from "commander";
import { z } from "zod";
import { jsonSchemaText, SCHEMA_KINDS, type SchemaKind } from "../../profile/json-schema.js";

export const schemaOptionsSchema = z.object({ out: z.string().optional() }).strict();
const kinds = Object.keys(SCHEMA_KINDS) as [SchemaKind, ...SchemaKind[]];

export const schemaCommand = new Command("schema")
  .description("Print the JSON Schema of govops.config.yaml, the profile or a baseline, for editors")
  .argument("[kind]", `one of: ${kinds.join(", ")}`, "config")
  .option("--out <dir>", "write <kind>.schema.json files here instead of printing")
  .addHelpText(
    "after",
    `
Examples:
  $ govops schema config > govops.config.schema.json
  $ govops schema profile
  $ govops schema all --out schema`,
  )
  .action(async (kind: string, raw: unknown) => {
    const options = schemaOptionsSchema.parse(raw);
    const chosen = z.enum([...kinds, "all"]).parse(kind);
    const list = chosen === "all" ? kinds : [chosen];
    if (!options.out) {
      if (list.length > 1)
        throw new z.ZodError([{ code: "custom", path: ["kind"], message: "use --out with all" }]);
      process.stdout.write(jsonSchemaText(list[0]!));
      return;
    }
    await mkdir(options.out, { recursive: true });
    const out = await realFolder(options.out);
    for (const k of list) await writeInside(out, `${k}.schema.json`, jsonSchemaText(k));
  });
