import type { Evidence } from "../analyse/facts.js";
import type { Baseline } from "./baseline.js";
import type { Dependency, FailureMode, Journey, Provenance } from "./schema.js";

const STAFF = /caseworker|admin|staff|internal|backoffice/;

type BaselineFailureMode = Baseline["failureModes"][number];

/** The dependencies whose type (postgres, oidc …) or kind (datastore, identity …) a baseline item applies to. */
function linkedDependencies(appliesTo: { dependencies: string[] }, deps: Dependency[]): Dependency[] {
  return deps.filter((d) => appliesTo.dependencies.some((t) => t === d.type || t === d.kind));
}

/** A baseline failure mode, tied to the journeys and dependencies analysis found; evidence is theirs. */
export function instantiateFailureMode(
  fm: BaselineFailureMode,
  journeys: Journey[],
  deps: Dependency[],
): FailureMode {
  const { appliesTo, ...rest } = fm;
  if (!appliesTo) return { ...rest, provenance: { source: "baseline" } };
  const linked = linkedDependencies(appliesTo, deps);
  const chosen = journeys.filter((j) => {
    switch (appliesTo.journeys) {
      case "all":
        return true;
      case "critical":
        return j.criticality === "critical";
      case "pages":
        return j.servesPages;
      case "staff":
        return STAFF.test(j.id);
      case "citizen":
        return !STAFF.test(j.id);
      case "dependencies":
        return linked.some((d) => d.journeys.includes(j.id));
    }
  });
  const evidence = linked.flatMap((d) => d.provenance.evidence ?? []);
  const provenance: Provenance = evidence.length
    ? { source: "baseline", evidence: uniqueEvidence(evidence) }
    : { source: "baseline" };
  return {
    ...rest,
    affects: {
      journeys: unique([...rest.affects.journeys, ...chosen.map((j) => j.id)]),
      dependencies: unique([...rest.affects.dependencies, ...linked.map((d) => d.id)]),
    },
    provenance,
  };
}

/**
 * The baseline's failure modes for this service. One that is its dependencies' outage (`appliesTo.outage`, as
 * Level 3's "Caseworkers cannot sign in" is the identity provider's) is those dependencies' failure mode: their
 * dependency alerts link there, and they get no generic "X unavailable" of their own, which would be a second
 * runbook for one event. A failure mode the config omits covers nothing.
 */
export function baselineFailureModes(
  baseline: Baseline,
  journeys: Journey[],
  deps: Dependency[],
  omitted: readonly string[] = [],
): { modes: FailureMode[]; covered: Set<string> } {
  const covered = new Set<string>();
  const modes = baseline.failureModes.map((fm) => {
    const instance = instantiateFailureMode(fm, journeys, deps);
    const linked = fm.appliesTo?.outage ? linkedDependencies(fm.appliesTo, deps) : [];
    if (linked.length === 0 || omitted.includes(fm.id)) return instance;
    for (const d of linked) covered.add(d.id);
    return instance.detection.alert
      ? instance
      : { ...instance, detection: { ...instance.detection, alert: "dependency" as const } };
  });
  return { modes, covered };
}

export function baselineLayer(baseline: Baseline) {
  const provenance: Provenance = { source: "baseline" };
  return {
    journeys: baseline.journeys.map((j) => ({ ...j, provenance })),
    compliance: baseline.compliance.map((c) => ({ ...c, provenance })),
    peakPeriods: baseline.peakPeriods.map((p) => ({ ...p, provenance })),
    changeFreezes: baseline.changeFreezes.map((p) => ({ ...p, provenance })),
  };
}

export function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

export function uniqueEvidence(items: Evidence[]): Evidence[] {
  const seen = new Set<string>();
  return items.filter((e) => {
    const key = `${e.file}:${e.line}`;
    return !seen.has(key) && seen.add(key);
  });
}
