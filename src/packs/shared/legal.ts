import type { Profile } from "../../profile/schema.js";

/** Words that show processing for law-enforcement purposes: offenders, prisons, probation, courts' criminal work. */
const LAW_ENFORCEMENT =
  /offen(der|ce|ding)|prison(er)?|probation|custody|convict|sentenc|adjudicat|nomis|delius|hmpps|criminal|police|parole|youth.?justice/i;

export interface Duties {
  /** DPA 2018 Part 3 applies (competent authorities processing for law-enforcement purposes). */
  lawEnforcement: boolean;
  /** What showed it, as plain words (variable, field or route names). */
  evidence: string[];
}

/** Which data-protection regime a breach report follows, from what the analysis found the service handles. */
export function dutiesOf(profile: Profile): Duties {
  const f = profile.facts;
  const names = [
    ...f.envVars.map((e) => e.name),
    ...f.personalData.map((p) => p.field),
    ...f.routes.map((r) => r.path),
    ...profile.dependencies.map((d) => d.name),
    profile.service.name,
    profile.service.department,
  ];
  const evidence = [...new Set(names.filter((n) => LAW_ENFORCEMENT.test(n)))].slice(0, 4);
  return { lawEnforcement: evidence.length > 0, evidence };
}
