import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { execa } from "execa";
import type { RenderedFile } from "../../../src/render/plan.js";

/** Writes rendered files under a directory, as `govops generate` would. */
export async function writeFiles(dir: string, files: RenderedFile[]): Promise<void> {
  for (const file of files) {
    await mkdir(path.dirname(path.join(dir, file.path)), { recursive: true });
    await writeFile(path.join(dir, file.path), file.content);
  }
}

/** Runs a tool and returns its exit code and combined output (never throws on a non-zero exit). */
export async function tool(bin: string, args: string[], cwd?: string) {
  const result = await execa(bin, args, { reject: false, all: true, cwd });
  return { code: result.exitCode, output: result.all ?? "" };
}

/** The receivers Alertmanager itself resolves for these labels (amtool, which ignores time), comma-separated. */
export async function amtoolReceivers(configFile: string, labels: Record<string, string>): Promise<string> {
  const args = ["config", "routes", "test", `--config.file=${configFile}`];
  const { code, output } = await tool("amtool", [
    ...args,
    ...Object.entries(labels).map(([k, v]) => `${k}=${v}`),
  ]);
  if (code !== 0) throw new Error(`amtool exited ${code}: ${output}`);
  return output
    .split("\n")
    .find((l) => l.trim() && !l.startsWith("Warning"))!
    .trim();
}

export function file(files: RenderedFile[], rel: string): RenderedFile {
  const found = files.find((f) => f.path === rel);
  if (!found) throw new Error(`${rel} was not generated; got ${files.map((f) => f.path).join(", ")}`);
  return found;
}
