import { createEngine } from "../../src/render/engine.js";
import { renderPack, type RenderedFile } from "../../src/render/plan.js";
import { incidentDocsTarget } from "../../src/render/targets/incident-docs.js";
import { incidentTarget } from "../../src/render/targets/incident.js";
import { monitoringTarget } from "../../src/render/targets/monitoring.js";
import { runbooksTarget } from "../../src/render/targets/runbooks.js";
import type { Profile } from "../../src/profile/schema.js";
import { exampleProfile } from "../helpers.js";

export const INCIDENT_TARGETS = [monitoringTarget, runbooksTarget, incidentTarget, incidentDocsTarget];

/** The monitoring and incident packs for a profile: the alerts the runbooks must agree with, and the Markdown. */
export async function incidentPack(profile: Profile): Promise<RenderedFile[]> {
  return renderPack(profile, await createEngine(), INCIDENT_TARGETS);
}

const packs = new Map<string, Promise<RenderedFile[]>>();

export function exampleIncidentPack(name: string): Promise<RenderedFile[]> {
  if (!packs.has(name)) packs.set(name, exampleProfile(name).then(incidentPack));
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
