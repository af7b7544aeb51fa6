import type { Dependency, FailureMode, Profile } from "../../profile/schema.js";
import { dashboardUrl } from "../../layout.js";
import { ownerOf } from "../monitoring/failure-modes.js";
import { tokenSection } from "./auth.js";
import { INTEGRATION_RECIPES } from "./integrations.js";
import { code, indentBlock, prose } from "../shared/format.js";
import { platformOf } from "../shared/platform.js";
import { DATASTORE_RECIPES, stackContext, type StackSection, type Step } from "../shared/stack.js";

/** Words in a failure mode that point at a dependency type when the profile does not link them. */
const HINTS: Record<string, RegExp> = {
  postgres: /database|postgres|\bsql\b|quer(y|ies)|connection pool|migration|case store/,
  mysql: /database|mysql|quer(y|ies)|connection pool/,
  mongodb: /database|mongo/,
  redis: /redis|session|cache/,
  notify: /notify|notification|confirmation|delivery receipt|\breplies\b/,
  oidc: /sign[- ]?in|identity provider|oidc|signing keys/,
  queue: /queue|backlog/,
};

/** The dependencies a runbook diagnoses: linked ones, a journey's own, or those the failure mode's words name. */
export function relatedDependencies(profile: Profile, fm: FailureMode): Dependency[] {
  const linked = profile.dependencies.filter((d) => fm.affects.dependencies.includes(d.id));
  if (linked.length) return linked;
  const journeyDeps = profile.dependencies.filter((d) =>
    d.journeys.some((j) => fm.affects.journeys.includes(j)),
  );
  if (fm.affects.journeys.length && journeyDeps.length) return journeyDeps;
  const words = `${fm.id} ${fm.title} ${fm.trigger} ${fm.detection.signal}`.toLowerCase();
  return profile.dependencies.filter(
    (d) => HINTS[d.type]?.test(words) || words.includes(d.name.toLowerCase()) || words.includes(d.id),
  );
}

function section(profile: Profile, dep: Dependency): StackSection | undefined {
  const recipe = DATASTORE_RECIPES[dep.type] ?? INTEGRATION_RECIPES[dep.type];
  const ctx = stackContext(profile, dep);
  const shown = ctx.vars.slice(0, 3).map(code);
  const title = `${prose(dep.name)}${shown.length ? ` (${shown.join(", ")}${ctx.vars.length > 3 ? " …" : ""})` : ""}`;
  if (!recipe)
    return {
      title,
      steps: [
        {
          text: `TO DO: govops has no diagnosis steps for a dependency of type ${code(dep.type)}: describe how to check ${prose(dep.name)} in a template override (\`.govops/templates/runbooks/runbook.md.hbs\`), or set its \`type\` under \`dependencies\` in govops.config.yaml if the analysis got it wrong.`,
        },
      ],
      mitigation: [],
    };
  return { title, ...recipe(ctx) };
}

function logsStep(profile: Profile): Step {
  const logging = profile.facts.readiness.logging;
  if (logging.present && /pino/.test(logging.detail ?? ""))
    return {
      text: "The service logs JSON lines with pino: errors are level 50 and above. Follow one failing request through its request id.",
      command: "jq -c 'select(.level >= 50) | {time, msg, reqId: (.reqId // .req.id)}' <log file or stream>",
    };
  if (logging.present)
    return {
      text: `Read the service's logs for the first errors (${prose(logging.detail ?? "structured logging")}).`,
    };
  return {
    text: "The analysis found no structured logging: read the platform's stdout logs, and add structured logging after the incident.",
  };
}

const listed = (step: Step): Step => (step.command ? { ...step, command: indentBlock(step.command) } : step);

/** Where to look first: the dashboard when one is generated, else the platform's own view. */
function lookFirst(profile: Profile, hasDashboard: boolean): Step {
  if (!hasDashboard)
    return {
      text: "Look first at the platform's view of the service (below) and its logs: the monitoring pack wrote no dashboard for this service, because the profile has no journeys to measure.",
    };
  const base = profile.service.dashboardBaseUrl;
  const dashboard = dashboardUrl(base, profile.service.name);
  return {
    text: base
      ? `Look first at the service dashboard (<${dashboard}>): which journeys and dependencies went wrong, and when did it start?`
      : `Look first at the service dashboard (import \`${dashboard}\` into Grafana; set \`dashboardBaseUrl\` under \`service\` in govops.config.yaml to link it here): which journeys and dependencies went wrong, and when did it start?`,
  };
}

export function diagnosisModel(profile: Profile, fm: FailureMode, hasDashboard = true) {
  const platform = platformOf(profile);
  const deps = relatedDependencies(profile, fm);
  const journeyRunbook = fm.id.endsWith("-slo-burn");
  const first: Step[] = [
    lookFirst(profile, hasDashboard),
    ...(platform.setup ? [platform.setup] : []),
    ...platform.diagnose,
    logsStep(profile),
  ];
  const token = tokenSection(profile, fm);
  const sections = [...deps.flatMap((d) => section(profile, d) ?? []), ...(token ? [token] : [])].map(
    (s) => ({ ...s, steps: s.steps.map(listed) }),
  );
  return {
    platform: { name: platform.name, evidence: platform.evidence.map((e) => `\`${e.replace(/`/g, "")}\``) },
    first: first.map(listed),
    // A journey runbook points at each dependency's own runbook rather than repeating it in full.
    sections: journeyRunbook ? sections.map((s) => ({ ...s, steps: s.steps.slice(0, 1) })) : sections,
    dependencyRunbooks: deps.flatMap((d) => {
      const own = ownerOf(profile, "dependency", { dependency: d.id });
      return own && own.id !== fm.id ? [{ title: prose(own.title), id: own.id }] : [];
    }),
    rollback: listed(platform.rollback),
    restart: listed(platform.restart),
    mitigation: sections.flatMap((s) => s.mitigation),
  };
}
