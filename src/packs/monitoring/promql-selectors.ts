/** Just enough PromQL to find the vector selectors of a query: their metric, their matchers and where they end. */

export interface Matcher {
  name: string;
  op: "=" | "!=" | "=~" | "!~";
  value: string;
}

export interface VectorSelector {
  metric?: string;
  matchers: Matcher[];
  start: number;
  /** Where the matchers' closing brace is, or -1 when the selector has none. */
  brace: number;
  end: number;
}

/** Words that are not metric names: keywords, and number literals PromQL spells as words. */
const KEYWORDS = new Set(
  ["and", "or", "unless", "bool", "offset", "inf", "nan", "atan2"].concat(
    // Aggregations, which may be followed by `by (…)` before their parenthesis.
    ["sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values", "bottomk", "topk"],
    ["quantile", "limitk", "limit_ratio"],
  ),
);
/** Words followed by a list of label names. */
const GROUPING = new Set(["by", "without", "on", "ignoring", "group_left", "group_right"]);
const IDENT = /[a-zA-Z_:][a-zA-Z0-9_:]*/y;

/** The end of the string literal opening at `i` (the index after its closing quote), and its value. */
function stringAt(text: string, i: number): { end: number; value: string } | undefined {
  const quote = text[i];
  let value = "";
  for (let j = i + 1; j < text.length; j++) {
    const c = text[j]!;
    if (c === quote) return { end: j + 1, value };
    if (c === "\\" && quote !== "`") {
      const next = text[++j];
      value += next === "n" ? "\n" : next === "t" ? "\t" : (next ?? "");
    } else value += c;
  }
  return undefined;
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && /\s/.test(text[i]!)) i++;
  return i;
}

/** The index after the bracket that closes the one at `i`, skipping strings; -1 when unclosed. */
function closing(text: string, i: number, open: string, close: string): number {
  let depth = 0;
  for (let j = i; j < text.length; j++) {
    const c = text[j]!;
    if (c === '"' || c === "'" || c === "`") {
      const s = stringAt(text, j);
      if (!s) return -1;
      j = s.end - 1;
    } else if (c === open) depth++;
    else if (c === close && --depth === 0) return j + 1;
  }
  return -1;
}

/** The matchers between braces at `open`, or undefined when they are not plain `name op "value"` pairs. */
function matchersAt(text: string, open: number): { matchers: Matcher[]; brace: number } | undefined {
  const matchers: Matcher[] = [];
  let i = skipSpace(text, open + 1);
  while (text[i] !== "}") {
    IDENT.lastIndex = i;
    const name = IDENT.exec(text)?.[0];
    if (!name) return undefined;
    i = skipSpace(text, i + name.length);
    const op = /^(=~|!~|!=|=)/.exec(text.slice(i))?.[0] as Matcher["op"] | undefined;
    if (!op) return undefined;
    i = skipSpace(text, i + op.length);
    const s = stringAt(text, i);
    if (!s) return undefined;
    matchers.push({ name, op, value: s.value });
    i = skipSpace(text, s.end);
    if (text[i] === ",") i = skipSpace(text, i + 1);
    else if (text[i] !== "}") return undefined;
  }
  return { matchers, brace: i };
}

/** Every vector selector of a query, in order; undefined when the query holds something this reader cannot follow. */
export function vectorSelectors(text: string): VectorSelector[] | undefined {
  const found: VectorSelector[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"' || c === "'" || c === "`") {
      const s = stringAt(text, i);
      if (!s) return undefined;
      i = s.end;
    } else if (c === "[") {
      // A range or a subquery's resolution: durations only, never a selector.
      const end = closing(text, i, "[", "]");
      if (end < 0) return undefined;
      i = end;
    } else if (c === "{") {
      const m = matchersAt(text, i);
      if (!m) return undefined;
      found.push({ matchers: m.matchers, start: i, brace: m.brace, end: m.brace + 1 });
      i = m.brace + 1;
    } else if (/[a-zA-Z_:]/.test(c) && !/[0-9.]/.test(text[i - 1] ?? "")) {
      IDENT.lastIndex = i;
      const word = IDENT.exec(text)![0];
      const after = skipSpace(text, i + word.length);
      if (GROUPING.has(word.toLowerCase())) {
        // A label list, not selectors: `by (job)`, `on (instance)`; group_left may have none.
        i = text[after] === "(" ? closing(text, after, "(", ")") : after;
        if (i < 0) return undefined;
      } else if (KEYWORDS.has(word.toLowerCase()) || text[after] === "(") {
        i += word.length;
      } else if (text[after] === "{") {
        const m = matchersAt(text, after);
        if (!m) return undefined;
        found.push({ metric: word, matchers: m.matchers, start: i, brace: m.brace, end: m.brace + 1 });
        i = m.brace + 1;
      } else {
        found.push({ metric: word, matchers: [], start: i, brace: -1, end: i + word.length });
        i += word.length;
      }
    } else i++;
  }
  return found;
}
