import { readFileSync, readdirSync } from 'node:fs';
import type { RuleProperties } from 'json-rules-engine';

export interface Ruleset {
  version: string;
  title: string;
  effectiveFrom: string;
  rules: RuleProperties[];
}

const RULES_DIR = new URL('../../../rules/', import.meta.url);

/** Every rule set in rules/, oldest first. Rule sets are data: a new version is a new file. */
export function loadRulesets(dir: URL = RULES_DIR): Ruleset[] {
  return readdirSync(dir)
    .filter((f) => /^crp-v\d+\.json$/.test(f))
    .map((f) => JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as Ruleset)
    .sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
}

export class RulesetRegistry {
  constructor(private readonly rulesets: Ruleset[] = loadRulesets()) {}

  list(): Ruleset[] {
    return this.rulesets;
  }

  get(version: string): Ruleset {
    const ruleset = this.rulesets.find((r) => r.version === version);
    if (!ruleset) throw new Error(`Unknown rule set ${version}`);
    return ruleset;
  }

  /** The rule set new assessments use: CRP_RULESET_VERSION if set, else the latest in force. */
  current(today: string): Ruleset {
    const pinned = process.env.CRP_RULESET_VERSION;
    if (pinned) return this.get(pinned);
    const inForce = this.rulesets.filter((r) => r.effectiveFrom <= today);
    return inForce[inForce.length - 1] ?? this.rulesets[0];
  }
}
