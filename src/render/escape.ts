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
