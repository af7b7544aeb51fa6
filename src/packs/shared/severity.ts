import type { Profile } from "../../profile/schema.js";

/** GDS Way, "How to manage technical incidents": classes, clocks and update cadence. */
export const SEVERITIES = [
  {
    id: "P1",
    type: "Critical",
    impact:
      "Citizens cannot use a critical journey at all, or someone is accessing data without authorisation.",
    example: "complete outage, or ongoing unauthorised access",
    respond: "20 minutes, at any time",
    updates: "every hour",
    outOfHours: true,
  },
  {
    id: "P2",
    type: "Major",
    impact: "Many citizens cannot finish a journey, or staff cannot do the work citizens are waiting on.",
    example: "substantial degradation of service",
    respond: "60 minutes, at any time",
    updates: "every 2 hours",
    outOfHours: true,
  },
  {
    id: "P3",
    type: "Significant",
    impact: "Some citizens see errors or delays, and a workaround exists.",
    example: "intermittent or degraded service",
    respond: "2 hours, in office hours",
    updates: "once after 2 business days",
    outOfHours: false,
  },
  {
    id: "P4",
    type: "Minor",
    impact: "A component failed with no immediate effect on citizens.",
    example: "component failure with no immediate impact; failed denial-of-service attempt",
    respond: "1 business day",
    updates: "once after 5 business days",
    outOfHours: false,
  },
] as const;

export type SeverityId = (typeof SEVERITIES)[number]["id"];

export function severity(id: SeverityId) {
  return SEVERITIES.find((s) => s.id === id)!;
}

/** The service's own failure modes under each class, so the matrix reads in its terms. */
export function severityMatrix(profile: Profile) {
  return SEVERITIES.map((s) => ({
    ...s,
    failureModes: profile.failureModes
      .filter((f) => f.severity === s.id)
      .map((f) => ({ id: f.id, title: f.title })),
  }));
}
