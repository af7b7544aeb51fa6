import type { Profile } from "../profile/schema.js";
import {
  generatePacks,
  planPacks,
  renderPacks,
  type GenerateOptions,
  type GenerateResult,
} from "../render/index.js";
import type { Pack } from "../render/pack.js";
import type { RenderedFile } from "../render/plan.js";
import { deliveryPack } from "./delivery/index.js";
import { docsPack } from "./docs/index.js";
import { incidentPack } from "./incident/index.js";
import { monitoringPack } from "./monitoring/index.js";
import { runbooksPack } from "./runbooks/index.js";

/** The output packs, in the order they render. A new pack is one folder here and one line in this list. */
export const packs: readonly Pack[] = [deliveryPack, monitoringPack, runbooksPack, incidentPack, docsPack];

export function renderProfile(
  profile: Profile,
  options: Pick<GenerateOptions, "templateDirs" | "ciPlatform">,
): Promise<RenderedFile[]> {
  return renderPacks(profile, packs, options);
}

export function planProfile(profile: Profile, options: GenerateOptions) {
  return planPacks(profile, packs, options);
}

export function generatePack(profile: Profile, options: GenerateOptions): Promise<GenerateResult> {
  return generatePacks(profile, packs, options);
}
