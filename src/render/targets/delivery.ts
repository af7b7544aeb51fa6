import type { Profile } from "../../profile/schema.js";
import { pinnedActions } from "../delivery/actions.js";
import type { OutputFile, Target } from "../target.js";

export function deliveryModel(profile: Profile) {
  return {
    service: profile.service.name,
    title: profile.service.title,
    actions: pinnedActions(),
    nodeVersion: "20",
  };
}

export const deliveryTarget: Target = {
  id: "delivery",
  title: "CI/CD pipelines with quality gates",
  outputs(profile, options): OutputFile[] {
    const platform = options.ciPlatform ?? profile.service.ciPlatform;
    if (platform !== "github") return [];
    return [
      {
        path: ".github/workflows/ci.yml",
        template: "github/ci.yml.hbs",
        context: deliveryModel(profile),
        format: "yaml",
        kind: "owned",
      },
    ];
  },
};
