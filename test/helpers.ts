import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { analyseService } from "../src/index.js";
import { renderProfile } from "../src/packs/index.js";
import type { Profile } from "../src/profile/schema.js";
import type { RenderedFile } from "../src/render/plan.js";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const EXAMPLES = [
  "level-1-forms-service",
  "level-2-data-dashboard",
  "level-3-enquiry-service",
  "level-4-pq-tracker",
  "level-5-rules-engine",
] as const;

export function examplePath(name: string): string {
  return path.join(ROOT, "examples", name);
}

export function fixturePath(...parts: string[]): string {
  return path.join(ROOT, "test", "fixtures", ...parts);
}

const profiles = new Map<string, Promise<Profile>>();

/** The profile analysis builds for a bundled example (not written to disk), cached per test file. */
export function exampleProfile(name: string): Promise<Profile> {
  if (!profiles.has(name))
    profiles.set(
      name,
      analyseService(examplePath(name), { write: false }).then((r) => r.profile),
    );
  return profiles.get(name)!;
}

/** The pack rendered in memory for an example. */
export async function examplePack(name: string, ciPlatform?: "github" | "gitlab"): Promise<RenderedFile[]> {
  return renderProfile(await exampleProfile(name), { ciPlatform });
}

export async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(tmpdir(), "govops-test-"));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The items a test loops over, failing when there are none: a loop over nothing would assert nothing. */
export function someOf<T>(items: readonly T[], what: string): readonly T[] {
  if (items.length === 0) throw new Error(`expected at least one ${what}, found none`);
  return items;
}
