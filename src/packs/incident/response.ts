import type { Profile } from "../../profile/schema.js";
import { commsKinds } from "./comms.js";
import { escalationChain, ownerTeam } from "../shared/contacts.js";
import { listText, prose } from "../shared/format.js";
import { severityMatrix } from "../shared/severity.js";
import { audienceOf } from "../shared/audience.js";
import { dutiesOf } from "../shared/legal.js";
import { businessHours, officeHoursText } from "../monitoring/business-hours.js";

const HIGH_RISK = new Set(["health", "special-category", "children", "financial", "identity"]);

/** Out-of-hours rules that depend on the kind of service. */
const LEVEL_NOTES: Record<number, string> = {
  1: "A deadline for applying can fall at a weekend: treat an outage in the last 48 hours before a published deadline as P1.",
  2: "Statistics published on a pre-announced release day cannot wait: treat failure on a release day as P1.",
  3: "Enquiries keep arriving out of hours even when nobody answers them: an outage of submission is P1 at any time.",
  4: "On sitting days questions fall due every day: treat anything that stops answers reaching Parliament on time as P1, and tell the parliamentary branch.",
  5: "A wrong decision harms people even when the service is up: treat a faulty rule-set in production as P1.",
};

/** Which priorities are handled at any hour and which wait, as the Alertmanager routing does it. */
function outOfHours(profile: Profile) {
  const b = businessHours(profile);
  const waits: string[] = b.held.length > 0 ? b.held : ["P3", "P4"];
  const anyTime = ["P1", "P2"].filter((p) => !waits.includes(p));
  return {
    anyTime: listText(anyTime),
    anyTimeVerb: anyTime.length > 1 ? "are" : "is",
    waits: listText(waits),
    hours: officeHoursText(b),
    routed: b.held.length > 0,
    p2Waits: b.held.includes("P2"),
  };
}

export function responseModel(profile: Profile) {
  const categories = [...new Set(profile.data.personalData.map((p) => p.category))].sort();
  return {
    service: prose(profile.service.title),
    ownerTeam: ownerTeam(profile),
    classification: profile.data.classification,
    severities: severityMatrix(profile).map((s) => ({
      ...s,
      failureModes: s.failureModes.map((f) => ({ id: f.id, title: prose(f.title) })),
    })),
    outOfHours: outOfHours(profile),
    levelNote: LEVEL_NOTES[profile.service.level.value] ?? LEVEL_NOTES[3]!,
    chain: escalationChain(profile),
    personalData: {
      present: categories.length > 0,
      categories: listText(categories),
      highRisk: categories.some((c) => HIGH_RISK.has(c)),
    },
    comms: commsKinds(profile),
    audience: audienceOf(profile),
    notify: profile.facts.integrations.some((i) => i.kind === "notify"),
    lawEnforcement: dutiesOf(profile).lawEnforcement,
    lawEvidence: listText(dutiesOf(profile).evidence),
  };
}
