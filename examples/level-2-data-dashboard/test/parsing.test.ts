import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseHouseholds } from '../src/sources/ons-api.js';
import { parseHousingSupply } from '../src/sources/stats-api.js';
import { MalformedPayloadError } from '../src/sources/types.js';
import { completionRows, householdRows, onsPayload, statsPayload } from './fixtures.js';

describe('housing supply payload', () => {
  it('maps upstream fields to records', () => {
    const parsed = parseHousingSupply(statsPayload());
    assert.equal(parsed.records.length, 5);
    assert.equal(parsed.rejected, 0);
    assert.equal(parsed.publishedAt, '2024-11-21');
    assert.deepEqual(parsed.records[1], {
      areaCode: 'E06000001', areaName: 'Hartlepool', regionName: 'North East',
      financialYear: '2023-24', netAdditions: 420, affordableCompletions: 95,
    });
  });

  it('rejects a payload whose envelope is wrong', () => {
    for (const bad of [null, 'oops', [], { ...statsPayload(), dataset: 'something-else' }, { ...statsPayload(), published: '21/11/2024' }, { dataset: 'net-additional-dwellings', published: '2024-11-21' }]) {
      assert.throws(() => parseHousingSupply(bad), MalformedPayloadError, JSON.stringify(bad));
    }
  });

  it('drops invalid records and counts them so the dataset is flagged partial', () => {
    const rows = [
      ...completionRows,
      { ...completionRows[0], area_code: 'W06000001' },
      { ...completionRows[0], net_additions: '420' },
      { ...completionRows[0], affordable_completions: -1 },
      { ...completionRows[0], financial_year: '2023' },
      { area_code: 'E06000002' },
    ];
    const parsed = parseHousingSupply(statsPayload(rows));
    assert.equal(parsed.records.length, 5);
    assert.equal(parsed.rejected, 5);
  });

  it('rejects a payload with no valid records at all', () => {
    assert.throws(() => parseHousingSupply(statsPayload([])), /no valid records/);
    assert.throws(() => parseHousingSupply(statsPayload([{ nonsense: true }])), /no valid records/);
  });
});

describe('ONS household estimates payload', () => {
  it('maps observations to records and trims the release date', () => {
    const parsed = parseHouseholds(onsPayload());
    assert.equal(parsed.publishedAt, '2024-09-26');
    assert.deepEqual(parsed.records[0], { areaCode: 'E06000001', areaName: 'Hartlepool', year: 2023, households: 42000 });
  });

  it('rejects malformed envelopes and drops invalid observations', () => {
    assert.throws(() => parseHouseholds({ ...onsPayload(), release_date: 'yesterday' }), /release_date/);
    const parsed = parseHouseholds(onsPayload([...householdRows, { ...householdRows[0], households: 0 }, { ...householdRows[0], year: 1850 }]));
    assert.equal(parsed.rejected, 2);
  });
});
