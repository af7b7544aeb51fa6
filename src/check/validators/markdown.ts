import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { Validator, ValidatorProblem } from "./types.js";

/**
 * markdownlint's defaults, with one rule relaxed: MD013 (line length), because generated prose and
 * table rows carry profile text of any length and wrapping would split table rows.
 */
export const MARKDOWNLINT_CONFIG = { default: true, MD013: false } as const;

export interface MarkdownFile {
  rel: string;
  content: string;
}

type Lint = (options: {
  strings: Record<string, string>;
  config: object;
}) => Promise<
  Record<
    string,
    Array<{ lineNumber: number; ruleNames: string[]; ruleDescription: string; errorDetail: string | null }>
  >
>;

// A devDependency of govops: installed teams may not have it, so it is loaded by a name TypeScript does not resolve.
const LINT_MODULE = "markdownlint-cli2/markdownlint/promise";

async function loadLint(): Promise<Lint | undefined> {
  try {
    const mod = (await import(LINT_MODULE)) as { lint: Lint };
    return mod.lint;
  } catch {
    return undefined;
  }
}

/** markdownlint (the library inside markdownlint-cli2) over in-memory files; undefined when it is not installed. */
export async function lintMarkdown(files: MarkdownFile[]): Promise<ValidatorProblem[] | undefined> {
  const lint = await loadLint();
  if (!lint) return undefined;
  const results = await lint({
    strings: Object.fromEntries(files.map((f) => [f.rel, f.content])),
    config: MARKDOWNLINT_CONFIG,
  });
  return Object.entries(results).flatMap(([file, errors]) =>
    errors.map((e) => ({
      file,
      message: `line ${e.lineNumber}: ${e.ruleNames.join("/")} ${e.ruleDescription}${e.errorDetail ? ` (${e.errorDetail})` : ""}`,
    })),
  );
}

/** Code cannot contain links: blank out fenced blocks and code spans before looking for them. */
function withoutFences(content: string): string {
  return content.replace(/^ *(```|~~~)[\s\S]*?^ *\1\s*$/gm, "");
}

function withoutCode(content: string): string {
  return withoutFences(content).replace(/`[^`\n]*`/g, "");
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
export function anchors(content: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const m of withoutFences(content).matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const text = m[1]!
      .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
      .replace(/`/g, "")
      .replace(/\\(.)/g, "$1");
    const base = text
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, "")
      .replace(/\s/g, "-");
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n ? `${base}-${n}` : base);
  }
  return out;
}

const LINK = /(?<!!)\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g;

/**
 * Every relative link resolves: its file exists (in the given set, else through `exists`) and its
 * `#fragment`, when it targets Markdown, names a heading there.
 */
export async function brokenLinks(
  files: MarkdownFile[],
  exists: (rel: string) => Promise<boolean>,
): Promise<ValidatorProblem[]> {
  const byRel = new Map(files.map((f) => [f.rel, f.content]));
  const problems: ValidatorProblem[] = [];
  for (const file of files) {
    for (const m of withoutCode(file.content).matchAll(LINK)) {
      const href = m[1]!;
      if (/^[a-z][a-z0-9+.-]*:/i.test(href)) continue;
      const [target = "", fragment] = href.split("#", 2);
      const rel = target
        ? path.posix.normalize(path.posix.join(path.posix.dirname(file.rel), target))
        : file.rel;
      const content = byRel.get(rel);
      if (content === undefined && !(await exists(rel))) {
        problems.push({ file: file.rel, message: `broken link to ${href}: ${rel} does not exist` });
      } else if (fragment && content !== undefined && !anchors(content).has(fragment)) {
        problems.push({
          file: file.rel,
          message: `broken link to ${href}: no heading #${fragment} in ${rel}`,
        });
      }
    }
  }
  return problems;
}

export const markdownValidator: Validator = {
  id: "markdownlint",
  title: "markdownlint and internal links",
  applies: (rel) => rel.endsWith(".md"),
  async run(files) {
    const docs = await Promise.all(
      files.map(async (f) => ({ rel: f.rel, content: await readFile(f.abs, "utf8") })),
    );
    const lint = await lintMarkdown(docs);
    const first = files[0]!;
    const root = first.abs.slice(0, first.abs.length - first.rel.length);
    const links = await brokenLinks(docs, (rel) =>
      stat(path.join(root, rel)).then(
        () => true,
        () => false,
      ),
    );
    if (!lint)
      return { problems: links, skipped: "markdownlint-cli2 is not installed (npm i -D markdownlint-cli2)" };
    return { problems: [...lint, ...links] };
  },
};
