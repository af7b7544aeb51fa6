import type { Profile } from "../../profile/schema.js";
import { prose } from "../shared/format.js";
import { commsKinds, commsModel, commsPath } from "./comms.js";
import { responseModel } from "./response.js";
import { markdownFile, type OutputFile, type Pack } from "../../render/pack.js";

function logModel(profile: Profile) {
  return {
    service: prose(profile.service.title),
    journeys: profile.journeys.map((j) => prose(j.name)).join(", ") || "none recorded",
  };
}

/**
 * The response process, the log and review templates (owned: they follow the profile), and the
 * communications drafts (starters: the communications lead rewrites them in the department's voice).
 */
export const incidentPack: Pack = {
  id: "incident",
  title: "Incident response: severity, escalation, logs, reviews and citizen communications",
  outputs(profile): OutputFile[] {
    return [
      markdownFile("ops/incident/README.md", "incident/README.md.hbs", responseModel(profile)),
      markdownFile("ops/incident/incident-log.md", "incident/incident-log.md.hbs", logModel(profile)),
      markdownFile("ops/incident/postmortem.md", "incident/postmortem.md.hbs", logModel(profile)),
      ...commsKinds(profile).map((kind): OutputFile => ({
        path: commsPath(kind),
        template: "incident/comms/comms.md.hbs",
        context: commsModel(profile, kind),
        format: "markdown",
        kind: "starter",
      })),
    ];
  },
};
