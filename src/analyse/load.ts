import type { Inventory, Skipped } from "../scan/inventory.js";
import { looksGenerated, looksMinified, readText } from "../scan/read.js";
import { DottedNames, indexSource, type FileIndex } from "../scan/source-index.js";
import type { TextFile } from "./context.js";

export const SOURCE = /\.(ts|tsx|js|jsx|mjs|cjs|mts|cts)$/;
const DECLARATION = /\.d\.[cm]?ts$/;
const TEXT =
  /(\.(njk|html|hbs|ejs|pug|prisma|sql|ya?ml|tf|json)|\.ya?ml\.(tpl|template|j2|tmpl)|(^|\/)(Dockerfile[\w.-]*|Jenkinsfile[\w.-]*|Procfile|\.env\.[\w-]+|\.env-example|[Mm]akefile|GNUmakefile)|\.(sh|mk))$/;
/** Lock files and source maps are large and say nothing a detector needs. */
const NOT_TEXT = /(^|\/)(package-lock\.json|npm-shrinkwrap\.json|pnpm-lock\.yaml|yarn\.lock)$|\.map$/;

export interface Loaded {
  sources: FileIndex[];
  textFiles: TextFile[];
  skipped: Skipped[];
  lines: number;
}

/** Reads and indexes each file once. Whatever cannot be read or parsed is skipped with a reason. */
export async function loadFiles(
  inventory: Inventory,
  options: { maxFileBytes?: number; onProgress?: (message: string) => void } = {},
): Promise<Loaded> {
  const maxFileBytes = options.maxFileBytes ?? 1024 * 1024;
  const loaded: Loaded = { sources: [], textFiles: [], skipped: [...inventory.skipped], lines: 0 };
  const names = new DottedNames();
  for (const [i, file] of inventory.files.entries()) {
    if (i % 500 === 0 && i > 0) options.onProgress?.(`parsed ${i} of ${inventory.files.length} files`);
    const isSource = SOURCE.test(file.rel) && !DECLARATION.test(file.rel);
    if (!isSource && (!TEXT.test(file.rel) || NOT_TEXT.test(file.rel))) continue;
    if (file.size > maxFileBytes) {
      loaded.skipped.push({ file: file.rel, reason: `larger than ${Math.round(maxFileBytes / 1024)} KiB` });
      continue;
    }
    const read = await readText(file, maxFileBytes);
    if (!read.ok) {
      loaded.skipped.push({ file: file.rel, reason: read.reason });
      continue;
    }
    if (!isSource) {
      loaded.textFiles.push({ rel: file.rel, text: read.text });
      continue;
    }
    if (looksMinified(read.text)) {
      loaded.skipped.push({ file: file.rel, reason: "minified or bundled code" });
      continue;
    }
    if (looksGenerated(read.text)) {
      loaded.skipped.push({ file: file.rel, reason: "generated code" });
      continue;
    }
    let index: FileIndex;
    try {
      index = indexSource(file.rel, read.text, names);
    } catch (error) {
      // Machine-written code can nest deeper than the walk's stack allows; one file must not stop analysis.
      const reason = error instanceof RangeError ? "nested too deeply to index" : "could not be indexed";
      loaded.skipped.push({ file: file.rel, reason });
      continue;
    }
    if (index.parseErrors > 0)
      loaded.skipped.push({
        file: file.rel,
        reason: `${index.parseErrors} syntax error(s); analysed what parsed`,
      });
    loaded.lines += index.lines;
    loaded.sources.push(index);
  }
  return loaded;
}
