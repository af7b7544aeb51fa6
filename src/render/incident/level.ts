import type { FailureMode, Profile } from "../../profile/schema.js";
import { LEVELS } from "./levels.js";

const SERVICE_DOWN = new Set(["outage", "degraded", "delay", "data-error"]);
const BREACH = new Set(["data-breach", "security"]);

/** Which failure modes a level step applies to. */
export type When = "service-down" | "breach" | "release" | "always";

export interface LevelStep {
  when: When;
  text: (profile: Profile) => string;
}

export interface LevelPlaybook {
  archetype: string;
  /** Recovery that depends on the state the service keeps, added to matching runbooks. */
  recovery: LevelStep[];
  /** What citizens can do instead while the service is down, in plain English. */
  instead: string[];
  /** Peak-period levers: what to switch off first. */
  switchOff: string[];
}

function matches(when: When, fm: FailureMode): boolean {
  if (when === "always") return true;
  if (when === "breach") return BREACH.has(fm.commsTemplate);
  if (when === "release")
    return fm.id.endsWith("-slo-burn") || /release|migration|deploy|rule/.test(fm.trigger.toLowerCase());
  return SERVICE_DOWN.has(fm.commsTemplate);
}

export function levelOf(profile: Profile): LevelPlaybook {
  return LEVELS[profile.service.level.value] ?? LEVELS[3]!;
}

/** The level's recovery steps that apply to this failure mode, as Markdown. */
export function levelRecovery(profile: Profile, fm: FailureMode): string[] {
  return levelOf(profile)
    .recovery.filter((s) => matches(s.when, fm))
    .map((s) => s.text(profile));
}
