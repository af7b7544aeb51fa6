import type { FailureMode, Profile } from "../../profile/schema.js";
import { audienceOf } from "../shared/audience.js";
import { levelOf } from "../shared/level.js";
import { prose } from "../shared/format.js";

export type CommsKind = Exclude<FailureMode["commsTemplate"], "none">;

/** Wording per kind of incident. `{what}` is what citizens cannot do, `{service}` the service's name. */
const WORDING: Record<
  CommsKind,
  { title: string; problem: string; past: string; identified: string; banner: string }
> = {
  outage: {
    title: "Service unavailable",
    problem: "you cannot {what}",
    past: "people could not {what}",
    identified: "We've found what stopped people being able to {what}",
    banner: "You cannot {what} at the moment. We're working to fix this.",
  },
  degraded: {
    title: "Service slow or failing for some people",
    problem: "some people are having problems when they {what}",
    past: "some people had problems when they tried to {what}",
    identified: "We've found why some people had problems when they {what}",
    banner: "Some people are having problems when they {what}. If you see an error, try again later.",
  },
  delay: {
    title: "Replies and confirmations delayed",
    problem: "replies and confirmations are taking longer than usual when you {what}",
    past: "replies and confirmations took longer than usual for people who {what}",
    identified: "We've found why replies and confirmations were delayed",
    banner: "Replies and confirmation messages are delayed. You do not need to contact us again.",
  },
  "data-error": {
    title: "Some information shown may be wrong",
    problem: "some information shown when you {what} may be wrong",
    past: "some information shown to people who {what} was wrong",
    identified: "We've found why some information was wrong",
    banner: "Some information on this service may be wrong. We're checking and correcting it.",
  },
  security: {
    title: "Security incident",
    problem: "some people cannot {what} while we deal with a security problem",
    past: "parts of the service were offline while we dealt with a security problem",
    identified: "We've contained a security problem",
    banner: "Parts of this service are unavailable while we deal with a security problem.",
  },
  "data-breach": {
    title: "Personal data breach",
    problem:
      "some personal information given when people {what} may have been seen by people who should not have seen it",
    past: "some personal information given by people who {what} may have been seen by people who should not have seen it",
    identified: "We've stopped the problem that exposed personal information",
    banner:
      "We're dealing with a problem that may have affected some personal information. We'll contact everyone affected.",
  },
};

/** The citizen journeys the kind's failure modes affect (all citizen journeys when none is linked). */
function journeyNames(profile: Profile, modes: FailureMode[]): string {
  const ids = new Set(modes.flatMap((m) => m.affects.journeys));
  const citizen = profile.journeys.filter((j) => !/^staff/i.test(j.affected));
  const pool = citizen.length ? citizen : profile.journeys;
  const linked = pool.filter((j) => ids.has(j.id));
  return (linked.length ? linked : pool)
    .slice(0, 3)
    .map((j) => `"${j.name}"`)
    .join(" or ");
}

/** The kinds the failure modes use, and always those the reporting duties need. */
export function commsKinds(profile: Profile): CommsKind[] {
  const used = new Set<string>([
    ...profile.failureModes.map((f) => f.commsTemplate),
    "data-breach",
    "security",
  ]);
  return (Object.keys(WORDING) as CommsKind[]).filter((k) => used.has(k));
}

export function commsPath(kind: CommsKind): string {
  return `ops/incident/comms/${kind}.md`;
}

export function commsModel(profile: Profile, kind: CommsKind) {
  const modes = profile.failureModes.filter((f) => f.commsTemplate === kind);
  const names = journeyNames(profile, modes);
  const what = names ? `use ${names} on ${profile.service.title}` : `use ${profile.service.title}`;
  const fill = (text: string) => prose(text.replaceAll("{what}", what));
  const level = levelOf(profile);
  const sms = `${profile.service.title}: ${WORDING[kind].banner.replaceAll("{what}", names ? `use ${names}` : "use the service")} We'll text you when it's fixed.`;
  const audience = audienceOf(profile);
  const notify = profile.facts.integrations.some((i) => i.kind === "notify");
  const frontend = profile.facts.signals.some((x) => x.name === "govuk-frontend");
  const staffWhat = prose(
    names ? `use ${names} on ${profile.service.title}` : `use ${profile.service.title}`,
  );
  return {
    kind,
    audience,
    audienceReason: audience.reason,
    notify,
    frontend,
    staffInstead: [
      "Record work in the team's business-continuity fallback (\\[where: a shared spreadsheet, paper forms, another system\\]) and enter it in the service once it is back.",
      "Do not retry failed actions repeatedly: each retry may have been saved.",
    ],
    staffWhat,
    title: WORDING[kind].title,
    service: prose(profile.service.title),
    problem: fill(WORDING[kind].problem),
    past: fill(WORDING[kind].past),
    identified: fill(WORDING[kind].identified),
    banner: fill(WORDING[kind].banner),
    sms: {
      text: prose(sms),
      characters: sms.length,
      fragments: sms.length <= 160 ? 1 : Math.ceil(sms.length / 153),
    },
    instead: level.instead.map(prose),
    channels: "\\[phone line, email address or office people can use instead, with opening hours\\]",
    failureModes: modes.map((f) => ({ id: f.id, title: prose(f.title), severity: f.severity })),
    breach: kind === "data-breach",
    security: kind === "security",
    parliamentary: profile.service.level.value === 4,
  };
}
