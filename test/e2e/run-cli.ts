import { cp } from "node:fs/promises";
import path from "node:path";
import { execa } from "execa";
import { govopsOutputs } from "../../src/scan/generated.js";
import { ROOT } from "../helpers.js";

export const BIN = path.join(ROOT, "bin", "govops.js");

/** Runs the built binary as a user would, without a TTY and with NO_COLOR. */
export async function govops(args: string[], cwd = ROOT, env: Record<string, string> = {}) {
  const result = await execa("node", [BIN, ...args], {
    cwd,
    reject: false,
    // FORCE_COLOR beats NO_COLOR (as in Node and chalk): a CI that sets it must not colour what tests read.
    env: { NO_COLOR: "1", FORCE_COLOR: undefined, ...env },
    stdin: "ignore",
  });
  return { code: result.exitCode, stdout: String(result.stdout), stderr: String(result.stderr) };
}

/**
 * A copy of a service as its team has it before govops: without installed dependencies, build output,
 * or the pack govops generated (the bundled examples carry theirs).
 */
export async function copyService(from: string, to: string): Promise<string> {
  const generated = govopsOutputs(from);
  await cp(from, to, {
    recursive: true,
    filter: (src) => {
      const rel = path.relative(from, src).split(path.sep).join("/");
      return !/(^|\/)(node_modules|dist|\.git)(\/|$)/.test(rel) && !generated.has(rel);
    },
  });
  return to;
}
