import type { Profile } from "../../profile/schema.js";
import { alertFor } from "./alert-def.js";
import { ownerOf } from "./failure-modes.js";
import { METRICS } from "./metrics.js";
import { selector, seriesName, type AlertDef } from "./rules.js";
import { counter, scenario } from "./series.js";

/** Office hours in UTC, Monday to Friday; a starting point for the team to adjust. */
export const OFFICE_HOURS_UTC = { from: 7, to: 19 } as const;

const BULK_FACTOR = 5;
const BULK_FLOOR_PER_HOUR = 200;

type Phases = Array<[perMinute: number, minutes: number]>;
const grow = (p: Phases) => counter(p.map(([per, minutes]) => ({ per, minutes })));

function accessAlerts(profile: Profile): AlertDef[] {
  const fm = ownerOf(profile, "data-access");
  if (!fm) return [];
  const service = profile.service.name;
  const m = METRICS.personalDataAccess.name;
  const record = "service_operation:personal_data_records_accessed:rate1h";
  const recorded = `${record}${selector({ service })}`;
  const exports = (p: Phases) => [
    { series: seriesName(m, { service, operation: "export", actor: "staff" }), values: grow(p) },
  ];
  const staffReads = (p: Phases) => [
    { series: seriesName(m, { service, operation: "read", actor: "staff" }), values: grow(p) },
  ];
  const { from, to } = OFFICE_HOURS_UTC;
  return [
    alertFor(profile, fm, {
      file: "data-protection",
      name: "personal-data-bulk-access",
      mergeKey: "personal-data-access",
      records: [
        {
          record,
          expr: `sum by (service, operation) (rate(${m}${selector({ service })}[1h]))`,
          labels: { service },
        },
      ],
      expr: `${recorded}\n> ${BULK_FACTOR} * avg_over_time(${recorded}[1d] offset 1h)\nand\n${recorded} * 3600 > ${BULK_FLOOR_PER_HOUR}`,
      for: "15m",
      severity: "security",
      summary: "Unusual volume of reads or exports of personal data",
      description: `In the last hour there were more than ${BULK_FACTOR} times as many operations (see the operation label) on records holding personal data as in an average hour of the day before (and more than ${BULK_FLOOR_PER_HOUR}). Check who did it and why before anything else.`,
      firing: [
        scenario(
          "bulk export after a normal day",
          exports([
            [5, 1500],
            [50, 60],
          ]),
          [1560],
          [{ operation: "export" }],
        ),
      ],
      quiet: [
        scenario("a normal day of exports", exports([[5, 1560]]), [1560]),
        scenario(
          "ten busy minutes",
          exports([
            [5, 1500],
            [50, 10],
            [5, 50],
          ]),
          [1515, 1560],
        ),
      ],
    }),
    alertFor(profile, fm, {
      file: "data-protection",
      name: "personal-data-access-out-of-hours",
      mergeKey: "personal-data-access",
      expr: `sum by (service) (increase(${m}${selector({ service, actor: "staff" })}[10m])) > 0\nand on ()\n(hour() < ${from} or hour() >= ${to} or day_of_week() == 0 or day_of_week() == 6)`,
      for: "1m",
      severity: "security",
      summary: "Staff read personal data outside office hours",
      description: `Staff accounts read records holding personal data outside ${String(from).padStart(2, "0")}:00-${to}:00 UTC on a weekday.`,
      firing: [
        scenario(
          "staff reads at 01:00 UTC",
          staffReads([
            [0, 60],
            [3, 60],
          ]),
          [120],
          [{}],
        ),
      ],
      quiet: [
        scenario(
          "staff reads at 10:00 UTC",
          staffReads([
            [0, 600],
            [3, 60],
          ]),
          [660],
        ),
      ],
    }),
  ];
}

function logAlerts(profile: Profile): AlertDef[] {
  const fm = ownerOf(profile, "pd-in-logs");
  if (!fm) return [];
  const service = profile.service.name;
  const m = METRICS.personalDataInLogs.name;
  const matches = (p: Phases) => [{ series: seriesName(m, { service, pattern: "email" }), values: grow(p) }];
  return [
    alertFor(profile, fm, {
      file: "data-protection",
      name: "personal-data-in-logs",
      mergeKey: "personal-data-in-logs",
      expr: `sum by (service, pattern) (increase(${m}${selector({ service })}[15m])) > 0`,
      for: "1m",
      severity: "security",
      summary: "Log lines matched a personal-data pattern",
      description:
        "In the last 15 minutes the log redaction filter found personal data (the kind is in the pattern label) in log lines.",
      firing: [
        scenario(
          "an email address logged",
          matches([
            [0, 10],
            [1, 1],
            [0, 10],
          ]),
          [20],
          [{ pattern: "email" }],
        ),
      ],
      quiet: [scenario("clean logs", matches([[0, 30]]), [30])],
    }),
  ];
}

/** Only for services whose profile records personal data. */
export function dataProtectionAlerts(profile: Profile): AlertDef[] {
  if (profile.data.personalData.length === 0) return [];
  return [...accessAlerts(profile), ...logAlerts(profile)];
}
