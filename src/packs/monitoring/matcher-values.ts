import type { Matcher } from "./promql-selectors.js";

/** Label values that satisfy (or fail) PromQL matchers, for input series made from a query's selectors. */

function anchoredRegex(source: string): RegExp | undefined {
  try {
    return new RegExp(`^(?:${source})$`, "s");
  } catch {
    return undefined;
  }
}

function satisfies(labels: Record<string, string>, m: Matcher): boolean {
  const v = labels[m.name] ?? "";
  if (m.op === "=") return v === m.value;
  if (m.op === "!=") return v !== m.value;
  const re = anchoredRegex(m.value);
  if (!re) return false;
  return m.op === "=~" ? re.test(v) : !re.test(v);
}

/** A string a simple regex matches (literals, `.`, classes, groups, quantifiers), checked; else undefined. */
function example(source: string): string | undefined {
  const alternatives: string[] = [];
  let depth = 0;
  let last = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === "\\") i++;
    else if (c === "(" || c === "[") depth++;
    else if (c === ")" || c === "]") depth--;
    else if (c === "|" && depth === 0) {
      alternatives.push(source.slice(last, i));
      last = i + 1;
    }
  }
  alternatives.push(source.slice(last));
  const re = anchoredRegex(source);
  return alternatives.map(sequence).find((s) => s !== undefined && re?.test(s));
}

/** One regex alternative as the shortest string it matches, or undefined past what this reader knows. */
function sequence(source: string): string | undefined {
  let out = "";
  for (let i = 0; i < source.length;) {
    let atom: string | undefined;
    const c = source[i]!;
    if (c === "\\") {
      const e = source[i + 1] ?? "";
      atom = e === "d" ? "0" : e === "w" ? "a" : e === "s" ? " " : /[a-zA-Z]/.test(e) ? undefined : e;
      i += 2;
    } else if (c === "[") {
      const end = source.indexOf("]", i + 2);
      if (end < 0 || source[i + 1] === "^") return undefined;
      atom = source[i + 1] === "\\" ? undefined : source[i + 1];
      i = end + 1;
    } else if (c === "(") {
      const end = closeParen(source, i);
      if (end < 0) return undefined;
      atom = example(source.slice(i + 1, end - 1).replace(/^\?:/, ""));
      i = end;
    } else if (c === "^" || c === "$") {
      atom = "";
      i++;
    } else if ("*+?{})]|".includes(c)) return undefined;
    else {
      atom = c === "." ? "0" : c;
      i++;
    }
    if (atom === undefined) return undefined;
    const q = /^(\*|\+|\?|\{(\d+)(,\d*)?\})\??/.exec(source.slice(i));
    if (q) i += q[0].length;
    out += !q ? atom : q[1] === "*" || q[1] === "?" ? "" : q[1] === "+" ? atom : atom.repeat(Number(q[2]));
  }
  return out;
}

function closeParen(source: string, open: number): number {
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    if (source[i] === "\\") i++;
    else if (source[i] === "(") depth++;
    else if (source[i] === ")" && --depth === 0) return i + 1;
  }
  return -1;
}

/** A value for one label that satisfies `must` and, when given, fails one of `mustNot`; undefined when none is found. */
export function valueFor(name: string, must: Matcher[], mustNot: Matcher[] = []): string | undefined {
  const on = (ms: Matcher[]) => ms.filter((m) => m.name === name);
  const all = [...on(must), ...on(mustNot)];
  const candidates = [
    ...all.filter((m) => m.op === "=").map((m) => m.value),
    ...all.filter((m) => m.op === "=~").map((m) => example(m.value)),
    "",
    "govops-test",
    "200",
    "500",
  ].filter((v): v is string => v !== undefined);
  return candidates.find(
    (v) =>
      on(must).every((m) => satisfies({ [name]: v }, m)) &&
      (mustNot.length === 0 || on(mustNot).some((m) => !satisfies({ [name]: v }, m))),
  );
}

/** Labels satisfying every matcher given; undefined when some label has no value that does. */
export function labelsFor(matchers: Matcher[]): Record<string, string> | undefined {
  const labels: Record<string, string> = {};
  for (const name of new Set(matchers.map((m) => m.name))) {
    const v = valueFor(name, matchers);
    if (v === undefined) return undefined;
    if (v) labels[name] = v;
  }
  return labels;
}
