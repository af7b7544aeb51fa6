import { complianceModel } from "../incident/compliance.js";
import { operationsModel } from "../incident/operations.js";
import type { OutputFile, Target } from "../target.js";

export const incidentDocsTarget: Target = {
  id: "operations-docs",
  title: "Operations guide, compliance matrix and methodology",
  outputs(profile): OutputFile[] {
    const doc = (path: string, template: string, context: object): OutputFile => ({
      path,
      template,
      context,
      format: "markdown",
      kind: "owned",
    });
    return [
      doc("ops/OPERATIONS.md", "docs/OPERATIONS.md.hbs", operationsModel(profile)),
      doc("ops/COMPLIANCE.md", "docs/COMPLIANCE.md.hbs", complianceModel(profile)),
      doc("ops/METHODOLOGY.md", "docs/METHODOLOGY.md.hbs", { service: profile.service.name }),
    ];
  },
};
