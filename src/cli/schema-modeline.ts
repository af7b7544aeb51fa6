import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Document } from "yaml";

/** The config schema shipped in the package's schema/ folder (this file is src/cli or dist/cli). */
export const SHIPPED_CONFIG_SCHEMA = fileURLToPath(
  new URL("../../schema/config.schema.json", import.meta.url),
);

const MODELINE = "yaml-language-server:";
const PRESENT = /^#\s*yaml-language-server:/m;

/**
 * Puts `# yaml-language-server: $schema=…` first in the config, so editors with the YAML language server
 * validate and complete it. The path is relative to the config: with govops installed in the project it
 * reads node_modules/govops/schema/config.schema.json, which holds on every clone. A modeline already
 * there is kept, wherever it points.
 */
export function addSchemaModeline(doc: Document, configFile: string): void {
  if (PRESENT.test(doc.toString())) return;
  let rel = path.relative(path.dirname(configFile), SHIPPED_CONFIG_SCHEMA).split(path.sep).join("/");
  if (!rel.startsWith(".")) rel = `./${rel}`;
  doc.commentBefore = [` ${MODELINE} $schema=${rel}`, doc.commentBefore].filter(Boolean).join("\n");
}
