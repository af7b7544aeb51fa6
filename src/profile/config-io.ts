import { access } from "node:fs/promises";
import { realFolder, writeInside } from "../fs/safe.js";
import path from "node:path";
import { Document, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node } from "yaml";
import type { ZodError } from "zod";
import { GovopsError } from "../errors.js";
import { safeReadText } from "../scan/safe-read.js";
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

/** Config files are small: anything bigger is not one. */
const MAX_CONFIG_BYTES = 1024 * 1024;
/** YAML aliases expanded per document: enough for anchors people write, far below an exponential expansion. */
const MAX_ALIASES = 100;

/**
 * Reads the config as text: a regular file inside `root` (by default its own folder, so a symlink
 * out of the service is refused), or undefined when there is none.
 */
export function readConfigText(file: string, root = path.dirname(path.resolve(file))): string | undefined {
  const read = safeReadText(file, { root, maxBytes: MAX_CONFIG_BYTES });
  if (read.ok) return read.text;
  if (read.missing) return undefined;
  throw new GovopsError(
    "INVALID_CONFIG",
    `Cannot read config ${shownPath(file)}: ${read.reason}`,
    "Make it a regular YAML file inside the service folder.",
  );
}

export async function loadConfig(file: string, root?: string): Promise<LoadedConfig> {
  const text = readConfigText(file, root);
  if (text === undefined)
    throw new GovopsError(
      "INVALID_CONFIG",
      `Config file not found: ${shownPath(file)}`,
      "Check the --config path.",
    );
  return { file, config: parseConfig(text, file) };
}

function shownPath(file: string): string {
  return path.relative(process.cwd(), file) || file;
}

/** The document as plain data, refusing an alias bomb (a "billion laughs") in one line. */
function toData(doc: Document, file: string): unknown {
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (cause) {
    throw new GovopsError(
      "INVALID_CONFIG",
      `${shownPath(file)}: refused: ${(cause as Error).message.split("\n")[0]} (more than ${MAX_ALIASES} YAML aliases expanded)`,
      "Write the values out instead of nesting aliases.",
      { cause },
    );
  }
}

/** Parses config text strictly; every error names the file, line and field path. */
export function parseConfig(text: string, file: string): GovopsConfig {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const shown = shownPath(file);
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    const at = lines.linePos(e.pos[0]);
    throw new GovopsError(
      "INVALID_CONFIG",
      `${shown}:${at.line}:${at.col}: not valid YAML: ${e.message.split("\n")[0]}`,
    );
  }
  const result = configSchema.safeParse(toData(doc, file) ?? {});
  if (result.success) return result.data;
  const issues = describeIssues(result.error, doc, lines, shown);
  // One problem is one line; several are listed, one per line.
  throw new GovopsError(
    "INVALID_CONFIG",
    issues.length === 1
      ? `Invalid config: ${issues[0]}`
      : `Invalid config ${shown}:\n  ${issues.slice(0, 8).join("\n  ")}${issues.length > 8 ? `\n  (+${issues.length - 8} more)` : ""}`,
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

/**
 * Reads the config as a YAML document (comments kept), or starts a new one. An empty file (or a bare
 * `null`) is an empty config, as `analyse` reads it; a list or a single value is refused.
 */
export async function readConfigDocument(file: string, root?: string): Promise<Document> {
  const text = readConfigText(file, root);
  if (text === undefined) {
    const doc = new Document({});
    doc.commentBefore = HEADER.split("\n")
      .map((l) => ` ${l}`)
      .join("\n");
    return doc;
  }
  const doc: Document = parseDocument(text);
  if (doc.errors.length) parseConfig(text, file);
  toData(doc, file);
  const top = doc.contents;
  if (top === null || (isScalar(top) && top.value === null)) {
    const comment = top?.commentBefore ?? top?.comment;
    doc.contents = doc.createNode({});
    if (comment) doc.commentBefore = [doc.commentBefore, comment].filter(Boolean).join("\n");
  } else if (!isMap(top)) {
    throw new GovopsError(
      "INVALID_CONFIG",
      `${shownPath(file)} holds ${isSeq(top) ? "a list" : "a single value"}, not the settings map govops expects`,
      "Start it with fields such as `service:` (see `govops schema config`), or remove it and run `govops init` again.",
    );
  }
  return doc;
}

/** Validates the edited document with the config schema, then writes it. */
export async function writeConfigDocument(file: string, doc: Document): Promise<GovopsConfig> {
  const text = doc.toString({ lineWidth: 0 });
  const config = parseConfig(text, file);
  // Atomic, and never through a link: a repository's govops.config.yaml may not send the write elsewhere.
  await writeInside(await realFolder(path.dirname(path.resolve(file))), path.basename(file), text);
  return config;
}
