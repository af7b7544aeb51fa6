import { complianceModel } from "./compliance.js";
import { operationsModel } from "./operations.js";
import { markdownFile, type OutputFile, type Pack } from "../../render/pack.js";

export const docsPack: Pack = {
  id: "docs",
  title: "Operations guide, compliance matrix and methodology",
  outputs(profile): OutputFile[] {
    return [
      markdownFile("ops/OPERATIONS.md", "docs/OPERATIONS.md.hbs", operationsModel(profile)),
      markdownFile("ops/COMPLIANCE.md", "docs/COMPLIANCE.md.hbs", complianceModel(profile)),
      markdownFile("ops/METHODOLOGY.md", "docs/METHODOLOGY.md.hbs", { service: profile.service.name }),
    ];
  },
};
