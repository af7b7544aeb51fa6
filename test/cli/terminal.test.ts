import { Writable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../../src/cli/logger.js";
import { colorLevel, setColorOption, stripControl } from "../../src/cli/terminal.js";

describe("text for the terminal", () => {
  it("loses C0 and C1 controls, DEL and the Unicode separators, keeping newlines, tabs and letters", () => {
    const hostile = "a\x1b[2J\x1b]0;title\x07b\u009b31mc\rd\x7fe\u2028f\u2029g\x00h\u0085i";
    expect(stripControl(hostile)).toBe("a[2J]0;titleb31mcdefghi");
    expect(stripControl("línea\tuno\nÖffnung — 完了 ✓")).toBe("línea\tuno\nÖffnung — 完了 ✓");
  });
});

/** A stream that records what is written, and says whether it is a terminal. */
function sink(isTTY: boolean) {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  }) as Writable & { isTTY: boolean };
  stream.isTTY = isTTY;
  return { stream: stream as unknown as NodeJS.WriteStream, text: () => chunks.join("") };
}

describe("the logger", () => {
  afterEach(() => setColorOption(undefined));

  it("strips control characters from the messages it writes", () => {
    const out = sink(true);
    const log = createLogger({ stream: out.stream });
    log.warn("route /a\x1b[2Jb");
    expect(out.text()).toMatch(/warning/);
    expect(out.text()).toContain("route /a[2Jb\n");
    expect(out.text()).not.toContain("\x1b[2J");
  });

  it("shows progress only on a terminal and not when quiet", () => {
    const tty = sink(true);
    createLogger({ stream: tty.stream }).progress("running markdownlint");
    // A terminal may get it dimmed: compare the text without colour codes.
    // eslint-disable-next-line no-control-regex -- colour codes start with ESC
    expect(tty.text().replace(/\x1b\[[0-9;]*m/g, "")).toContain("running markdownlint\n");
    const pipe = sink(false);
    createLogger({ stream: pipe.stream }).progress("running markdownlint");
    const quiet = sink(true);
    createLogger({ stream: quiet.stream, quiet: true }).progress("running markdownlint");
    expect(pipe.text() + quiet.text()).toBe("");
  });
});

describe("colour", () => {
  afterEach(() => setColorOption(undefined));
  const tty = { isTTY: true };
  const pipe = { isTTY: false };

  it("is on for a terminal and off for a pipe when nothing is set", () => {
    expect(colorLevel(tty, {})).toBe(1);
    expect(colorLevel(pipe, {})).toBe(0);
  });

  it("NO_COLOR turns it off; an empty NO_COLOR does not", () => {
    expect(colorLevel(tty, { NO_COLOR: "1" })).toBe(0);
    expect(colorLevel(tty, { NO_COLOR: "" })).toBe(1);
  });

  it("FORCE_COLOR turns it on even for a pipe and wins over NO_COLOR; 0 or false turn it off", () => {
    expect(colorLevel(pipe, { FORCE_COLOR: "1" })).toBe(1);
    expect(colorLevel(pipe, { FORCE_COLOR: "3", NO_COLOR: "1" })).toBe(3);
    expect(colorLevel(tty, { FORCE_COLOR: "0" })).toBe(0);
    expect(colorLevel(tty, { FORCE_COLOR: "false" })).toBe(0);
  });

  it("--no-color wins over everything", () => {
    setColorOption(false);
    expect(colorLevel(tty, { FORCE_COLOR: "3" })).toBe(0);
  });
});
