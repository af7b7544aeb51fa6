import { OFFICE_HOURS, type Profile, type Weekday } from "../../profile/schema.js";
import { audienceOf } from "../shared/audience.js";
import type { Priority } from "./rules.js";

/** The name of the office-hours time interval in alertmanager.yml. */
export const OFFICE_HOURS_INTERVAL = "office-hours";
/** Office hours are UK time, so 09:00 stays 09:00 across the change to and from British Summer Time. */
export const OFFICE_HOURS_LOCATION = "Europe/London";

export interface BusinessHours {
  /** Priorities whose notifications wait for office hours; none when business-hours routing is off. */
  held: Priority[];
  start: string;
  end: string;
  days: Weekday[];
  /** Only staff use the service (audienceOf). */
  staffOnly: boolean;
}

/**
 * Which alerts wait for office hours (`monitoring.businessHours`; default on when only staff use the service).
 *
 * A P1 never waits: a complete outage or unauthorised access to data needs someone at any hour, whoever the
 * users are. On a staff-only service P2, P3 and P4 wait: out of hours nobody is using it, so "staff cannot do
 * the work" (P2) hurts no one until they are back, and P3 and P4 are office-hours classes anyway (GDS Way
 * incident priorities; operations-facts.md). A team that turns business hours on for a service the public
 * uses holds only P3 and P4: a P2 there means citizens cannot finish a journey now, so it still pages.
 */
export function businessHours(profile: Profile): BusinessHours {
  const config = profile.monitoring?.businessHours;
  const staffOnly = !audienceOf(profile).citizen;
  const enabled = config?.enabled ?? staffOnly;
  return {
    held: !enabled ? [] : staffOnly ? ["P2", "P3", "P4"] : ["P3", "P4"],
    start: config?.start ?? OFFICE_HOURS.start,
    end: config?.end ?? OFFICE_HOURS.end,
    days: config?.days ?? [...OFFICE_HOURS.days],
    staffOnly,
  };
}

/** "Monday to Friday, 09:00 to 17:00 UK time": the office hours alerts wait for, in words. */
export function officeHoursText(b: Pick<BusinessHours, "days" | "start" | "end">): string {
  return `${dayNames(b.days)}, ${b.start} to ${b.end} UK time`;
}

function dayNames(days: Weekday[]): string {
  if (OFFICE_HOURS.days.join() === days.join()) return "Monday to Friday";
  return days.map((d) => d.charAt(0).toUpperCase() + d.slice(1)).join(", ");
}

/** The README's paragraph on business-hours routing (when notifications wait, how to change it) and its TO DO. */
export function businessHoursReadme(profile: Profile): { summary: string; todos: string[] } {
  const b = businessHours(profile);
  if (b.held.length === 0)
    return {
      summary:
        (b.staffOnly ? "" : "The public uses this service, so business-hours routing is off: ") +
        "every alert notifies at any hour. To hold P3 and P4 alerts until office hours, set " +
        "monitoring.businessHours.enabled: true in govops.config.yaml.",
      todos: [],
    };
  return {
    summary:
      `Business-hours routing is on${b.staffOnly ? " because only staff use this service" : ""}: ` +
      `${b.held.join(", ")} alerts notify only in office hours, ${dayNames(b.days)} ${b.start} to ${b.end} UK time ` +
      `(the ${OFFICE_HOURS_INTERVAL} time interval in alertmanager.yml). An alert still firing when office hours ` +
      "begin is sent then; one that fired and resolved out of hours is not sent, so check Alertmanager in the " +
      "morning. P1 alerts reach on-call at any hour. Change the hours with monitoring.businessHours (start, end, " +
      "days) in govops.config.yaml, or turn it off with monitoring.businessHours.enabled: false. " +
      "govops drill ignores office hours, so a drill pages at any hour.",
    todos: [
      "England and Wales bank holidays are not muted: govops has no bank-holiday calendar yet, so alerts held for office hours still notify on a bank holiday as on any weekday.",
    ],
  };
}
