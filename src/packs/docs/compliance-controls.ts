import type { ComplianceControl } from "../../profile/schema.js";

export type Framework = ComplianceControl["framework"];

/** Something generated that implements (part of) a control: what it is, and candidate files, first found wins. */
export interface Ref {
  label: string;
  files: string[];
}

/** A control, what in a govops pack covers it, and the next step where something is missing. */
export interface Control {
  framework: Framework;
  control: string;
  title: string;
  coveredBy: Ref[];
  gap?: string;
}

const RUNBOOKS: Ref = { label: "runbooks", files: ["ops/runbooks/README.md"] };
const INCIDENT: Ref = { label: "incident response", files: ["ops/incident/README.md"] };
const OPS: Ref = { label: "operations guide", files: ["ops/OPERATIONS.md"] };
const SLO: Ref = { label: "SLO burn-rate alerts", files: ["ops/monitoring/slo-rules.yml"] };
const CI: Ref = { label: "CI quality gates", files: [".github/workflows/ci.yml", ".gitlab-ci.yml"] };
const A11Y: Ref = { label: "accessibility checks", files: ["ops/delivery/accessibility/check.mjs"] };
const DEPS: Ref = { label: "dependency updates", files: [".github/dependabot.yml"] };
const SECRETS: Ref = { label: "secrets scan", files: ["ops/delivery/scripts/secrets-scan.sh"] };
const SBOM: Ref = { label: "software bill of materials", files: ["ops/delivery/scripts/sbom.sh"] };
const PD_ALERTS: Ref = { label: "personal-data alerts", files: ["ops/monitoring/data-protection-rules.yml"] };
const POSTMORTEM: Ref = { label: "postmortem template", files: ["ops/incident/postmortem.md"] };
const LOG: Ref = { label: "incident log", files: ["ops/incident/incident-log.md"] };
const BREACH: Ref = { label: "data-breach communications", files: ["ops/incident/comms/data-breach.md"] };
const OUTSIDE =
  "Not an operations matter: show it at service assessment through research, design and team evidence.";

