import type { Profile } from "../../profile/schema.js";
import { DASHBOARD_FILE } from "../../layout.js";
import { prose } from "../shared/format.js";
import { alertsByFailureMode, monitoringFiles } from "./alerts.js";
import { runbookModel } from "./runbook.js";
import type { OutputFile, Pack } from "../../render/pack.js";

export { runbookModel };

/** The index: every failure mode, its severity and the alerts that lead to it. */
export function runbookIndexModel(profile: Profile) {
  const alerts = alertsByFailureMode(profile);
  const order = ["P1", "P2", "P3", "P4"];
  return {
    service: prose(profile.service.title),
    runbooks: [...profile.failureModes]
      .sort((a, b) => order.indexOf(a.severity) - order.indexOf(b.severity) || a.id.localeCompare(b.id))
      .map((fm) => ({
        id: fm.id,
        title: prose(fm.title),
        severity: fm.severity,
        alerts: (alerts.get(fm.id) ?? []).map((a) => `\`${a.name}\``),
      })),
  };
}

export const runbooksPack: Pack = {
  id: "runbooks",
  title: "A runbook for each failure mode",
  outputs(profile): OutputFile[] {
    const alerts = alertsByFailureMode(profile);
    const dashboard = monitoringFiles(profile).has(DASHBOARD_FILE);
    const runbooks: OutputFile[] = profile.failureModes.map((fm) => ({
      path: `ops/runbooks/${fm.id}.md`,
      template: "runbooks/runbook.md.hbs",
      context: runbookModel(profile, fm, alerts.get(fm.id) ?? [], dashboard),
      format: "markdown",
      kind: "owned",
    }));
    if (runbooks.length === 0) return [];
    return [
      ...runbooks,
      {
        path: "ops/runbooks/README.md",
        template: "runbooks/index.md.hbs",
        context: runbookIndexModel(profile),
        format: "markdown",
        kind: "owned",
      },
    ];
  },
};
