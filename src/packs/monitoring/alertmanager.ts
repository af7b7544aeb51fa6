import type { Profile } from "../../profile/schema.js";
import { monitoringAlerts } from "./alerts.js";
import {
  businessHours,
  businessHoursReadme,
  OFFICE_HOURS_INTERVAL,
  OFFICE_HOURS_LOCATION,
} from "./business-hours.js";
import type { Priority } from "./rules.js";

/** Re-notify at each priority's update clock (GDS Way incident priorities; operations-facts.md). */
export const REPEAT_INTERVAL: Record<Priority, string> = {
  P1: "1h",
  P2: "2h",
  // "Once after 2 business days" and "once after 5": Alertmanager keeps its notification log 120h by
  // default, so a longer interval would not be honoured.
  P3: "48h",
  P4: "120h",
};

// A contact serves the first purpose its role matches, so "security team" is not also the ticket queue.
const PURPOSES = [
  { id: "security", match: /security|cyber|soc\b|data protection|dpo|privacy/i, what: "security alerts" },
  { id: "incident-comms", match: /comms|communication|press/i, what: "pages citizens can see" },
  { id: "on-call", match: /on.?call|engineer|support/i, what: "pages: P1 and P2 at any time" },
  { id: "service-team", match: /team|owner|product|delivery/i, what: "tickets, in office hours" },
] as const;

type Purpose = (typeof PURPOSES)[number]["id"];

export interface Receiver {
  name: string;
  purpose: string;
  placeholder: boolean;
  emails: string[];
  webhooks: string[];
}

/** A receiver per purpose from profile.contacts.escalation; a purpose nobody covers is a named placeholder. */
export function receivers(profile: Profile): Record<Purpose, Receiver> {
  const out = {} as Record<Purpose, Receiver>;
  const p2Waits = businessHours(profile).held.includes("P2");
  for (const p of PURPOSES) {
    const contacts = profile.contacts.escalation.filter(
      (c) => PURPOSES.find((q) => q.match.test(c.role))?.id === p.id,
    );
    const emails = contacts.map((c) => c.contact.trim()).filter((c) => /^[^\s@]+@[^\s@]+$/.test(c));
    const webhooks = contacts.map((c) => c.contact.trim()).filter((c) => /^https:\/\/\S+$/.test(c));
    const placeholder = emails.length + webhooks.length === 0;
    out[p.id] = {
      name: placeholder ? `${p.id}-placeholder` : p.id,
      purpose: p.id === "on-call" && p2Waits ? "pages: P1 at any time, P2 in office hours" : p.what,
      placeholder,
      emails,
      webhooks,
    };
  }
  return out;
}

export interface PriorityRoute {
  /** The priorities the child matches. */
  priorities: Priority[];
  matcher: string;
  repeat: string;
  /** Set when these priorities wait for office hours: the time intervals in which they may notify. */
  activeTimeIntervals?: string[];
}

export interface Route {
  matchers: string[];
  receiver: string;
  continue?: boolean;
  repeat: string;
  /** Children that only change the repeat interval or the hours it notifies in, by priority. */
  byPriority: PriorityRoute[];
}

function byPriority(...priorities: Priority[]): PriorityRoute[] {
  return priorities.map((p) => ({ priorities: [p], matcher: `priority="${p}"`, repeat: REPEAT_INTERVAL[p] }));
}

const PRIORITIES: Priority[] = ["P1", "P2", "P3", "P4"];

/**
 * A route whose held priorities notify only in office hours: its children for those priorities get
 * `active_time_intervals`, one more child catches the held priorities it had no child for, and the route itself
 * keeps none, so a P1 (or an alert with no priority) that stops there notifies at any hour whether or not
 * Alertmanager passes a parent's intervals on to its children.
 */
function holdForOfficeHours(route: Route, held: Priority[]): Route {
  const pinned = PRIORITIES.filter((p) => route.matchers.includes(`priority="${p}"`));
  const waits = (pinned.length ? pinned : PRIORITIES).filter((p) => held.includes(p));
  if (waits.length === 0) return route;
  const active = { activeTimeIntervals: [OFFICE_HOURS_INTERVAL] };
  const children = route.byPriority.map((c) =>
    c.priorities.every((p) => waits.includes(p)) ? { ...c, ...active } : c,
  );
  const rest = waits.filter((p) => !route.byPriority.some((c) => c.priorities.includes(p)));
  if (rest.length > 0)
    children.push({
      priorities: rest,
      matcher: rest.length === 1 ? `priority="${rest[0]}"` : `priority=~"${rest.join("|")}"`,
      repeat: route.repeat,
      ...active,
    });
  return { ...route, byPriority: children };
}

