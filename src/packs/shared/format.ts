import { code, mdText } from "../../render/escape.js";

export { code };
/** The marker `govops check` looks for: text a team must replace before the pack is fit for use. */
export const PLACEHOLDER = "TO DO:";

/** Profile text as Markdown, with URLs and emails as autolinks: the shared `md` helper. */
export const prose = mdText;

export function todo(what: string): string {
  return `${PLACEHOLDER} ${what}`;
}

/** An environment variable name as it may appear in a shell command, or a safe stand-in. */
export function envRef(name: string | undefined, fallback: string): string {
  const safe = name && /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : fallback;
  return `$${safe}`;
}

/** The first environment variable the analysis found whose name matches. */
export function findEnv(envVars: readonly { name: string }[], pattern: RegExp): string | undefined {
  return envVars.map((e) => e.name).find((n) => pattern.test(n));
}

/** Minutes as "3 h 21 min", for error budgets and clocks. */
export function duration(minutes: number): string {
  const m = Math.round(minutes);
  if (m < 60) return `${m} min`;
  const d = Math.floor(m / 1440);
  const h = Math.floor((m % 1440) / 60);
  const rest = m % 60;
  return [d ? `${d} d` : "", h ? `${h} h` : "", rest ? `${rest} min` : ""].filter(Boolean).join(" ");
}

export function percent(ratio: number): string {
  return `${Math.round(ratio * 100_000) / 1000}%`;
}

/** Joins plain-text items as escaped Markdown: "a, b and c". */
export function listText(items: readonly string[]): string {
  const escaped = items.map(prose);
  if (escaped.length <= 1) return escaped.join("");
  return `${escaped.slice(0, -1).join(", ")} and ${escaped.at(-1)}`;
}

/** Indents every line, so a code block sits inside a numbered list item. */
export function indentBlock(text: string, spaces = 3): string {
  const pad = " ".repeat(spaces);
  return text
    .split("\n")
    .map((line) => (line ? pad + line : line))
    .join("\n");
}
