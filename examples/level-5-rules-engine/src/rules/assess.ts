import { Engine } from 'json-rules-engine';
import type { AssessmentResult, CrpSubmission } from '../assessments/types.js';
import type { Ruleset } from './rulesets.js';

function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  return (ty - fy) * 12 + (tm - fm);
}

/** Facts the rules can refer to: the submission plus values derived from it. */
export function toFacts(submission: CrpSubmission, assessedOn: string): Record<string, unknown> {
  return {
    ...submission,
    scope3Categories: submission.scope3Categories ?? [],
    monthsSinceReportingPeriodEnd: monthsBetween(submission.reportingPeriodEnd, assessedOn),
    reductionMeasuresCount: submission.reductionMeasures?.length ?? 0,
  };
}

/** Runs one rule set; the plan passes only if every requirement is met. */
export async function assess(ruleset: Ruleset, submission: CrpSubmission, assessedOn: string): Promise<AssessmentResult> {
  const engine = new Engine(ruleset.rules, { allowUndefinedFacts: true });
  const { results } = await engine.run(toFacts(submission, assessedOn));
  const passed = new Set(results.map((r) => r.name));
  const requirements = ruleset.rules.map((rule) => {
    const params = rule.event.params as { requirement: string; message: string };
    return { requirement: params.requirement, message: params.message, met: passed.has(rule.name as string) };
  });
  return { outcome: requirements.every((r) => r.met) ? 'pass' : 'fail', assessedOn, requirements };
}
