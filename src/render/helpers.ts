import type { HelperDelegate } from "handlebars";

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

export const helpers: Record<string, HelperDelegate> = {
  yaml: (value: unknown) => yamlString(value),
  json: (value: unknown) => JSON.stringify(value, null, 2),
  jsonInline: (value: unknown) => JSON.stringify(value),
  promLabel: (value: unknown) => promLabel(value),
  promRegex: (value: unknown) => promRegex(value),
  md: (value: unknown) => mdText(value),
  percent: (ratio: number) => `${Math.round(ratio * 100_000) / 1000}`,
  eq: (a: unknown, b: unknown) => a === b,
  ne: (a: unknown, b: unknown) => a !== b,
  gt: (a: number, b: number) => a > b,
  not: (a: unknown) => !a,
  and: (...args: unknown[]) => args.slice(0, -1).every(Boolean),
  or: (...args: unknown[]) => args.slice(0, -1).some(Boolean),
  join: (items: unknown[], sep: unknown) =>
    Array.isArray(items) ? items.join(typeof sep === "string" ? sep : ", ") : "",
  length: (items: unknown[]) => (Array.isArray(items) ? items.length : 0),
  inc: (n: number) => n + 1,
  upper: (s: unknown) => String(s).toUpperCase(),
};
