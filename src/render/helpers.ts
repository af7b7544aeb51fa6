import type { HelperDelegate } from "handlebars";
import { commentText, jsLiteral, mdText, promLabel, promRegex, shellWord, yamlString } from "./escape.js";

export const helpers: Record<string, HelperDelegate> = {
  yaml: (value: unknown) => yamlString(value),
  json: (value: unknown) => jsLiteral(value, 2),
  jsonInline: (value: unknown) => jsLiteral(value),
  /** Data in a comment of a script: one line, whatever it holds. */
  comment: (value: unknown) => commentText(value),
  /** Data as one shell word. */
  shellWord: (value: unknown) => shellWord(value),
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
