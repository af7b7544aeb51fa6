import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assessFreshness, describeFreshness } from '../src/freshness.js';

const now = new Date('2025-01-10T12:00:00Z');
const status = (lastSuccessAt?: string) => ({ source: 'households' as const, lastSuccessAt, lastAttemptAt: '2025-01-10T11:00:00Z' });
const dataset = (rejected = 0) => ({ rejected, publishedAt: '2024-09-26' });
const assess = (s: ReturnType<typeof status> | undefined, d = dataset()) => assessFreshness('households', 'ONS household estimates', s, d, now, 26);

describe('data freshness', () => {
  it('is current within the threshold', () => {
    const f = assess(status('2025-01-10T02:00:00Z'));
    assert.equal(f.state, 'current');
    assert.equal(f.ageHours, 10);
    assert.equal(describeFreshness(f), undefined);
  });

  it('is stale once the last success is older than the threshold, even if attempts continue', () => {
    const f = assess(status('2025-01-07T12:00:00Z'));
    assert.equal(f.state, 'stale');
    assert.equal(describeFreshness(f), 'ONS household estimates may be out of date: last updated successfully 3 days ago.');
    assert.equal(assess(status('2025-01-09T09:59:00Z')).state, 'stale');
    assert.equal(assess(status('2025-01-09T10:00:00Z')).state, 'current', 'exactly 26 hours is not yet stale');
  });

  it('is partial when the current dataset dropped records, and stale wins over partial', () => {
    const partial = assess(status('2025-01-10T10:00:00Z'), dataset(4));
    assert.equal(partial.state, 'partial');
    assert.match(describeFreshness(partial)!, /4 records failed validation/);
    assert.equal(assess(status('2025-01-01T00:00:00Z'), dataset(4)).state, 'stale');
  });

  it('is missing before the first successful ingestion', () => {
    assert.equal(assess(undefined, undefined as never).state, 'missing');
    assert.equal(assess(status(undefined)).state, 'missing');
    assert.match(describeFreshness(assess(undefined))!, /not available yet/);
  });
});
