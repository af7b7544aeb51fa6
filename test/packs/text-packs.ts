import { createEngine } from "../../src/render/engine.js";
import { renderPack, type RenderedFile } from "../../src/render/plan.js";
import { docsPack } from "../../src/packs/docs/index.js";
import { incidentPack } from "../../src/packs/incident/index.js";
import { monitoringPack } from "../../src/packs/monitoring/index.js";
import { runbooksPack } from "../../src/packs/runbooks/index.js";
import type { Profile } from "../../src/profile/schema.js";
import { exampleProfile } from "../helpers.js";

export const TEXT_PACKS = [monitoringPack, runbooksPack, incidentPack, docsPack];

/** The monitoring and incident packs for a profile: the alerts the runbooks must agree with, and the Markdown. */
export async function renderTextPacks(profile: Profile): Promise<RenderedFile[]> {
  return renderPack(profile, await createEngine(), TEXT_PACKS);
}

const packs = new Map<string, Promise<RenderedFile[]>>();

export function exampleIncidentPack(name: string): Promise<RenderedFile[]> {
  if (!packs.has(name)) packs.set(name, exampleProfile(name).then(renderTextPacks));
  return packs.get(name)!;
}

export function file(files: RenderedFile[], path: string): string {
  const found = files.find((f) => f.path === path);
  if (!found) throw new Error(`${path} is not in the pack: ${files.map((f) => f.path).join(", ")}`);
  return found.content;
}

export function markdown(files: RenderedFile[]) {
  return files.filter((f) => f.path.endsWith(".md")).map((f) => ({ rel: f.path, content: f.content }));
}
