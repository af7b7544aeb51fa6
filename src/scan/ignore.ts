import ignore, { type Ignore } from "ignore";

/** One `.gitignore`: its folder (relative to the scanned root, "" for the root) and its rules. */
export interface IgnoreLayer {
  dir: string;
  rules: Ignore;
}

/**
 * A `**` between two other segments compiles to a group that can take any number of folders; with several,
 * a path that nearly matches is tried in polynomially many ways (three took minutes on a deep path). Two are
 * allowed, which covers every real `.gitignore` seen; patterns with more are left out and reported.
 */
const MAX_INNER_GLOBSTARS = 2;
/** Longer lines are not patterns people write. */
const MAX_PATTERN_LENGTH = 1000;

export interface ParsedIgnore {
  rules: Ignore;
  /** Patterns left out, with why: the scan summary lists them. */
  refused: Array<{ pattern: string; reason: string }>;
}

/** Parses `.gitignore` text the way git does (case-sensitive, as on Linux CI), leaving out unsafe patterns. */
export function parseGitignore(text: string): ParsedIgnore {
  const refused: ParsedIgnore["refused"] = [];
  const kept: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const reason = unsafe(line);
    if (reason) refused.push({ pattern: line.length > 80 ? `${line.slice(0, 80)}…` : line, reason });
    else kept.push(line);
  }
  return { rules: ignore({ ignorecase: false }).add(kept), refused };
}

function unsafe(line: string): string | undefined {
  if (line.length > MAX_PATTERN_LENGTH) return `pattern longer than ${MAX_PATTERN_LENGTH} characters`;
  const segments = line.trim().replace(/^!/, "").replace(/^\//, "").replace(/\/+$/, "").split("/");
  const inner = segments.slice(1, -1).filter((s) => s === "**").length;
  if (inner > MAX_INNER_GLOBSTARS)
    return `more than ${MAX_INNER_GLOBSTARS} "**" between folders: left out so matching stays fast`;
  return undefined;
}

/**
 * Whether a path is ignored: the deepest `.gitignore` with a rule that matches decides, as in git
 * (patterns in a folder's own file win over its parents'). `layers` run from the root down.
 */
export function isIgnored(layers: readonly IgnoreLayer[], rel: string, isDir: boolean): boolean {
  for (let i = layers.length - 1; i >= 0; i--) {
    const layer = layers[i]!;
    const sub = layer.dir ? rel.slice(layer.dir.length + 1) : rel;
    const result = layer.rules.test(isDir ? `${sub}/` : sub);
    if (result.ignored) return true;
    if (result.unignored) return false;
  }
  return false;
}
