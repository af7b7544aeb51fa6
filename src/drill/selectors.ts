/** Vector selectors read from PromQL text: enough to learn which series and labels a rule expects. */

export interface Matcher {
  label: string;
  op: "=" | "!=" | "=~" | "!~";
  value: string;
}

export interface Selector {
  metric: string;
  matchers: Matcher[];
}

function unquote(body: string): string {
  return body.replace(/\\(.)/g, (_, c: string) => ({ n: "\n", t: "\t", r: "\r" })[c] ?? c);
}

function parseMatchers(text: string): Matcher[] {
  const out: Matcher[] = [];
  const re = /\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')\s*,?/gy;
  for (let m = re.exec(text); m; m = re.exec(text))
    out.push({ label: m[1]!, op: m[2] as Matcher["op"], value: unquote(m[3]!.slice(1, -1)) });
  return out;
}

/** Every `name{…}` selector in an expression, with its matchers (a `__name__` matcher names the metric). */
export function selectorsIn(expr: string): Selector[] {
  const out: Selector[] = [];
  let i = 0;
  while (i < expr.length) {
    const c = expr[i]!;
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < expr.length && expr[j] !== c) j += expr[j] === "\\" ? 2 : 1;
      i = j + 1;
      continue;
    }
    if (c !== "{") {
      i++;
      continue;
    }
    let end = i + 1;
    while (end < expr.length && expr[end] !== "}") {
      const q = expr[end];
      if (q === '"' || q === "'") {
        end++;
        while (end < expr.length && expr[end] !== q) end += expr[end] === "\\" ? 2 : 1;
      }
      end++;
    }
    const name = /([a-zA-Z_:][a-zA-Z0-9_:]*)\s*$/.exec(expr.slice(0, i))?.[1] ?? "";
    const matchers = parseMatchers(expr.slice(i + 1, end));
    const named = matchers.find((m) => m.label === "__name__" && m.op === "=");
    out.push({ metric: named?.value ?? name, matchers: matchers.filter((m) => m.label !== "__name__") });
    i = end + 1;
  }
  return out;
}

/** True when a Prometheus regex matcher (fully anchored, RE2 syntax close enough to JavaScript's) accepts the value. */
export function matches(matcher: Matcher, value: string): boolean {
  switch (matcher.op) {
    case "=":
      return value === matcher.value;
    case "!=":
      return value !== matcher.value;
    default: {
      let ok: boolean;
      try {
        ok = new RegExp(`^(?:${matcher.value})$`).test(value);
      } catch {
        ok = false;
      }
      return matcher.op === "=~" ? ok : !ok;
    }
  }
}
