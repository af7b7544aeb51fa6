import type { Profile } from "../../profile/schema.js";
import { prose, todo } from "./format.js";

export interface ContactRow {
  role: string;
  name: string;
  contact: string;
  when: string;
}

/** Roles every chain needs; a role matched by none of the profile's contacts is added as a placeholder. */
export const CONTACT_ROLES: Array<{ role: string; match: RegExp; when: string; personalDataOnly?: boolean }> =
  [
    { role: "On-call engineer", match: /on.?call|engineer|support/i, when: "First response to every page." },
    {
      role: "Incident lead",
      match: /incident|service owner|delivery manager/i,
      when: "Every P1 and P2, from the first response.",
    },
    {
      role: "Communications lead",
      match: /comms|communication|press/i,
      when: "Any incident citizens can see.",
    },
    {
      role: "Senior responsible owner",
      match: /senior|director|sro|head of/i,
      when: "P1 within the first hour; P2 lasting more than 4 hours.",
    },
    {
      role: "Department security team",
      match: /security|cyber|soc\b/i,
      when: "Any suspected cyber incident.",
    },
    {
      role: "Data protection officer",
      match: /data protection|dpo|privacy/i,
      when: "Any incident that may involve personal data.",
      personalDataOnly: true,
    },
  ];

const cell = (value: string, what: string) =>
  value.trim()
    ? prose(value)
    : todo(`${what}: fill it in under \`contacts.escalation\` in govops.config.yaml`);

/** The escalation chain in profile order, then any required role it lacks, marked for the team to fill in. */
export function escalationChain(profile: Profile): ContactRow[] {
  const given = profile.contacts.escalation.map((c) => ({
    role: prose(c.role),
    name: cell(c.name, "name"),
    contact: cell(c.contact, "how to reach them"),
    when: CONTACT_ROLES.find((r) => r.match.test(c.role))?.when ?? "As the incident lead decides.",
  }));
  const hasPersonalData = profile.data.personalData.length > 0;
  const missing = CONTACT_ROLES.filter(
    (r) =>
      (hasPersonalData || !r.personalDataOnly) &&
      !profile.contacts.escalation.some((c) => r.match.test(c.role)),
  ).map((r) => ({
    role: r.role,
    name: todo(`add a contact with role "${r.role}" under \`contacts.escalation\` in govops.config.yaml`),
    contact: todo("its `contact` (phone or pager) in the same entry"),
    when: r.when,
  }));
  return [...given, ...missing];
}

export function ownerTeam(profile: Profile): string {
  const team = profile.contacts.ownerTeam || profile.service.ownerTeam;
  return team
    ? prose(team)
    : todo("name the team that owns the service: set `ownerTeam` under `service` in govops.config.yaml");
}
