import { GovopsError } from "../errors.js";
import type { Dependency, FailureMode, Journey } from "./schema.js";

interface Draft {
  journeys: Journey[];
  dependencies: Dependency[];
  failureModes: FailureMode[];
}

/**
 * Items may name journeys and dependencies by id. A dangling id from the user's config is an error
 * (a typo or a stale id); one from a lower layer, such as an omitted journey, is dropped.
 */
export function checkReferences(draft: Draft, configFile: string): void {
  const journeys = new Set(draft.journeys.map((j) => j.id));
  const deps = new Set(draft.dependencies.map((d) => d.id));
  const keep =
    (what: string, owner: { id: string; provenance: { source: string } }, known: Set<string>) =>
    (id: string) => {
      if (known.has(id)) return true;
      if (owner.provenance.source === "user")
        throw new GovopsError(
          "INVALID_CONFIG",
          `${configFile}: "${owner.id}" refers to ${what} "${id}", which does not exist`,
          `Known ${what}: ${[...known].join(", ") || "none"}.`,
        );
      return false;
    };
  for (const d of draft.dependencies) d.journeys = d.journeys.filter(keep("journey", d, journeys));
  for (const f of draft.failureModes) {
    f.affects = {
      journeys: f.affects.journeys.filter(keep("journey", f, journeys)),
      dependencies: f.affects.dependencies.filter(keep("dependency", f, deps)),
    };
  }
}
