import { describe, expect, it } from "vitest";
import type { Notification } from "../../src/drill/receiver.js";
import { drillReport, type DrillObservations } from "../../src/drill/report.js";

const note = (
  at: number,
  receiver: string,
  status: "firing" | "resolved",
  alertname: string,
  severity: string,
) => ({ at, receiver, status, alerts: [{ status, labels: { alertname, severity } }] }) satisfies Notification;

const BURN = "FormsApplyAvailabilityBudgetBurn";
const base = (notes: Notification[], healthy: Notification[]): DrillObservations => {
  const page = notes.find(
    (n) => n.at >= 1000 && n.status === "firing" && n.alerts[0]!.labels.alertname === BURN,
  );
  return {
    service: "forms",
    journey: "apply",
    failure: "redis goes down",
    factor: 60,
    scrapeMs: 500,
    evaluationMs: 1000,
    rate: 10,
    requests: 700,
    warmupMs: 60_000,
    statuses: {
      atInjection: { "200": 500 },
      atRecovery: { "200": 500, "500": 70 },
      atEnd: { "200": 560, "500": 70 },
    },
    injected: 1000,
    recovered: 11_000,
    healthy,
    notifications: notes,
    expected: (labels) => labels.alertname === BURN,
    page: page ?? null,
    paged: page?.alerts[0]!.labels,
    resolved: notes.find((n) => n.at >= 11_000 && n.status === "resolved") ?? null,
  };
};

describe("drillReport", () => {
  it("times the page and its resolution, names its receivers, and lists what else fired", () => {
    const notes = [
      note(500, "tickets", "firing", "FormsSliMetricsAbsent", "ticket"),
      note(10_200, "on-call", "firing", BURN, "page"),
      note(10_300, "incident-comms", "firing", BURN, "page"),
      note(10_400, "tickets", "firing", "FormsRedisDown", "ticket"),
      note(16_000, "on-call", "resolved", BURN, "page"),
    ];
    const r = drillReport(base(notes, notes.slice(0, 1)));
    expect(r.page).toEqual({
      drillSeconds: 9.2,
      realSeconds: 552,
      alert: BURN,
      severity: "page",
      receivers: ["on-call", "incident-comms"],
    });
    expect(r.resolved).toEqual({ drillSeconds: 5, realSeconds: 300 });
    expect(r.responses.failing).toEqual({ "500": 70 });
    expect(r.responses.recovered).toEqual({ "200": 60 });
    expect(r.firingWhileHealthy).toEqual(["FormsSliMetricsAbsent"]);
    expect(r.pagedWhileHealthy).toEqual([]);
    expect(r.otherAlerts).toEqual(["FormsRedisDown"]);
    expect(r.ok).toBe(true);
  });

  it("fails when the journey's page was already firing during healthy traffic", () => {
    const notes = [
      note(400, "on-call", "firing", BURN, "page"),
      note(10_200, "on-call", "firing", BURN, "page"),
      note(16_000, "on-call", "resolved", BURN, "page"),
    ];
    const r = drillReport(base(notes, notes.slice(0, 1)));
    expect(r.pagedWhileHealthy).toEqual([BURN]);
    expect(r.firingWhileHealthy).toEqual([BURN]);
    expect(r.ok).toBe(false);
  });
});
