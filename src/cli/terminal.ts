/**
 * C0 and C1 control characters (but newline and tab), DEL, and the Unicode line and paragraph separators.
 * Route paths, file names and validator output come from repositories govops does not control; on a
 * terminal an escape sequence among them could rewrite earlier lines, retitle the window or hide output.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g;

export function stripControl(text: string): string {
  return text.replace(CONTROL, "");
}

/** Writes human-facing text with control characters removed. */
export function writeText(text: string, stream: NodeJS.WritableStream = process.stdout): void {
  stream.write(stripControl(text));
}

let colorOption: boolean | undefined;

/** `--no-color` on the command line; set once by the root command before any action runs. */
export function setColorOption(value: boolean | undefined): void {
  colorOption = value;
}

/**
 * The chalk level for a stream: `--no-color` first, then FORCE_COLOR (which, as in Node itself, wins over
 * NO_COLOR: "0" or "false" turn colour off, "2" and "3" pick more colours), then NO_COLOR, then whether the
 * stream is a terminal.
 */
export function colorLevel(stream: { isTTY?: boolean }, env = process.env): 0 | 1 | 2 | 3 {
  if (colorOption === false) return 0;
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    if (force === "0" || force === "false") return 0;
    return force === "2" ? 2 : force === "3" ? 3 : 1;
  }
  if (env.NO_COLOR) return 0;
  return stream.isTTY === true ? 1 : 0;
}