/** The routing policy: security to security (and on-call when P1), pages to on-call, tickets to the team. */
export function routes(profile: Profile): { root: string; routes: Route[] } {
  const r = receivers(profile);
  const { held } = businessHours(profile);
  const policy: Route[] = [
    {
      matchers: ['severity="security"'],
      receiver: r.security.name,
      continue: true,
      repeat: "2h",
      byPriority: byPriority("P1", "P3", "P4"),
    },
    {
      matchers: ['severity="security"', 'priority="P1"'],
      receiver: r["on-call"].name,
      repeat: "1h",
      byPriority: [],
    },
    {
      matchers: ['severity="page"', 'citizen_impact="critical"'],
      receiver: r["incident-comms"].name,
      continue: true,
      repeat: "1h",
      byPriority: [],
    },
    {
      matchers: ['severity="page"'],
      receiver: r["on-call"].name,
      repeat: REPEAT_INTERVAL.P2,
      byPriority: byPriority("P1"),
    },
    {
      matchers: ['severity="ticket"'],
      receiver: r["service-team"].name,
      repeat: REPEAT_INTERVAL.P4,
      byPriority: byPriority("P1", "P2", "P3"),
    },
  ];
  return { root: r["service-team"].name, routes: policy.map((route) => holdForOfficeHours(route, held)) };
}

/** The receivers an alert with these labels must reach: the policy, stated independently of the tree. */
export function expectedReceivers(profile: Profile, labels: Record<string, string>): string[] {
  const r = receivers(profile);
  if (labels.severity === "security")
    return labels.priority === "P1" ? [r.security.name, r["on-call"].name] : [r.security.name];
  if (labels.severity === "page")
    return labels.citizen_impact === "critical"
      ? [r["incident-comms"].name, r["on-call"].name]
      : [r["on-call"].name];
  return [r["service-team"].name];
}

export interface RouteCase {
  labels: Record<string, string>;
  receivers: string[];
}

/** One routing case per distinct severity, priority and citizen impact among the generated alerts. */
export function routeCases(profile: Profile): RouteCase[] {
  const seen = new Map<string, RouteCase>();
  for (const { rule } of monitoringAlerts(profile)) {
    const { service, severity, priority, citizen_impact } = rule.labels;
    const labels = {
      alertname: rule.alert,
      service: service!,
      severity: severity!,
      priority: priority!,
      citizen_impact: citizen_impact!,
    };
    const key = `${severity}/${priority}/${citizen_impact}`;
    if (!seen.has(key)) seen.set(key, { labels, receivers: expectedReceivers(profile, labels) });
  }
  return [...seen.values()];
}

/** The `office-hours` time interval, when some alerts wait for it. */
function timeIntervals(profile: Profile) {
  const b = businessHours(profile);
  if (b.held.length === 0) return [];
  return [
    {
      name: OFFICE_HOURS_INTERVAL,
      held: b.held.join(", "),
      weekdays: b.days,
      start: b.start,
      end: b.end,
      location: OFFICE_HOURS_LOCATION,
    },
  ];
}

/**
 * The mail relay from `monitoring.email`; when email receivers need one and it is unset, a marked placeholder
 * (amtool rejects email receivers without a smarthost and sender).
 */
function smtp(profile: Profile, all: Receiver[]) {
  const email = profile.monitoring?.email;
  if (email) return { smarthost: email.smarthost, from: email.from, placeholder: false };
  if (!all.some((r) => r.emails.length > 0)) return undefined;
  return { smarthost: "smtp.example.invalid:587", from: "alertmanager@example.invalid", placeholder: true };
}

export function alertmanagerModel(profile: Profile) {
  const all = Object.values(receivers(profile));
  return {
    service: profile.service.name,
    ...routes(profile),
    receivers: all,
    smtp: smtp(profile, all),
    timeIntervals: timeIntervals(profile),
  };
}

/** What the monitoring README says of Alertmanager: office hours, and what is left to set. */
export function alertmanagerReadme(profile: Profile): { businessHours: string; todos: string[] } {
  const { summary, todos } = businessHoursReadme(profile);
  const relay = smtp(profile, Object.values(receivers(profile)));
  return {
    businessHours: summary,
    todos: [
      ...(relay?.placeholder
        ? [
            "set monitoring.email (smarthost, from) in govops.config.yaml: until then email receivers send through a placeholder mail relay.",
          ]
        : []),
      ...todos,
    ],
  };
}
