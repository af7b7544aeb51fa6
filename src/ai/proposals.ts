import type { AiProposals } from "../profile/merge.js";
import type { Profile, Provenance } from "../profile/schema.js";
import type { Answer } from "./answer.js";

export interface AnswerMeta {
  model: string;
  requestHash: string;
  answerHash: string;
  /** From the recorded answer, never the clock at replay. */
  at: string;
}

/**
 * Turns a validated answer into complete profile items with AI provenance. The merge decides what
 * they may change: the user's config and analysis win over them, the baseline loses to them.
 */
export function toProposals(answer: Answer, base: Profile, meta: AnswerMeta): AiProposals {
  const provenance = {
    source: "ai",
    ai: { model: meta.model, requestHash: meta.requestHash, at: meta.at, answerHash: meta.answerHash },
  } satisfies Provenance;
  const journeys = answer.journeys.flatMap((wording) => {
    const journey = base.journeys.find((j) => j.id === wording.id);
    return journey ? [{ ...journey, name: wording.name, description: wording.description, provenance }] : [];
  });
  return {
    journeys,
    failureModes: answer.failureModes.map((fm) => ({
      id: fm.id,
      title: fm.title,
      trigger: fm.trigger,
      detection: { signal: fm.signal },
      citizenImpact: fm.citizenImpact,
      severity: fm.severity,
      affects: { journeys: fm.journeys, dependencies: fm.dependencies },
      mitigation: fm.mitigation,
      recovery: fm.recovery,
      commsTemplate: fm.commsTemplate,
      provenance,
    })),
    peakPeriods: answer.peakPeriods.map((p) => ({
      id: p.id,
      name: p.name,
      start: p.start,
      end: p.end,
      description: p.description,
      ...(p.trafficMultiplier === undefined ? {} : { trafficMultiplier: p.trafficMultiplier }),
      provenance,
    })),
  };
}
