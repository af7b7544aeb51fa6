import path from "node:path";
import type { CheckResult } from "./index.js";
import { toSarif } from "./sarif.js";
import { validators } from "./validators/index.js";

export const CHECK_FORMATS = ["text", "json", "sarif", "github"] as const;
export type CheckFormat = (typeof CHECK_FORMATS)[number];

/** One line of the report: a problem (error), or a warning that needs a person but does not fail. */
export interface Finding {
  level: "error" | "warning";
  /** The validator's id, or govops' own: missing, edited, drift, orphan, torn, manifest, validator-missing. */
  rule: string;
  /** What the text output shows in its first column. */
  kind: string;
  file?: string;
  line?: number;
  message: string;
}

/** What every format prints from: the check's result, with `--strict` applied. */
export interface CheckReport {
  ok: boolean;
  strict: boolean;
  validatorsRun: string[];
  findings: Finding[];
  /** The team's files at paths the pack would use, left alone. */
  kept: string[];
}

export function checkReport(result: CheckResult, options: { strict?: boolean } = {}): CheckReport {
  const strict = options.strict ?? false;
  const findings: Finding[] = [
    ...result.problems.map((p) => ({
      level: "error" as const,
      rule: p.kind === "validator" ? validatorOf(p.message) : p.kind,
      kind: p.kind,
      file: p.file,
      line: p.line,
      message: p.message,
    })),
    ...result.skipped.map((s) => ({
      level: strict ? ("error" as const) : ("warning" as const),
      rule: "validator-missing",
      kind: "skipped",
      message: `${s.title} did not run: ${s.reason}`,
    })),
    ...result.notes.map((n) => ({ level: "warning" as const, rule: n.validator, kind: "warning", ...n })),
  ];
  return {
    ok: result.ok && !(strict && result.skipped.length > 0),
    strict,
    validatorsRun: result.validatorsRun,
    findings,
    kept: result.kept ?? [],
  };
}

/** A validator's problem starts with its title; the id names the rule. */
function validatorOf(message: string): string {
  return validators.find((v) => message.startsWith(`${v.title}: `))?.id ?? "validator";
}

/**
 * The report in a format. `base` is the pack's folder relative to where the command runs; SARIF and
 * GitHub annotations name files from there, as code scanning and pull requests expect.
 */
export function formatReport(
  result: CheckResult,
  report: CheckReport,
  format: CheckFormat,
  base = "",
): string {
  const located = report.findings.map((f) =>
    f.file ? { ...f, file: path.posix.join(base.split(path.sep).join("/"), f.file) } : f,
  );
  switch (format) {
    case "json":
      return `${JSON.stringify({ ...result, ok: report.ok, strict: report.strict }, null, 2)}\n`;
    case "sarif":
      return `${JSON.stringify(toSarif({ ...report, findings: located }), null, 2)}\n`;
    case "github":
      return `${[...located.map(annotation), summary(report)].join("\n")}\n`;
    case "text":
      return text(report);
  }
}

function text(report: CheckReport): string {
  if (report.ok) return `${summary(report)}\n`;
  const errors = report.findings.filter((f) => f.level === "error");
  const lines = errors.map((f) => `  ${f.kind.padEnd(9)} ${where(f)}: ${f.message.replace(/\n/g, "\n    ")}`);
  return `${errors.length} problem(s):\n${lines.join("\n")}\n`;
}

function summary(report: CheckReport): string {
  const errors = report.findings.filter((f) => f.level === "error").length;
  const kept = report.kept.length ? `; left alone, not written by govops: ${report.kept.join(", ")}` : "";
  return report.ok
    ? `Pack is valid and up to date (validators: ${report.validatorsRun.join(", ") || "none applicable"})${kept}`
    : `${errors} problem(s)`;
}

const where = (f: Finding) => (f.file ? `${f.file}${f.line ? `:${f.line}` : ""}` : "");

/** A GitHub Actions workflow command, escaped the way @actions/core escapes data and properties. */
export function annotation(f: Finding): string {
  const properties = [
    ...(f.file ? [`file=${escapeProperty(f.file)}`] : []),
    ...(f.file && f.line ? [`line=${f.line}`] : []),
    `title=${escapeProperty(`govops ${f.rule}`)}`,
  ];
  return `::${f.level} ${properties.join(",")}::${escapeData(f.message)}`;
}

const escapeData = (s: string) => s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
