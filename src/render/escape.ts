/** Escaping per context: every value from a profile reaches a file only through one of these. */

/**
 * Data must never open a template action in the consumer of a YAML file: GitHub evaluates `${{ }}` anywhere
 * in a workflow, and Prometheus and Alertmanager evaluate `{{ }}` in annotations and receivers as Go
 * templates. Break every `{{` and `}}` that comes from data. Templates write real actions as literal text.
 */
export function defuseExpressions(text: string): string {
  return text.replace(/\{(?=\{)/g, "{ ").replace(/\}(?=\})/g, "} ");
}

/** A double-quoted YAML scalar (JSON strings are valid YAML) with template actions from data defused. */
export function yamlString(value: unknown): string {
  return defuseExpressions(JSON.stringify(value === undefined || value === null ? "" : String(value)));
}

/** A value inside a PromQL double-quoted label matcher. */
export function promLabel(value: unknown): string {
  return String(value).replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, " ");
}

/** A literal inside a PromQL regex matcher (RE2, then a PromQL string). */
export function promRegex(value: unknown): string {
  return promLabel(String(value).replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
}

const LINKABLE = /(?<=^|[\s(])(https?:\/\/[^\s<>|]*[^\s<>|.,;:!?)]|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)/g;

/**
 * Plain text for Markdown: no raw HTML, no accidental headings, tables or links; URLs and email
 * addresses become autolinks, so markdownlint accepts them (MD034) and readers can follow them.
 */
export function mdText(value: unknown): string {
  return String(value ?? "")
    .replace(/\r?\n/g, " ")
    .trim()
    .split(LINKABLE)
    .map((part, i) => (i % 2 ? `<${part}>` : part.replace(/[\\`*_[\]<>|#]/g, "\\$&")))
    .join("");
}

/** An inline code span; backticks inside cannot be escaped in CommonMark, so they are dropped. */
export function code(text: string): string {
  return `\`${text.replace(/`/g, "'").replace(/\r?\n/g, " ")}\``;
}

/** Characters that end a line in some consumer: a shell, JavaScript (U+2028/2029) or a YAML/Unicode reader (U+0085). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const LINE_BREAKING = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/**
 * Data inside a comment of a generated script: one line, so it can never end the comment and become code.
 * Control characters and Unicode line separators become spaces.
 */
export function commentText(value: unknown): string {
  return String(value ?? "").replace(LINE_BREAKING, " ");
}

/** A single-quoted shell word: safe for any value baked into a generated script. */
export function shellWord(value: unknown): string {
  return `'${String(value ?? "").replace(/'/g, `'\\''`)}'`;
}

/**
 * A JavaScript literal from data: JSON, with U+2028/2029 escaped (valid in strings since ES2019, but not in every
 * tool that reads the file) and `</` broken so the text can never close an HTML script element.
 */
export function jsLiteral(value: unknown, indent?: number): string {
  return JSON.stringify(value ?? null, null, indent)
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029")
    .replace(/<\//g, "<\\/");
}
