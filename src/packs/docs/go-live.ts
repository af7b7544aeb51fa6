import type { Profile } from "../../profile/schema.js";
import { audienceOf } from "../shared/audience.js";
import { escalationChain, ownerTeam } from "../shared/contacts.js";
import { dependencyEnv } from "../shared/env.js";
import { PLACEHOLDER, prose } from "../shared/format.js";
import { kubeTarget } from "../shared/kube.js";
import { platformOf } from "../shared/platform.js";

const CONFIG = "govops.config.yaml";
const kinds = (p: Profile) => new Set(p.facts.deployFiles.map((d) => d.kind));

/**
 * What is still open before the service goes live with this pack, most urgent first: each item says the
 * govops.config.yaml key that answers it. Empty when nothing is open. `generate` prints it last.
 */
export function beforeGoLive(profile: Profile): string[] {
  const s = profile.service;
  const out: string[] = [];
  const missing = escalationChain(profile).filter((c) => c.name.startsWith(PLACEHOLDER));
  if (missing.length)
    out.push(
      `Name who is called when it breaks: add ${missing.map((c) => c.role).join(", ")} under \`contacts.escalation\` in ${CONFIG} (role, name and a phone or pager in \`contact\`). Alertmanager's receivers follow these contacts.`,
    );
  if (ownerTeam(profile).startsWith(PLACEHOLDER))
    out.push(`Name the team that owns the service: \`ownerTeam\` under \`service\` in ${CONFIG}.`);
  if (!s.department) out.push(`Name the department: \`department\` under \`service\` in ${CONFIG}.`);
  if (!s.baseUrl)
    out.push(
      `Give the service's public address, so probes and health checks reach it: \`baseUrl\` under \`service\` in ${CONFIG}.`,
    );
  if (!s.runbookBaseUrl)
    out.push(
      `Publish the runbooks and give their address, so each alert links to a page people can open: \`runbookBaseUrl\` under \`service\` in ${CONFIG}.`,
    );
  if (!s.dashboardBaseUrl && profile.journeys.length)
    out.push(
      `Import \`ops/monitoring/dashboard.json\` into Grafana and give its address: \`dashboardBaseUrl\` under \`service\` in ${CONFIG}.`,
    );
  const k = kinds(profile);
  if ((k.has("helm") || k.has("kubernetes")) && !kubeTarget(profile).namespace)
    out.push(
      `Give the Kubernetes namespace of each environment, so runbook commands reach the right pods: \`namespaces\` under \`service\` in ${CONFIG} (for example \`prod: ${s.name}-prod\`).`,
    );
  if (platformOf(profile).evidence.length === 0)
    out.push(`Record where the service runs: \`hosting\` under \`service\` in ${CONFIG}.`);
  const unconfigured = profile.dependencies.filter(
    (d) => d.kind !== "platform" && d.type !== "memory" && dependencyEnv(profile, d).length === 0,
  );
  if (unconfigured.length)
    out.push(
      `Name the variable that configures ${unconfigured.map((d) => prose(d.name)).join(", ")}, so its runbook can reach it: \`envVar\` on each under \`dependencies\` in ${CONFIG}.`,
    );
  const open = profile.data.personalData.filter(
    (p) => p.lawfulBasis.startsWith(PLACEHOLDER) || p.retention.startsWith(PLACEHOLDER),
  );
  if (open.length)
    out.push(
      `Record the lawful basis and retention of ${open.length} personal-data field(s) with the data protection officer: \`lawfulBasis\` and \`retention\` under \`personalData\` in ${CONFIG}.`,
    );
  const audience = audienceOf(profile);
  out.push(
    `Confirm who the service is for (${audience.citizen ? (audience.staff ? "the public and staff" : "the public") : "staff only"}, from the analysis): the communications drafts follow it. If it is wrong, set \`affected\` on each journey under \`journeys\` in ${CONFIG}.`,
  );
  out.push(
    "Read `ops/COMPLIANCE.md` and plan each gap's next step (DPIA, penetration test, manual accessibility testing) with the service owner.",
  );
  return out;
}

export function goLiveModel(profile: Profile) {
  return { service: prose(profile.service.title), items: beforeGoLive(profile) };
}
