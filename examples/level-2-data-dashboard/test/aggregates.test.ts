import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { homesPerThousandHouseholds, latestYear, regionTotals, yearTotals } from '../src/aggregates.js';
import { AggregateCache } from '../src/cache.js';
import { createMetrics } from '../src/metrics.js';
import { parseHouseholds } from '../src/sources/ons-api.js';
import { parseHousingSupply } from '../src/sources/stats-api.js';
import { onsPayload, statsPayload } from './fixtures.js';

const completions = parseHousingSupply(statsPayload()).records;
const households = parseHouseholds(onsPayload()).records;

describe('aggregates', () => {
  it('finds the latest financial year', () => {
    assert.equal(latestYear(completions), '2023-24');
    assert.equal(latestYear([]), undefined);
  });

  it('totals net additions by region for one year', () => {
    assert.deepEqual(regionTotals(completions, '2023-24'), [
      { regionName: 'North East', netAdditions: 1570, affordableCompletions: 335, localAuthorities: 2 },
      { regionName: 'Yorkshire and The Humber', netAdditions: 3600, affordableCompletions: 520, localAuthorities: 1 },
    ]);
  });

  it('totals England by year in order', () => {
    assert.deepEqual(yearTotals(completions).map((y) => [y.financialYear, y.netAdditions]), [['2022-23', 3510], ['2023-24', 5170]]);
  });

  it('computes homes per 1,000 households and marks areas with no estimate', () => {
    const rates = homesPerThousandHouseholds(completions, households, '2023-24');
    assert.deepEqual(rates.map((r) => [r.areaName, r.per1000Households]), [
      ['Hartlepool', 10],
      ['Leeds', 10.4],
      ['Newcastle upon Tyne', null],
    ]);
  });
});

describe('AggregateCache', () => {
  it('reuses a result until a dataset is re-ingested', async () => {
    const metrics = createMetrics();
    const cache = new AggregateCache(metrics);
    let computed = 0;
    const compute = () => ({ n: ++computed });
    assert.deepEqual(cache.get('regions', ['t1'], compute), { n: 1 });
    assert.deepEqual(cache.get('regions', ['t1'], compute), { n: 1 });
    assert.deepEqual(cache.get('regions', ['t2'], compute), { n: 2 });
    const text = await metrics.registry.metrics();
    assert.match(text, /dashboard_aggregate_cache_total\{result="hit"\} 1/);
    assert.match(text, /dashboard_aggregate_cache_total\{result="miss"\} 2/);
  });
});
