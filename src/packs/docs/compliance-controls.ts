import type { ComplianceControl } from "../../profile/schema.js";

export type Framework = ComplianceControl["framework"];

/** A control and what in a govops pack covers it. Links are relative to `ops/`. */
export interface Control {
  framework: Framework;
  control: string;
  title: string;
  coveredBy: string[];
  gap?: string;
}

const RUNBOOKS = "[runbooks](runbooks/README.md)";
const INCIDENT = "[incident response](incident/README.md)";
const OPS = "[operations guide](OPERATIONS.md)";
const SLO = "SLO burn-rate alerts (monitoring pack)";
const CI = "CI pipeline quality gates (delivery pack)";
const OUTSIDE =
  "Not an operations matter: shown at service assessment through research, design and team evidence.";

const ss = (n: number, title: string, coveredBy: string[], gap?: string): Control => ({
  framework: "service-standard",
  control: `Point ${n}`,
  title,
  coveredBy,
  ...(gap ? { gap } : {}),
});
const tcop = (n: number, title: string, coveredBy: string[], gap?: string): Control => ({
  framework: "tcop",
  control: `Point ${n}`,
  title,
  coveredBy,
  ...(gap ? { gap } : {}),
});

export const CONTROLS: Control[] = [
  ss(1, "Understand users and their needs", [], OUTSIDE),
  ss(2, "Solve a whole problem for users", [], OUTSIDE),
  ss(
    3,
    "Provide a joined up experience across all channels",
    ["alternative channels in the [communications templates](incident/README.md#communications)"],
    "Only covers what citizens are told during incidents.",
  ),
  ss(4, "Make the service simple to use", [], OUTSIDE),
  ss(
    5,
    "Make sure everyone can use the service",
    [CI],
    "Automated accessibility tests find a subset of problems; manual and assistive-technology testing is still needed.",
  ),
  ss(6, "Have a multidisciplinary team", [], OUTSIDE),
  ss(7, "Use agile ways of working", [], OUTSIDE),
  ss(8, "Iterate and improve frequently", [CI, "blameless [postmortems](incident/postmortem.md)"]),
  ss(
    9,
    "Create a secure service which protects users' privacy",
    [CI, INCIDENT],
    "Threat modelling, penetration testing and a DPIA are not produced by govops.",
  ),
  ss(
    10,
    "Define what success looks like and publish performance data",
    [SLO],
    "Key performance indicators (cost per transaction, completion rate, satisfaction) are not measured by the pack.",
  ),
  ss(11, "Choose the right tools and technology", [OPS]),
  ss(
    12,
    "Make new source code open",
    [],
    "Not checked: the repository's visibility and licence are the team's decision.",
  ),
  ss(13, "Use and contribute to open standards, common components and patterns", [
    "GOV.UK Notify and GOV.UK Frontend usage recorded in the " + OPS,
  ]),
  ss(14, "Operate a reliable service", [SLO, RUNBOOKS, INCIDENT, OPS]),
  tcop(1, "Define user needs", [], OUTSIDE),
  tcop(2, "Make things accessible and inclusive", [CI], "As Service Standard point 5."),
  tcop(3, "Be open and use open source", [], "Not checked."),
  tcop(4, "Make use of open standards", [
    "OpenMetrics and Prometheus rules (monitoring pack)",
    "OpenID Connect where the service signs people in",
  ]),
  tcop(5, "Use cloud first", [OPS], "Hosting is recorded, not assessed."),
  tcop(6, "Make things secure", [CI, INCIDENT]),
  tcop(
    7,
    "Make privacy integral",
    [INCIDENT, OPS],
    "Lawful basis and retention per field are recorded in the profile and must be completed by the team.",
  ),
  tcop(8, "Share, reuse and collaborate", ["[methodology guide](METHODOLOGY.md)"]),
  tcop(9, "Integrate and adapt technology", [OPS]),
  tcop(10, "Make better use of data", [], "Not covered."),
  tcop(11, "Define your purchasing strategy", [], "Not covered."),
  tcop(12, "Make your technology sustainable", [], "Not covered: no measure of energy or carbon."),
  tcop(13, "Meet the Service Standard", ["this matrix"]),
  {
    framework: "wcag-2.2-aa",
    control: "Perceivable, Operable, Understandable, Robust",
    title: "WCAG 2.2 level AA on every page of the citizen journeys",
    coveredBy: [CI],
    gap: "Automated tools test a subset. Criteria new in 2.2 (2.4.11 Focus Not Obscured, 2.5.7 Dragging Movements, 2.5.8 Target Size, 3.2.6 Consistent Help, 3.3.7 Redundant Entry, 3.3.8 Accessible Authentication) need manual testing. An accessibility statement is required by the Public Sector Bodies Accessibility Regulations 2018.",
  },
  {
    framework: "uk-gdpr",
    control: "Article 5",
    title: "Principles: minimisation, storage limitation, integrity",
    coveredBy: ["personal data found by the analysis, listed in `ops/profile.yaml`"],
    gap: "Retention per field is a placeholder in the profile until the team records it.",
  },
  {
    framework: "uk-gdpr",
    control: "Article 25",
    title: "Data protection by design and by default",
    coveredBy: [OPS],
    gap: "Design choices are not assessed.",
  },
  {
    framework: "uk-gdpr",
    control: "Article 30",
    title: "Records of processing",
    coveredBy: [],
    gap: "Not produced: the data protection officer keeps them; the profile's personal-data list is an input.",
  },
  { framework: "uk-gdpr", control: "Article 32", title: "Security of processing", coveredBy: [CI, OPS] },
  {
    framework: "uk-gdpr",
    control: "Article 33",
    title: "Notify the ICO of a personal-data breach within 72 hours",
    coveredBy: [
      "[reporting duties](incident/README.md#reporting-duties)",
      "[incident log](incident/incident-log.md)",
    ],
  },
  {
    framework: "uk-gdpr",
    control: "Article 34",
    title: "Tell the people affected by a high-risk breach",
    coveredBy: ["[data-breach communications](incident/comms/data-breach.md)"],
  },
  {
    framework: "uk-gdpr",
    control: "Article 35",
    title: "Data protection impact assessment",
    coveredBy: [],
    gap: "Not produced by govops.",
  },
  {
    framework: "ncsc-caf",
    control: "A1",
    title: "Governance",
    coveredBy: [INCIDENT],
    gap: "Board-level accountability is outside the pack.",
  },
  {
    framework: "ncsc-caf",
    control: "A2",
    title: "Risk management",
    coveredBy: ["failure modes in `ops/profile.yaml`", RUNBOOKS],
  },
  {
    framework: "ncsc-caf",
    control: "A3",
    title: "Asset management",
    coveredBy: ["dependencies in the " + OPS],
  },
  {
    framework: "ncsc-caf",
    control: "A4",
    title: "Supply chain",
    coveredBy: [CI],
    gap: "Supplier assurance is not covered.",
  },
  {
    framework: "ncsc-caf",
    control: "B1",
    title: "Service protection policies and processes",
    coveredBy: [OPS],
  },
  {
    framework: "ncsc-caf",
    control: "B2",
    title: "Identity and access control",
    coveredBy: ["access rules in the " + OPS],
  },
  {
    framework: "ncsc-caf",
    control: "B3",
    title: "Data security",
    coveredBy: [OPS],
    gap: "Encryption at rest and in transit is not checked.",
  },
  { framework: "ncsc-caf", control: "B4", title: "System security", coveredBy: [CI] },
  {
    framework: "ncsc-caf",
    control: "B5",
    title: "Resilient networks and systems",
    coveredBy: [SLO, "backups and recovery objectives in the " + OPS],
  },
  {
    framework: "ncsc-caf",
    control: "B6",
    title: "Staff awareness and training",
    coveredBy: ["on-call handbook in the " + OPS],
    gap: "Training records are outside the pack.",
  },
  {
    framework: "ncsc-caf",
    control: "C1",
    title: "Security monitoring",
    coveredBy: [SLO],
    gap: "Security event monitoring (a SIEM) is not generated.",
  },
  {
    framework: "ncsc-caf",
    control: "C2",
    title: "Proactive security event discovery",
    coveredBy: [],
    gap: "Not covered.",
  },
  {
    framework: "ncsc-caf",
    control: "D1",
    title: "Response and recovery planning",
    coveredBy: [RUNBOOKS, INCIDENT],
  },
  {
    framework: "ncsc-caf",
    control: "D2",
    title: "Lessons learned",
    coveredBy: ["[postmortem template](incident/postmortem.md)"],
  },
];
