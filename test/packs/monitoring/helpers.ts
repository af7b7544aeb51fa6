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

export function file(files: RenderedFile[], rel: string): RenderedFile {
  const found = files.find((f) => f.path === rel);
  if (!found) throw new Error(`${rel} was not generated; got ${files.map((f) => f.path).join(", ")}`);
  return found;
}
