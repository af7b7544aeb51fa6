import type { Evidence } from "../analyse/facts.js";
import type { Baseline } from "./baseline.js";
import type { Dependency, FailureMode, Journey, Provenance } from "./schema.js";

const STAFF = /caseworker|admin|staff|internal|backoffice/;

type BaselineFailureMode = Baseline["failureModes"][number];

/** A baseline failure mode, tied to the journeys and dependencies analysis found; evidence is theirs. */
export function instantiateFailureMode(
  fm: BaselineFailureMode,
  journeys: Journey[],
  deps: Dependency[],
): FailureMode {
  const { appliesTo, ...rest } = fm;
  if (!appliesTo) return { ...rest, provenance: { source: "baseline" } };
  const linked = deps.filter((d) => appliesTo.dependencies.some((t) => t === d.type || t === d.kind));
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
