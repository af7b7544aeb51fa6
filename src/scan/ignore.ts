import { readFile } from "node:fs/promises";
import path from "node:path";

type Matcher = (rel: string, isDir: boolean) => boolean;

/** Reads the root .gitignore into a matcher. Supports the common subset: globs, dir/, !negation, anchors. */
export async function loadIgnore(root: string): Promise<Matcher> {
  const text = await readFile(path.join(root, ".gitignore"), "utf8").catch(() => "");
  const rules = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"))
    .map(toRule);
  return (rel, isDir) => {
    let ignored = false;
    for (const rule of rules) {
      if (rule.dirOnly && !isDir) continue;
      if (rule.regex.test(rel)) ignored = !rule.negate;
    }
    return ignored;
  };
}

function toRule(raw: string): { regex: RegExp; negate: boolean; dirOnly: boolean } {
  let pattern = raw;
  const negate = pattern.startsWith("!");
  if (negate) pattern = pattern.slice(1);
  const dirOnly = pattern.endsWith("/");
  if (dirOnly) pattern = pattern.slice(0, -1);
  const anchored = pattern.includes("/");
  if (pattern.startsWith("/")) pattern = pattern.slice(1);
  const body = pattern
    .split("")
    .map((ch, i, all) => {
      if (ch === "*") {
        if (all[i + 1] === "*") return "";
        return all[i - 1] === "*" ? ".*" : "[^/]*";
      }
      if (ch === "?") return "[^/]";
      return ch.replace(/[.+^${}()|[\]\\]/g, "\\$&");
    })
    .join("");
  const prefix = anchored ? "^" : "(^|.*/)";
  return { regex: new RegExp(`${prefix}${body}$`), negate, dirOnly };
}
