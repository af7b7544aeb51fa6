import path from "node:path";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { deadline } from "../../src/drill/watch.js";
import { ROOT } from "../helpers.js";

const aborted = (signal: AbortSignal) =>
  new Promise<unknown>((resolve) => signal.addEventListener("abort", () => resolve(signal.reason)));

describe("deadline", () => {
  it(
    "aborts with a TimeoutError after its time, or at once when the drill is interrupted",
    { timeout: 10_000 },
    async () => {
      expect(((await aborted(deadline(50))) as Error).name).toBe("TimeoutError");
      const drill = new AbortController();
      const wait = aborted(deadline(60_000, drill.signal));
      drill.abort(new Error("interrupted"));
      expect(((await wait) as Error).message).toBe("interrupted");
    },
  );

  // A drill whose page never resolves waited forever: Node 20 dropped AbortSignal.any(AbortSignal.timeout()).
  it("still aborts after a garbage collection during the wait", async () => {
    const watch = path.join(ROOT, "dist", "drill", "watch.js");
    const script = `
      const { deadline } = await import(${JSON.stringify(watch)});
      const signal = deadline(400, new AbortController().signal);
      signal.addEventListener("abort", () => console.log("aborted"));
      setTimeout(() => { gc(); gc(); }, 100);
      setTimeout(() => console.log("end"), 1500);`;
    const { stdout } = await execa(process.execPath, ["--expose-gc", "--input-type=module", "-e", script]);
    expect(stdout.split("\n")).toEqual(["aborted", "end"]);
  });
});
