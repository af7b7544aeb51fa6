import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { CrpSubmission } from '../src/assessments/types.js';
import { assess } from '../src/rules/assess.js';
import { RulesetRegistry } from '../src/rules/rulesets.js';

interface GoldenCase {
  description: string;
  assessedOn: string;
  submission: CrpSubmission;
  expected: Record<string, { outcome: 'pass' | 'fail'; unmet: string[] }>;
}

const dir = new URL('../../test/golden/', import.meta.url);
const cases = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({ file: f, golden: JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as GoldenCase }));
const registry = new RulesetRegistry();

describe('golden assessments', () => {
  it('every golden case states the expected outcome under every published rule set', () => {
    assert.ok(cases.length >= 5);
    for (const { file, golden } of cases) {
      assert.deepEqual(Object.keys(golden.expected).sort(), registry.list().map((r) => r.version).sort(), file);
    }
  });

  for (const { file, golden } of cases) {
    for (const [version, expected] of Object.entries(golden.expected)) {
      it(`${file} under ${version}: ${golden.description}`, async () => {
        const result = await assess(registry.get(version), golden.submission, golden.assessedOn);
        assert.equal(result.outcome, expected.outcome);
        assert.deepEqual(result.requirements.filter((r) => !r.met).map((r) => r.requirement), expected.unmet);
      });
    }
  }
});
