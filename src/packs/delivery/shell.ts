/** A single-quoted shell word: safe for any value baked into a generated script. */
export function shellWord(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Shell words separated by spaces, for a bash array literal. */
export function shellWords(values: readonly string[]): string {
  return values.map(shellWord).join(" ");
}
