import type { RepoConventions } from "../facts.js";
import { ev } from "../context.js";
import type { RepoFiles } from "./files.js";

type Candidate = RepoConventions["node"]["candidates"][number];

const VERSION = /^v?(\d+)(?:\.(\d+|x))?(?:\.(\d+|x))?$/;

/** "v22.13.1" → "22.13.1", "lts/iron" and aliases → undefined: only numbers a runner can install. */
export function cleanVersion(raw: string): string | undefined {
  const m = VERSION.exec(raw.trim());
  if (!m) return undefined;
  return [m[1], m[2], m[3]].filter((p) => p !== undefined && p !== "x").join(".");
}

/** The Node version in a Dockerfile's node image tag, following `ARG NAME=default` into the tag. */
export function dockerNode(text: string): string | undefined {
  const args = new Map<string, string>();
  for (const m of text.matchAll(/^\s*ARG\s+(\w+)=["']?([^\s"']+)/gm)) args.set(m[1]!, m[2]!);
  const expand = (s: string) => s.replace(/\$\{?(\w+)\}?/g, (_, n: string) => args.get(n) ?? "");
  for (const m of text.matchAll(/^\s*FROM\s+(?:--\S+\s+)*(\S+)/gm)) {
    const image = expand(m[1]!);
    const [name, tag = ""] = image.split("@")[0]!.split(/:(?=[^/]*$)/);
    const base = name!.split("/").pop()!;
    if (/^nodejs(\d+)$/.test(base)) return /^nodejs(\d+)$/.exec(base)![1];
    if (base !== "node") continue;
    const fromTag = /node-?(\d+(?:\.\d+){0,2})/.exec(tag) ?? /^(\d+(?:\.\d+){0,2})/.exec(tag);
    if (fromTag) return fromTag[1];
  }
  return undefined;
}

type Bound = { min?: number[]; below?: number[] };

const parts = (v: string) => v.split(".").map(Number);
function compare(a: number[], b: number[]): number {
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
}

/** The lower and upper bound of a simple engines range (>=, >, ^, ~, x, <, exact, ||: the first alternative). */
function bounds(range: string): Bound {
  const out: Bound = {};
  for (const token of range.split("||")[0]!.trim().split(/\s+/)) {
    const m = /^(>=|>|\^|~|<=|<|=)?\s*v?(\d+(?:\.(?:\d+|x|\*))*)/.exec(token);
    if (!m) continue;
    const v = parts(m[2]!.replace(/\.(x|\*)/g, ""));
    const op = m[1] ?? (m[2]!.includes("x") || v.length < 3 ? "^" : "=");
    if (op === ">=" || op === ">" || op === "=" || op === "^" || op === "~") out.min = v;
    if (op === "^") out.below = [v[0]! + 1];
    if (op === "~") out.below = [v[0]!, (v[1] ?? 0) + 1];
    if (op === "<") out.below = v;
    if (op === "<=") out.below = [v[0]!, v[1] ?? 0, (v[2] ?? 0) + 1];
  }
  return out;
}

/** Whether a version (possibly only a major) can satisfy a range: its newest release is inside it. */
export function fits(version: string, range: string): boolean {
  const b = bounds(range);
  const v = parts(version);
  const newest = [v[0]!, v[1] ?? 999, v[2] ?? 999];
  if (b.min && compare(newest, b.min) < 0) return false;
  if (b.below && compare(v, b.below) >= 0) return false;
  return true;
}

/** The lowest version a range allows, as a runner would install it. */
function rangeFloor(range: string): string | undefined {
  const min = bounds(range).min;
  return min ? min.join(".") : undefined;
}

/** "22" and "22.14.0" agree; "22.14.0" and "22.17" do not. */
function sameRelease(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);
}

/**
 * Every Node version the repository names, in the order its tools read them: the version managers
 * (Volta, .nvmrc, .node-version, .tool-versions) then the image the Dockerfile builds, then engines.
 * The first one engines accept is the one the build uses; the others are reported as disagreeing.
 */
export function nodeVersion(files: RepoFiles, pkg: Record<string, unknown>, engineStrict: boolean) {
  const candidates: Candidate[] = [];
  const add = (source: string, file: string, raw: string | undefined) => {
    const version = raw === undefined ? undefined : cleanVersion(raw);
    if (version) candidates.push({ source, version, evidence: ev(file, 1, raw!.trim()) });
  };
  const volta = (pkg.volta as { node?: string } | undefined)?.node;
  add("volta", "package.json", volta);
  add(".nvmrc", ".nvmrc", files.read(".nvmrc")?.split("\n")[0]);
  add(".node-version", ".node-version", files.read(".node-version")?.split("\n")[0]);
  const tool = /^\s*(?:nodejs|node)\s+(\S+)/m.exec(files.read(".tool-versions") ?? "");
  add(".tool-versions", ".tool-versions", tool?.[1]);
  const dockerfile =
    files.paths.find((p) => p === "Dockerfile") ?? files.paths.find((p) => /^Dockerfile/.test(p));
  if (dockerfile) add("Dockerfile", dockerfile, dockerNode(files.read(dockerfile) ?? ""));
  const runtime = files.paths.find((p) => /(^|\/)app\.ya?ml$/.test(p));
  if (runtime)
    add("App Engine runtime", runtime, /^runtime:\s*nodejs(\d+)/m.exec(files.read(runtime) ?? "")?.[1]);
  const engines = (pkg.engines as { node?: string } | undefined)?.node;
  if (engines) add("engines.node", "package.json", rangeFloor(engines));
  const chosen = candidates.find((c) => !engines || fits(c.version, engines)) ?? candidates[0];
  // engines is a range, not a claim: it disagrees only when the chosen version is outside it.
  const others = candidates.filter(
    (c) => chosen && c.source !== "engines.node" && !sameRelease(c.version, chosen.version),
  );
  const disagreement =
    chosen && others.length > 0
      ? `${chosen.source} says ${chosen.version}; set aside ${others
          .map(
            (c) =>
              `${c.source} ${c.version}${engines && !fits(c.version, engines) ? ` (outside engines ${engines})` : ""}`,
          )
          .join(", ")}`
      : undefined;
  return {
    ...(chosen ? { version: chosen.version, source: chosen.source } : {}),
    candidates,
    ...(disagreement ? { disagreement } : {}),
    ...(engines ? { engines } : {}),
    engineStrict,
  };
}
