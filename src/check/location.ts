/**
 * The line a validator's message points at, in the shapes the validators write: "12:5 ..." (actionlint,
 * yamllint), "line 12: ..." (markdownlint, shellcheck on a whole file), "on line(s) 12, 30" (placeholders)
 * and "(Line: 12, Col: 5)" (GitHub's workflow parser). A shellcheck finding inside a pipeline's inline
 * script starts with the job's name and counts lines in that script, not in the file, so it has none.
 */
const PATTERNS = [/^(\d+):\d+\b/, /^line (\d+)\b/, /\bon line\(s\) (\d+)\b/, /\(Line: (\d+), Col: \d+\)/];

export function locate(message: string): number | undefined {
  for (const pattern of PATTERNS) {
    const line = Number(pattern.exec(message)?.[1]);
    if (line > 0) return line;
  }
  return undefined;
}
