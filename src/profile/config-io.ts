import { access, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { Document, isMap, isPair, isScalar, LineCounter, parseDocument, type Node } from "yaml";
import type { ZodError } from "zod";
import { GovopsError } from "../errors.js";
import { CONFIG_FILES, configSchema, type GovopsConfig } from "./config.js";

export interface LoadedConfig {
  file: string;
  config: GovopsConfig;
}

/** `--config FILE` when given (it must exist), else govops.config.yaml or .yml at the service root. */
export async function findConfig(root: string, explicit?: string): Promise<string | undefined> {
  if (explicit) {
    const file = path.resolve(explicit);
    if (!(await exists(file)))
      throw new GovopsError(
        "INVALID_CONFIG",
        `Config file not found: ${explicit}`,
        "Check the --config path.",
      );
    return file;
  }
  for (const name of CONFIG_FILES) {
    const file = path.join(root, name);
    if (await exists(file)) return file;
  }
  return undefined;
}

export async function loadConfig(file: string): Promise<LoadedConfig> {
  return { file, config: parseConfig(await readFile(file, "utf8"), file) };
}

/** Parses config text strictly; every error names the file, line and field path. */
export function parseConfig(text: string, file: string): GovopsConfig {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const shown = path.relative(process.cwd(), file) || file;
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    const at = lines.linePos(e.pos[0]);
    throw new GovopsError(
      "INVALID_CONFIG",
      `${shown}:${at.line}:${at.col}: not valid YAML: ${e.message.split("\n")[0]}`,
    );
  }
  const result = configSchema.safeParse(doc.toJS() ?? {});
  if (result.success) return result.data;
  const issues = describeIssues(result.error, doc, lines, shown);
  throw new GovopsError(
    "INVALID_CONFIG",
    `Invalid config ${shown}:\n  ${issues.slice(0, 8).join("\n  ")}${issues.length > 8 ? `\n  (+${issues.length - 8} more)` : ""}`,
    "Fix the fields named; `govops schema config` prints the JSON Schema for editors.",
  );
}

function describeIssues(error: ZodError, doc: Document, lines: LineCounter, file: string): string[] {
  return error.issues.flatMap((issue) => {
    const base = issue.path.map(String);
    const keys = issue.code === "unrecognized_keys" ? issue.keys : [undefined];
    return keys.map((key) => {
      const fieldPath = key === undefined ? base : [...base, key];
      const line = lineOf(doc, lines, base, key);
      const message = key === undefined ? issue.message : "unknown field";
      return `${file}${line ? `:${line}` : ""}: ${fieldPath.join(".") || "(root)"}: ${message}`;
    });
  });
}

function lineOf(doc: Document, lines: LineCounter, at: string[], key?: string): number | undefined {
  const parts = at.map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  const node = (parts.length ? doc.getIn(parts, true) : doc.contents) as Node | undefined;
  let range = node?.range;
  if (key !== undefined && isMap(node)) {
    const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key);
    range = (pair?.key as Node | undefined)?.range ?? range;
  }
  return range ? lines.linePos(range[0]).line : undefined;
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

const HEADER = `govops configuration: what code cannot tell about this service.
Your values here win over analysis, AI proposals and the Level baseline.
Edit freely: comments are kept when \`govops init\` updates this file.
JSON Schema for editors: \`govops schema config\`.`;

/** Reads the config as a YAML document (comments kept), or starts a new one. */
export async function readConfigDocument(file: string): Promise<Document> {
  if (!(await exists(file))) {
    const doc = new Document({});
    doc.commentBefore = HEADER.split("\n")
      .map((l) => ` ${l}`)
      .join("\n");
    return doc;
  }
  const text = await readFile(file, "utf8");
  const doc = parseDocument(text);
  if (doc.errors.length) parseConfig(text, file);
  return doc;
}

/** Validates the edited document with the config schema, then writes it. */
export async function writeConfigDocument(file: string, doc: Document): Promise<GovopsConfig> {
  const text = doc.toString({ lineWidth: 0 });
  const config = parseConfig(text, file);
  await writeFile(file, text);
  return config;
}
