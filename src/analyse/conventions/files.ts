import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { DetectorContext } from "../context.js";

/** Small files detectors do not load as text (.nvmrc, .yarnrc.yml, CODEOWNERS …): read once, on demand. */
export interface RepoFiles {
  paths: string[];
  read(rel: string): string | undefined;
}

const MAX_BYTES = 256 * 1024;

export function repoFiles(ctx: Pick<DetectorContext, "root" | "paths" | "textFiles">): RepoFiles {
  const known = new Set(ctx.paths);
  const texts = new Map(ctx.textFiles.map((f) => [f.rel, f.text]));
  return {
    paths: ctx.paths,
    read(rel) {
      if (texts.has(rel)) return texts.get(rel);
      if (!known.has(rel)) return undefined;
      const abs = path.join(ctx.root, rel);
      try {
        const text = statSync(abs).size <= MAX_BYTES ? readFileSync(abs, "utf8") : undefined;
        texts.set(rel, text!);
        return text;
      } catch {
        return undefined;
      }
    },
  };
}
