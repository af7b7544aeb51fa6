import type { Profile } from "../../profile/schema.js";
import type { OutputFile, Target } from "../target.js";

export function runbookModel(profile: Profile, fm: Profile["failureModes"][number]) {
  const journeys = profile.journeys.filter((j) => fm.affects.journeys.includes(j.id));
  const dependencies = profile.dependencies.filter((d) => fm.affects.dependencies.includes(d.id));
  return { service: profile.service, fm, journeys, dependencies };
}

export const runbooksTarget: Target = {
  id: "runbooks",
  title: "A runbook for each failure mode",
  outputs(profile): OutputFile[] {
    return profile.failureModes.map((fm) => ({
      path: `ops/runbooks/${fm.id}.md`,
      template: "runbooks/runbook.md.hbs",
      context: runbookModel(profile, fm),
      format: "markdown",
      kind: "owned",
    }));
  },
};
