import { readFile } from "node:fs/promises";
import { PLACEHOLDER } from "../../packs/shared/format.js";
import type { Validator, ValidatorProblem } from "./types.js";

/** Each file's placeholders, as one finding per file with the line of each. */
export function findPlaceholders(rel: string, content: string): ValidatorProblem | undefined {
  const hits = content
    .split("\n")
    .map((line, i) => ({ line: i + 1, at: line.indexOf(PLACEHOLDER), text: line }))
    .filter((h) => h.at >= 0);
  if (hits.length === 0) return undefined;
  const first = hits[0]!;
  const what = first.text.slice(first.at, first.at + 90).replace(/\s*\|.*$/, "");
  return {
    file: rel,
    message: `${hits.length} placeholder(s) to fill in, on line(s) ${hits.map((h) => h.line).join(", ")}; first: "${what}"`,
  };
}

/**
 * Placeholders the team must replace (escalation contacts, owner team, hosting, alternative channels).
 * Warnings, not failures: a fresh pack always has some, and the pack is still valid.
 */
export const placeholderValidator: Validator = {
  id: "placeholders",
  title: "placeholders to fill in",
  applies: (rel) => /\.(md|ya?ml)$/.test(rel),
  async run(files) {
    const warnings: ValidatorProblem[] = [];
    for (const file of files) {
      const found = findPlaceholders(file.rel, await readFile(file.abs, "utf8"));
      if (found) warnings.push(found);
    }
    return { problems: [], warnings };
  },
};
