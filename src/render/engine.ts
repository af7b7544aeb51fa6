import { constants } from "node:fs";
import { open, readdir, stat } from "node:fs/promises";
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
      sources.set(canonicalName(rel), { dir, text: await readTemplate(dir, rel) });
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

function refused(dir: string, rel: string, what: string): GovopsError {
  return new GovopsError(
    "TEMPLATE_ERROR",
    `Refusing template ${path.join(dir, rel)}: ${what}`,
    "Template folders may hold only regular files and folders; replace the link with a copy of the template.",
  );
}

/** The `.hbs` files below `dir`; a link anywhere in it is refused, so a template never pulls in another file. */
async function listTemplates(root: string, prefix = ""): Promise<string[]> {
  const dir = path.join(root, prefix);
  // The folder itself was named by the user or checked by repoTemplateDirs; below it, nothing is followed.
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) return [];
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isSymbolicLink()) throw refused(root, rel, "it is a symbolic link");
    if (entry.isDirectory()) out.push(...(await listTemplates(root, rel)));
    else if (!entry.name.endsWith(".hbs")) continue;
    else if (entry.isFile()) out.push(rel);
    else throw refused(root, rel, "it is not a regular file");
  }
  return out.sort();
}

async function readTemplate(dir: string, rel: string): Promise<string> {
  try {
    const handle = await open(path.join(dir, rel), constants.O_RDONLY | constants.O_NOFOLLOW);
    try {
      return await handle.readFile("utf8");
    } finally {
      await handle.close();
    }
  } catch (cause) {
    throw new GovopsError(
      "TEMPLATE_ERROR",
      `Cannot read template ${path.join(dir, rel)}: ${(cause as Error).message}`,
      undefined,
      { cause },
    );
  }
}
