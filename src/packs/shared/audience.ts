import type { Profile } from "../../profile/schema.js";
import { code } from "../../render/escape.js";
import { citizenSignIn, signInWords, staffSignInOnAllRoutes } from "../../profile/audience.js";

export interface Audience {
  /** Members of the public use some journeys without signing in as staff. */
  citizen: boolean;
  /** Staff sign in to use the service. */
  staff: boolean;
  /** Why, in a sentence of Markdown, with the config key that changes it. */
  reason: string;
}

/** Identity providers for an organisation's own staff: Microsoft Entra ID (Azure AD), Google Workspace. */
const WORKFORCE_IDP = /azure[-_ ]?ad|entra|msal|aad\b|login\.microsoftonline|google[-_ ]?workspace/i;

const workforceSignIn = (profile: Profile) => WORKFORCE_IDP.test(signInWords(profile.facts));

const STAFF_JOURNEY = /^(staff|caseworker|officer|agent|internal|colleague|admin)/i;
const HOW =
  'Set `affected` on each journey under `journeys` in govops.config.yaml (starting with "Staff" for staff journeys) if this is wrong.';

/**
 * Who uses the service, from the analysis: a staff sign-in applied to every route means staff only, unless the
 * team's config names a public journey; otherwise routes served without sign-in mean the public can reach it.
 * Sign-in (OIDC, Passport, bearer tokens) with no such routes means staff only for a workforce identity provider
 * (Entra ID, Google Workspace) or in the case-work archetypes
 * (Levels 3 to 5), the public in forms and dashboards (Levels 1 and 2), and both when the level is unsure.
 */
export function audienceOf(profile: Profile): Audience {
  const journeys = profile.journeys;
  const everyRoute = staffSignInOnAllRoutes(profile.facts);
  if (
    everyRoute &&
    !journeys.some((j) => !STAFF_JOURNEY.test(j.affected) && j.provenance.source !== "analysis")
  )
    return {
      citizen: false,
      staff: true,
      reason: `The analysis found sign-in applied to every route (${code(`${everyRoute.file}:${everyRoute.line}`)}${everyRoute.snippet ? `: ${code(everyRoute.snippet)}` : ""}). ${HOW}`,
    };
  if (journeys.length && journeys.every((j) => STAFF_JOURNEY.test(j.affected)))
    return { citizen: false, staff: true, reason: `Every journey is used by staff. ${HOW}` };
  const auth = profile.facts.auth;
  const kinds = new Set(auth.map((a) => a.kind));
  const citizenIdp = citizenSignIn(profile.facts);
  const signIn = ["oidc", "passport", "jwt"].some((k) => kinds.has(k as never)) && !citizenIdp;
  const open = kinds.has("none") || auth.length === 0 || citizenIdp;
  const staffJourneys = journeys.some((j) => STAFF_JOURNEY.test(j.affected));
  const citizenJourneys = journeys.some((j) => !STAFF_JOURNEY.test(j.affected));
  // Interactive staff sign-in beside journeys the analysis classed as public: sign-in guards only the staff part.
  const partial = staffJourneys && citizenJourneys && (kinds.has("oidc") || kinds.has("passport"));
  if (signIn && !open && !partial) {
    // Sign-in alone does not say who signs in: applicants sign in to forms and dashboards too. Only the
    // case-work archetypes (3 to 5) make it staff; an unsure level keeps both sets of drafts.
    const level = profile.service.level;
    if (workforceSignIn(profile))
      return {
        citizen: false,
        staff: true,
        reason: `The analysis found a workforce sign-in (Microsoft Entra ID / Azure AD or Google Workspace) and no routes served without it. ${HOW}`,
      };
    if (!level.unsure && level.value >= 3)
      return {
        citizen: false,
        staff: true,
        reason: `The analysis found sign-in, no routes served without it, and a Level ${level.value} service, which staff work in. ${HOW}`,
      };
    return {
      citizen: true,
      staff: level.unsure === true,
      reason: level.unsure
        ? `The analysis found sign-in and no routes served without it, but could not tell who signs in, so both staff and citizen drafts are written. ${HOW}`
        : `The analysis found sign-in and no routes served without it, in a Level ${level.value} service: the public signs in to use it. ${HOW}`,
    };
  }
  const staff = signIn || staffJourneys || kinds.has("basic") || kinds.has("session");
  return {
    citizen: true,
    staff,
    reason: staff
      ? `The analysis found routes the public can reach and parts behind sign-in. ${HOW}`
      : `The analysis found routes served without staff sign-in. ${HOW}`,
  };
}
