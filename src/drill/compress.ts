/**
 * Time compression for a drill. Every duration in the rules (range windows, `offset`, `for:`) and in the
 * Alertmanager routing (group_wait, group_interval, repeat_interval) is divided by the same factor, and the
 * scrape and evaluation intervals with them, so one drill second stands for `factor` real seconds. Ratios
 * (error rates, burn-rate thresholds) have no time unit and stay as written; a threshold on a per-second
 * rate() does have one, so it is multiplied by the factor (a real 0.05 req/s is 0.05 × factor per drill second).
 */

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
  y: 31_536_000_000,
};
const DURATION = /^(?:\d+(?:ms|s|m|h|d|w|y))+$/;

/** Milliseconds in a Prometheus duration such as 1h30m or 500ms; undefined when it is not one. */
export function parseDuration(text: string): number | undefined {
  const value = text.trim();
  if (!DURATION.test(value)) return undefined;
  let total = 0;
  for (const [, n, unit] of value.matchAll(/(\d+)(ms|s|m|h|d|w|y)/g)) total += Number(n) * UNIT_MS[unit!]!;
  return total;
}

/** A Prometheus duration for a number of milliseconds, at least 1ms: 5s, 1m30s, 11h12m, 250ms. */
export function formatDuration(ms: number): string {
  let rest = Math.max(1, Math.round(ms));
  let out = "";
  for (const unit of ["d", "h", "m", "s", "ms"] as const) {
    const size = UNIT_MS[unit]!;
    if (rest >= size) {
      out += `${Math.floor(rest / size)}${unit}`;
      rest %= size;
    }
  }
  return out;
}

export function scaleDuration(text: string, factor: number): string {
  const ms = parseDuration(text);
  return ms === undefined ? text : formatDuration(ms / factor);
}

/** Calls `visit` for each stretch of the expression outside string literals. */
function outsideStrings(expr: string, visit: (code: string) => string): string {
  let out = "";
  let code = "";
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i]!;
    if (c !== '"' && c !== "'" && c !== "`") {
      code += c;
      continue;
    }
    out += visit(code);
    code = "";
    let j = i + 1;
    while (j < expr.length && expr[j] !== c) j += c !== "`" && expr[j] === "\\" ? 2 : 1;
    out += expr.slice(i, j + 1);
    i = j;
  }
  return out + visit(code);
}

/** Divides every range `[1h]`, subquery `[1h:5m]` and `offset 1h` in a PromQL expression by the factor. */
export function compressRanges(expr: string, factor: number): string {
  return outsideStrings(expr, (code) =>
    code
      .replace(/\[\s*([0-9a-z]+)\s*(?::\s*([0-9a-z]*)\s*)?\]/g, (whole, range: string, step?: string) => {
        if (parseDuration(range) === undefined) return whole;
        const scaled = scaleDuration(range, factor);
        return step === undefined ? `[${scaled}]` : `[${scaled}:${step ? scaleDuration(step, factor) : ""}]`;
      })
      .replace(/\boffset(\s+)(-?)([0-9a-z]+)/g, (whole, space: string, sign: string, d: string) =>
        parseDuration(d) === undefined ? whole : `offset${space}${sign}${scaleDuration(d, factor)}`,
      ),
  );
}

/** Index of the "(" matching the ")" at `close`, or -1 (run on masked text: no strings). */
function openingParen(expr: string, close: number): number {
  let depth = 0;
  for (let i = close; i >= 0; i--) {
    if (expr[i] === ")") depth++;
    else if (expr[i] === "(" && --depth === 0) return i;
  }
  return -1;
}

/**
 * Multiplies the threshold of a comparison whose left side is a per-second rate (`sum(rate(x[1h])) >= 0.05`),
 * such as a minimum-traffic guard. A rate that is part of arithmetic (`a / sum(rate(b)) > 0.1`) is a ratio and
 * keeps its threshold.
 */
export function scaleRateThresholds(expr: string, factor: number): string {
  // String contents are masked (same length) so parentheses and slashes in label values are not read as PromQL.
  const masked = expr.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, (s) => `"${"_".repeat(s.length - 2)}"`);
  const edits: { from: number; to: number; text: string }[] = [];
  const comparison = /\)(\s*)(>=|<=|>|<|==|!=)(\s*)(bool\s+)?([0-9]*\.?[0-9]+(?:e[-+]?\d+)?)(?![\w.])/gi;
  for (const m of masked.matchAll(comparison)) {
    const close = m.index;
    const open = openingParen(masked, close);
    if (open < 0) continue;
    let start = open;
    while (start > 0 && /[\w:]/.test(masked[start - 1]!)) start--;
    const operand = masked.slice(start, close + 1);
    if (!/\b(?:i?rate)\s*\(/.test(operand) || /\bincrease\s*\(/.test(operand)) continue;
    // A quotient or product of rates is a ratio, with no time unit left.
    if (/[/*]/.test(operand)) continue;
    let before = start - 1;
    while (before >= 0 && /\s/.test(masked[before]!)) before--;
    if (before >= 0 && /[/*+\-%^]/.test(masked[before]!)) continue;
    const num = m[5]!;
    const from = close + m[0].length - num.length;
    edits.push({ from, to: from + num.length, text: String(Number((Number(num) * factor).toPrecision(6))) });
  }
  let out = expr;
  for (const e of edits.reverse()) out = out.slice(0, e.from) + e.text + out.slice(e.to);
  return out;
}

export interface RuleLike {
  expr?: unknown;
  for?: unknown;
  keep_firing_for?: unknown;
  [key: string]: unknown;
}

/** A compressed copy of one rule: ranges and offsets in `expr`, rate thresholds, `for` and `keep_firing_for`. */
export function compressRule<T extends RuleLike>(rule: T, factor: number): T {
  const copy: RuleLike = { ...rule };
  if (typeof copy.expr === "string")
    copy.expr = scaleRateThresholds(compressRanges(copy.expr, factor), factor);
  for (const key of ["for", "keep_firing_for"] as const)
    if (typeof copy[key] === "string") copy[key] = scaleDuration(copy[key], factor);
  return copy as T;
}

export interface RuleFile {
  groups: { name: string; interval?: string; rules: RuleLike[]; [key: string]: unknown }[];
}

/** A compressed copy of a Prometheus rule file; a group's own `interval` is compressed too. */
export function compressRuleFile(file: RuleFile, factor: number): RuleFile {
  return {
    ...file,
    groups: file.groups.map((group) => ({
      ...group,
      ...(group.interval ? { interval: scaleDuration(group.interval, factor) } : {}),
      rules: group.rules.map((rule) => compressRule(rule, factor)),
    })),
  };
}