const ss = (n: number, title: string, coveredBy: Ref[], gap?: string): Control => ({
  framework: "service-standard",
  control: `Point ${n}`,
  title,
  coveredBy,
  ...(gap ? { gap } : {}),
});
const tcop = (n: number, title: string, coveredBy: Ref[], gap?: string): Control => ({
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
    [INCIDENT],
    "Only covers what citizens are told during incidents.",
  ),
  ss(4, "Make the service simple to use", [], OUTSIDE),
  ss(
    5,
    "Make sure everyone can use the service",
    [A11Y],
    "Automated accessibility tests find a subset of problems: plan manual and assistive-technology testing.",
  ),
  ss(6, "Have a multidisciplinary team", [], OUTSIDE),
  ss(7, "Use agile ways of working", [], OUTSIDE),
  ss(8, "Iterate and improve frequently", [CI, POSTMORTEM]),
  ss(
    9,
    "Create a secure service which protects users' privacy",
    [SECRETS, DEPS, INCIDENT],
    "Threat modelling, penetration testing and a DPIA are not produced by govops: commission them before go-live.",
  ),
  ss(
    10,
    "Define what success looks like and publish performance data",
    [SLO],
    "Key performance indicators (cost per transaction, completion rate, satisfaction) are not measured: agree them with the performance analyst and publish them.",
  ),
  ss(
    11,
    "Choose the right tools and technology",
    [],
    "Not assessed by govops: the operations guide records the stack the analysis found; justify the choices at assessment.",
  ),
  ss(
    12,
    "Make new source code open",
    [],
    "Not checked: publish the repository with a licence, or record why it stays closed.",
  ),
  ss(
    13,
    "Use and contribute to open standards, common components and patterns",
    [],
    "Not assessed by govops: list the common components the service uses at assessment.",
  ),
  ss(14, "Operate a reliable service", [SLO, RUNBOOKS, INCIDENT, OPS]),
  tcop(1, "Define user needs", [], OUTSIDE),
  tcop(
    2,
    "Make things accessible and inclusive",
    [A11Y],
    "As Service Standard point 5: plan manual testing.",
  ),
  tcop(3, "Be open and use open source", [], "Not checked: record the licence and the open-source choices."),
  tcop(
    4,
    "Make use of open standards",
    [
      {
        label: "OpenMetrics instrumentation and Prometheus rules",
        files: ["ops/monitoring/instrumentation/metrics.ts"],
      },
    ],
    "Only the monitoring standards are generated: record the standards the service itself uses.",
  ),
  tcop(
    5,
    "Use cloud first",
    [],
    "Not assessed: record the hosting decision (`hosting` under `service` in govops.config.yaml).",
  ),
  tcop(
    6,
    "Make things secure",
    [SECRETS, DEPS, INCIDENT],
    "Threat modelling and penetration testing are outside the pack.",
  ),
  tcop(
    7,
    "Make privacy integral",
    [INCIDENT, OPS],
    "Record the lawful basis and retention of each personal-data field under `personalData` in govops.config.yaml.",
  ),
  tcop(
    8,
    "Share, reuse and collaborate",
    [],
    "Not assessed: the methodology guide explains how the pack is made, nothing more.",
  ),
  tcop(9, "Integrate and adapt technology", [OPS]),
  tcop(10, "Make better use of data", [], "Not covered: outside operations."),
  tcop(11, "Define your purchasing strategy", [], "Not covered: outside operations."),
  tcop(
    12,
    "Make your technology sustainable",
    [],
    "Not covered: measure energy or carbon through the hosting provider.",
  ),
  tcop(
    13,
    "Meet the Service Standard",
    [],
    "This matrix maps the Service Standard; meeting it is shown at assessment.",
  ),
  {
    framework: "wcag-2.2-aa",
    control: "Perceivable, Operable, Understandable, Robust",
    title: "WCAG 2.2 level AA on every page of the citizen journeys",
    coveredBy: [A11Y],
    gap: "Automated tools test a subset. Criteria new in 2.2 (2.4.11 Focus Not Obscured, 2.5.7 Dragging Movements, 2.5.8 Target Size, 3.2.6 Consistent Help, 3.3.7 Redundant Entry, 3.3.8 Accessible Authentication) need manual testing. An accessibility statement is required by the Public Sector Bodies Accessibility Regulations 2018.",
  },
  {
    framework: "uk-gdpr",
    control: "Article 5",
    title: "Principles: minimisation, storage limitation, integrity",
    coveredBy: [PD_ALERTS],
    gap: "Record retention per personal-data field under `personalData` in govops.config.yaml, and delete data when it expires.",
  },
  {
    framework: "uk-gdpr",
    control: "Article 25",
    title: "Data protection by design and by default",
    coveredBy: [],
    gap: "Design choices are not assessed: record them in the DPIA.",
  },
  {
    framework: "uk-gdpr",
    control: "Article 30",
    title: "Records of processing",
    coveredBy: [],
    gap: "Not produced: the data protection officer keeps them; the personal-data fields the analysis found (listed in the operations guide) are an input.",
  },
  {
    framework: "uk-gdpr",
    control: "Article 32",
    title: "Security of processing",
    coveredBy: [SECRETS, DEPS],
    gap: "Encryption, access control and testing of security measures are not checked.",
  },
  {
    framework: "uk-gdpr",
    control: "Article 33",
    title: "Report a personal-data breach to the ICO within 72 hours",
    coveredBy: [INCIDENT, LOG],
  },
  {
    framework: "uk-gdpr",
    control: "Article 34",
    title: "Tell the people affected by a high-risk breach",
    coveredBy: [BREACH],
  },
  {
    framework: "uk-gdpr",
    control: "Article 35",
    title: "Data protection impact assessment",
    coveredBy: [],
    gap: "Not produced by govops: complete a DPIA with the data protection officer before go-live.",
  },
  {
    framework: "ncsc-caf",
    control: "A1",
    title: "Governance",
    coveredBy: [INCIDENT],
    gap: "Board-level accountability is outside the pack: name the senior responsible owner in `contacts.escalation`.",
  },
  {
    framework: "ncsc-caf",
    control: "A2",
    title: "Risk management",
    coveredBy: [RUNBOOKS],
    gap: "Failure modes are operational risks only: keep the service's risk register.",
  },
  {
    framework: "ncsc-caf",
    control: "A3",
    title: "Asset management",
    coveredBy: [OPS, SBOM],
    gap: "Only software dependencies and the services the code calls: keep the asset register.",
  },
  {
    framework: "ncsc-caf",
    control: "A4",
    title: "Supply chain",
    coveredBy: [CI],
    gap: "Supplier assurance is not covered: assess suppliers through the department's commercial team.",
  },
  {
    framework: "ncsc-caf",
    control: "B1",
    title: "Service protection policies and processes",
    coveredBy: [OPS],
    gap: "Policies are the department's: link them from the operations guide.",
  },
  {
    framework: "ncsc-caf",
    control: "B2",
    title: "Identity and access control",
    coveredBy: [OPS],
    gap: "Access rules are advice: review production access each quarter and record it.",
  },
  {
    framework: "ncsc-caf",
    control: "B3",
    title: "Data security",
    coveredBy: [OPS],
    gap: "Encryption at rest and in transit is not checked: record it for each datastore.",
  },
  {
    framework: "ncsc-caf",
    control: "B4",
    title: "System security",
    coveredBy: [CI, DEPS],
    gap: "Host and container hardening are the platform's.",
  },
  {
    framework: "ncsc-caf",
    control: "B5",
    title: "Resilient networks and systems",
    coveredBy: [SLO, OPS],
    gap: "Recovery objectives are proposals: agree them and test a restore each quarter.",
  },
  {
    framework: "ncsc-caf",
    control: "B6",
    title: "Staff awareness and training",
    coveredBy: [OPS],
    gap: "Training records are outside the pack: keep them with the team's.",
  },
  {
    framework: "ncsc-caf",
    control: "C1",
    title: "Security monitoring",
    coveredBy: [SLO],
    gap: "Security event monitoring (a SIEM) is not generated: send logs to the department's security operations centre.",
  },
  {
    framework: "ncsc-caf",
    control: "C2",
    title: "Proactive security event discovery",
    coveredBy: [],
    gap: "Not covered: agree threat hunting with the department's security team.",
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
    coveredBy: [POSTMORTEM],
  },
];
