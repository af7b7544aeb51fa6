import { readFileSync } from "node:fs";
import path from "node:path";
import type { Detector } from "../detector.js";
import { ev } from "../context.js";

/** package.json's `repository`: a string, or `{ url }`. */
function manifestRepository(text: string | undefined): string | undefined {
  try {
    const repo = (JSON.parse(text ?? "{}") as { repository?: unknown }).repository;
    const url = typeof repo === "string" ? repo : (repo as { url?: unknown } | undefined)?.url;
    return typeof url === "string" && url.trim() ? url.trim() : undefined;
  } catch {
    return undefined;
  }
}

/** The `origin` remote's URL from .git/config (the scan skips .git, so it is read here, and only this). */
function gitOrigin(root: string): string | undefined {
  try {
    const config = readFileSync(path.join(root, ".git", "config"), "utf8");
    const origin = /\[remote "origin"\]([^[]*)/.exec(config)?.[1];
    return origin ? /^\s*url\s*=\s*(\S+)/m.exec(origin)?.[1] : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Where the repository lives, for absolute runbook links: `repository` in the root package.json, else the
 * git `origin` remote. A `repository` signal whose snippet is the URL as written.
 */
export const repositoryDetector: Detector = {
  id: "repository",
  title: "The repository's URL (package.json repository, else the git origin remote)",
  isEnabled: () => true,
  detect(ctx) {
    const pkg = ctx.textFiles.find((f) => f.rel === "package.json");
    const fromManifest = manifestRepository(pkg?.text);
    if (fromManifest)
      return { signals: [{ name: "repository", evidence: ev("package.json", 1, fromManifest) }] };
    const origin = gitOrigin(ctx.root);
    return origin ? { signals: [{ name: "repository", evidence: ev(".git/config", 1, origin) }] } : {};
  },
};
