import { VERSION } from "../version.js";
import type { CheckReport, Finding } from "./format.js";
import { validators } from "./validators/index.js";

/** govops' own rules, beside one rule per validator. */
const OWN_RULES: Record<string, string> = {
  missing: "A file of the pack has not been generated yet",
  edited: "A generated file was edited by hand since it was generated",
  drift: "A generated file is out of date with the profile or the templates",
  orphan: "A file govops generated earlier is no longer part of the pack",
  torn: "An earlier generate stopped while writing a file of the pack",
  manifest: "The pack has no generation manifest",
  "validator-missing": "A validator could not run because its tool is missing",
};

/** SARIF 2.1.0, as GitHub code scanning reads it: one run, rules per validator, results with locations. */
export function toSarif(report: CheckReport): object {
  const rules = [
    ...validators.map((v) => ({ id: v.id, text: `Reported by ${v.title}` })),
    ...Object.entries(OWN_RULES).map(([id, text]) => ({ id, text })),
  ];
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const [results, notifications] = [
    report.findings.filter((f) => f.rule !== "validator-missing"),
    report.findings.filter((f) => f.rule === "validator-missing"),
  ];
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "govops",
            version: VERSION,
            rules: rules.map((r) => ({ id: r.id, shortDescription: { text: r.text } })),
          },
        },
        invocations: [
          {
            executionSuccessful: true,
            toolConfigurationNotifications: notifications.map((f) => ({
              descriptor: { id: f.rule },
              level: f.level,
              message: { text: f.message },
            })),
          },
        ],
        results: results.map((f) => result(f, index.get(f.rule))),
      },
    ],
  };
}

function result(f: Finding, ruleIndex: number | undefined): object {
  return {
    ruleId: f.rule,
    ...(ruleIndex === undefined ? {} : { ruleIndex }),
    level: f.level,
    message: { text: f.message },
    ...(f.file
      ? {
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: f.file.split("/").map(encodeURIComponent).join("/") },
                ...(f.line ? { region: { startLine: f.line } } : {}),
              },
            },
          ],
        }
      : {}),
  };
}
