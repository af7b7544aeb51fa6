import type { Profile } from "../../profile/schema.js";
import { mdText } from "../helpers.js";
import { pascal } from "../names.js";

/** An alert in the monitoring pack whose `runbook_url` points at a failure mode's runbook. */
export interface AlertRef {
  name: string;
  severities: Array<"page" | "ticket">;
  /** What makes it fire, in a sentence. */
  fires: string;
}

/**
 * Alert names per failure mode id, by the rule the monitoring target uses: each journey's burn alerts
 * link to the `slo-burn` failure mode that affects the journey, else to `<journey>-slo-burn`.
 */
export function alertsByFailureMode(profile: Profile): Map<string, AlertRef[]> {
  const out = new Map<string, AlertRef[]>();
  for (const journey of profile.journeys) {
    const fm = profile.failureModes.find(
      (f) => f.affects.journeys.includes(journey.id) && f.detection.alert === "slo-burn",
    );
    const id = fm?.id ?? `${journey.id}-slo-burn`;
    const name = mdText(journey.name);
    const refs = (["availability", "latency"] as const).map((sli) => ({
      name: `${pascal(profile.service.name)}${pascal(journey.id)}${pascal(sli)}BudgetBurn`,
      severities: ["page", "ticket"] as Array<"page" | "ticket">,
      fires:
        sli === "availability"
          ? `5xx responses on the ${name} routes burn the ${journey.slo.periodDays}-day availability error budget too fast`
          : `responses slower than ${journey.slo.latency.thresholdMs} ms on the ${name} routes burn the latency error budget too fast`,
    }));
    out.set(id, [...(out.get(id) ?? []), ...refs]);
  }
  return out;
}
