import { Writable } from "node:stream";
import { ExitPromptError } from "@inquirer/core";
import { afterEach, describe, expect, it } from "vitest";
import { handleError } from "../../src/cli/handle-error.js";
import { GovopsError } from "../../src/errors.js";

function capture() {
  let text = "";
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  return { stream, text: () => text };
}

describe("the error funnel", () => {
  afterEach(() => {
    process.exitCode = undefined;
  });

  it("Ctrl-C in a prompt is one line and exit 130, not an internal error", () => {
    const out = capture();
    handleError(new ExitPromptError("User force closed the prompt with SIGINT"), out.stream);
    expect(out.text()).toBe("govops: cancelled, nothing written\n");
    expect(process.exitCode).toBe(130);
  });

  it("strips control characters from an error's message and suggestion", () => {
    const out = capture();
    handleError(new GovopsError("USAGE", "bad route /a\x1b[2J\u2028b", "try \x9b31m again"), out.stream);
    expect(out.text()).toBe("govops: bad route /a[2Jb\n  try 31m again\n");
    expect(process.exitCode).toBe(2);
  });
});
