import { shellWord } from "../../render/escape.js";

/** Shell words separated by spaces, for a bash array literal. */
export function shellWords(values: readonly string[]): string {
  return values.map(shellWord).join(" ");
}
