import type { FailureMode, Profile } from "../../profile/schema.js";
import { LEVELS, type LevelPlaybook, type When } from "./levels.js";

const SERVICE_DOWN = new Set(["outage", "degraded", "delay", "data-error"]);
const BREACH = new Set(["data-breach", "security"]);

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
