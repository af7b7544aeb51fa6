import type { Profile } from "../../profile/schema.js";
import { monitoringAlerts } from "./alerts.js";
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
  for (const p of PURPOSES) {
    const contacts = profile.contacts.escalation.filter(
      (c) => PURPOSES.find((q) => q.match.test(c.role))?.id === p.id,
    );
    const emails = contacts.map((c) => c.contact.trim()).filter((c) => /^[^\s@]+@[^\s@]+$/.test(c));
    const webhooks = contacts.map((c) => c.contact.trim()).filter((c) => /^https:\/\/\S+$/.test(c));
    const placeholder = emails.length + webhooks.length === 0;
    out[p.id] = {
      name: placeholder ? `${p.id}-placeholder` : p.id,
      purpose: p.what,
      placeholder,
      emails,
      webhooks,
    };
  }
  return out;
}

export interface Route {
  matchers: string[];
  receiver: string;
  continue?: boolean;
  repeat: string;
  /** Children that only change the repeat interval, by priority. */
  byPriority: Array<{ matcher: string; repeat: string }>;
}

function byPriority(...priorities: Priority[]) {
  return priorities.map((p) => ({ matcher: `priority="${p}"`, repeat: REPEAT_INTERVAL[p] }));
}

/** The routing policy: security to security (and on-call when P1), pages to on-call, tickets to the team. */
export function routes(profile: Profile): { root: string; routes: Route[] } {
  const r = receivers(profile);
  return {
    root: r["service-team"].name,
    routes: [
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
    ],
  };
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

export function alertmanagerModel(profile: Profile) {
  const all = Object.values(receivers(profile));
  return {
    service: profile.service.name,
    ...routes(profile),
    receivers: all,
    smtp: all.some((r) => r.emails.length > 0),
  };
}
