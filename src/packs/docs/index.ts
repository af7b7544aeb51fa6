import type { Profile } from "../../profile/schema.js";
import { deliveryPack } from "../delivery/index.js";
import { incidentPack } from "../incident/index.js";
import { monitoringPack } from "../monitoring/index.js";
import { runbooksPack } from "../runbooks/index.js";
import { beforeGoLive, goLiveModel } from "./go-live.js";
import { complianceModel } from "./compliance.js";
import { operationsModel } from "./operations.js";
import { markdownFile, type OutputFile, type Pack, type RenderOptions } from "../../render/pack.js";

export { beforeGoLive };

const OWN = ["ops/OPERATIONS.md", "ops/COMPLIANCE.md", "ops/METHODOLOGY.md", "ops/GO-LIVE.md"];

/** Every path the packs write for this profile, so the matrix names only files that exist. */
export function generatedPaths(profile: Profile, options: RenderOptions = {}): Set<string> {
  const others = [deliveryPack, monitoringPack, runbooksPack, incidentPack];
  return new Set([...others.flatMap((p) => p.outputs(profile, options).map((f) => f.path)), ...OWN]);
}

export const docsPack: Pack = {
  id: "docs",
  title: "Operations guide, compliance matrix, methodology and the before-go-live checklist",
  outputs(profile, options): OutputFile[] {
    const generated = generatedPaths(profile, options);
    return [
      markdownFile("ops/OPERATIONS.md", "docs/OPERATIONS.md.hbs", operationsModel(profile)),
      markdownFile("ops/COMPLIANCE.md", "docs/COMPLIANCE.md.hbs", complianceModel(profile, generated)),
      markdownFile("ops/METHODOLOGY.md", "docs/METHODOLOGY.md.hbs", { service: profile.service.name }),
      markdownFile("ops/GO-LIVE.md", "docs/GO-LIVE.md.hbs", goLiveModel(profile)),
    ];
  },
};
