import type { Profile } from "../../profile/schema.js";
import { ownerTeam } from "../shared/contacts.js";
import { code, indentBlock, listText, percent, prose, todo } from "../shared/format.js";
import { businessHours, officeHoursText } from "../monitoring/business-hours.js";
import type { Step } from "../shared/stack.js";
import { levelOf } from "../shared/level.js";
import { hasMigrations, migrationTool } from "../shared/migrations.js";
import { platformOf } from "../shared/platform.js";
import { backupOf } from "./recovery-objectives.js";

/** A step inside a numbered list: its code block indented under the item. */
const listed = (step: Step): Step => (step.command ? { ...step, command: indentBlock(step.command) } : step);
const where = (e: { file: string; line: number }) => code(`${e.file}:${e.line}`);
/** Mermaid node ids: letters and digits only. */
const node = (id: string) => `n_${id.replace(/[^a-zA-Z0-9]/g, "_")}`;
const label = (text: string) => text.replace(/["`[\]{}()<>|#;]/g, " ").trim();

function diagram(profile: Profile): string {
  const svc = node(profile.service.name);
  const lines = [
    `flowchart LR`,
    `  users["Citizens and staff"] --> ${svc}["${label(profile.service.title)}"]`,
  ];
  for (const d of profile.dependencies)
    lines.push(`  ${svc} --> ${node(d.id)}["${label(d.name)} (${label(d.type)})"]`);
  return lines.join("\n");
}

function readiness(profile: Profile) {
  const r = profile.facts.readiness;
  const row = (name: string, s: { present: boolean; detail?: string | undefined }) => ({
    name,
    state: s.present ? "yes" : "no",
    detail: prose(s.detail ?? (s.present ? "" : "not found by the analysis")),
  });
  return [
    row("Metrics", r.metrics),
    row("Structured logging", r.logging),
    row("Graceful shutdown", r.gracefulShutdown),
    row("Timeouts on outbound calls", r.outboundTimeouts),
    {
      name: "Health endpoint",
      state: r.healthEndpoints.length ? "yes" : "no",
      detail: r.healthEndpoints.map((h) => code(h.path)).join(", ") || "none found",
    },
  ];
}

function backups(profile: Profile) {
  return profile.dependencies
    .filter((d) => d.kind === "datastore")
    .map((d) => {
      const b = backupOf(d);
      const i = d.criticality === "critical" ? 0 : 1;
      return {
        name: prose(d.name),
        holds: b?.holds ?? "unknown",
        method:
          b?.method ??
          todo(
            `record how ${d.name} is backed up (govops.config.yaml has no backup key yet: keep it in a template override of docs/OPERATIONS.md.hbs)`,
          ),
        rpo: b?.rpo[i] ?? "unknown",
        rto: b?.rto[i] ?? "unknown",
        restoreTest: b?.restoreTest,
      };
    });
}

const period = (p: Profile["peakPeriods"][number]) => ({
  name: prose(p.name),
  when: `${p.start} to ${p.end}`,
  traffic: p.trafficMultiplier ? `${p.trafficMultiplier} times normal` : "not estimated",
  description: prose(p.description),
});

/** When a page wakes someone: at any time, or only P1 when business-hours routing holds the rest. */
function pagesWhen(profile: Profile): string {
  const b = businessHours(profile);
  return b.held.includes("P2")
    ? `wake you at any time only for P1; ${listText(b.held)} wait for office hours (${officeHoursText(b)})`
    : "wake you at any time";
}

export function operationsModel(profile: Profile) {
  const platform = platformOf(profile);
  const level = levelOf(profile);
  const s = profile.service;
  return {
    service: prose(s.title),
    description: prose(s.description),
    department: s.department
      ? prose(s.department)
      : todo("name the department: set `department` under `service` in govops.config.yaml"),
    ownerTeam: ownerTeam(profile),
    pagesWhen: pagesWhen(profile),
    level: {
      value: s.level.value,
      archetype: level.archetype,
      confidence: s.level.confidence,
      reasons: s.level.reasons.slice(0, 5).map(prose),
    },
    classification: profile.data.classification,
    hosting:
      s.hosting && s.hosting !== "unknown"
        ? prose(s.hosting)
        : todo("record where the service runs: set `hosting` under `service` in govops.config.yaml"),
    journeys: profile.journeys.map((j) => ({
      name: prose(j.name),
      affected: prose(j.affected),
      criticality: j.criticality,
      routes: j.entryRoutes.length,
      availability: percent(j.slo.availability),
      latency: `${percent(j.slo.latency.target)} under ${j.slo.latency.thresholdMs} ms`,
    })),
    frameworks:
      profile.facts.frameworks.map((f) => `${prose(f.name)} (${where(f.evidence)})`).join(", ") ||
      "none found",
    diagram: diagram(profile),
    dependencies: profile.dependencies.map((d) => ({
      name: prose(d.name),
      type: prose(d.type),
      criticality: d.criticality,
      env: d.envVar ? code(d.envVar) : "not found",
      fallback: prose(d.fallback),
      evidence: d.provenance.evidence?.[0] ? where(d.provenance.evidence[0]) : "not recorded",
    })),
    auth: profile.facts.auth.map((a) => `${prose(a.detail ?? a.kind)} (${where(a.evidence)})`),
    readiness: readiness(profile),
    platform: {
      name: platform.name,
      evidence: platform.evidence.map(code),
      setup: platform.setup,
      rollback: listed(platform.rollback),
      scale: listed(platform.scale),
    },
    ci: profile.facts.ciFiles.map((c) => code(c.evidence.file)),
    migrations: hasMigrations(profile) ? migrationTool(profile) : undefined,
    backups: backups(profile),
    peaks: profile.peakPeriods.map(period),
    freezes: profile.changeFreezes.map(period),
    switchOff: level.switchOff,
    auditTrail: profile.facts.signals.some((x) => x.name === "audit-trail"),
    personalData: profile.data.personalData.length > 0,
  };
}
