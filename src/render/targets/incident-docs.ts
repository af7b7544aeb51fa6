import { complianceModel } from "../incident/compliance.js";
import { operationsModel } from "../incident/operations.js";
import { markdownFile, type OutputFile, type Target } from "../target.js";

export const incidentDocsTarget: Target = {
  id: "operations-docs",
  title: "Operations guide, compliance matrix and methodology",
  outputs(profile): OutputFile[] {
    return [
      markdownFile("ops/OPERATIONS.md", "docs/OPERATIONS.md.hbs", operationsModel(profile)),
      markdownFile("ops/COMPLIANCE.md", "docs/COMPLIANCE.md.hbs", complianceModel(profile)),
      markdownFile("ops/METHODOLOGY.md", "docs/METHODOLOGY.md.hbs", { service: profile.service.name }),
    ];
  },
};
