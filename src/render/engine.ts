import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Handlebars from "handlebars";
import { GovopsError } from "../errors.js";
import { helpers } from "./helpers.js";

export const BUNDLED_TEMPLATES = fileURLToPath(new URL("../../templates/", import.meta.url));

export interface Engine {
  render(template: string, context: object): string;
  /** The directory a template was loaded from: the team's override or govops' bundled copy. */
  sourceOf(template: string): string;
  /** sha256 inputs: the template's text, for the manifest. */
  textOf(template: string): string;
}

/**
 * Loads templates from the override directories first, then the bundled ones, so a team replaces any
 * template or partial by putting a file of the same relative name in its own templates folder.
 */
export async function createEngine(overrideDirs: string[] = []): Promise<Engine> {
  const hbs = Handlebars.create();
  hbs.registerHelper(helpers);
  const dirs = [...overrideDirs, BUNDLED_TEMPLATES];
  const sources = new Map<string, { dir: string; text: string }>();
  for (const dir of [...dirs].reverse()) {
    for (const rel of await listTemplates(dir))
      sources.set(canonicalName(rel), { dir, text: await readFile(path.join(dir, rel), "utf8") });
  }
  for (const [rel, { text }] of sources) {
    const m = /^(.+)\/partials\/([\w-]+)\.hbs$/.exec(rel);
    if (m) hbs.registerPartial(`${m[1]}/${m[2]}`, text);
  }
  const compiled = new Map<string, HandlebarsTemplateDelegate>();
  const get = (template: string) => {
    const source = sources.get(template);
    if (!source)
      throw new GovopsError(
        "TEMPLATE_ERROR",
        `Template not found: ${template}`,
        `Looked in ${dirs.join(", ")}.`,
      );
    return source;
  };
  return {
    render(template, context) {
      let fn = compiled.get(template);
      if (!fn) {
        fn = hbs.compile(get(template).text, { strict: true, noEscape: true });
        compiled.set(template, fn);
      }
      try {
        return fn(context);
      } catch (cause) {
        throw new GovopsError(
          "TEMPLATE_ERROR",
          `Template ${template} failed: ${(cause as Error).message.split("\n")[0]}`,
          "If you replaced this template, check the field names it uses.",
          { cause },
        );
      }
    },
    sourceOf: (template) => get(template).dir,
    textOf: (template) => get(template).text,
  };
}

/** Pipelines' templates moved under `delivery/`; a team's override under the old name still applies. */
const MOVED = /^(github|gitlab)\//;

function canonicalName(rel: string): string {
  return MOVED.test(rel) ? `delivery/${rel}` : rel;
}

async function listTemplates(dir: string, prefix = ""): Promise<string[]> {
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) return [];
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await listTemplates(path.join(dir, entry.name), rel)));
    else if (entry.name.endsWith(".hbs")) out.push(rel);
  }
  return out.sort();
}
