import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toCsv } from '../src/csv.js';

describe('toCsv', () => {
  const columns = [
    { header: 'name', value: (r: { name: string; n: number | null }) => r.name },
    { header: 'count', value: (r: { name: string; n: number | null }) => r.n },
  ];

  it('writes a header row and CRLF-terminated rows', () => {
    assert.equal(toCsv(columns, [{ name: 'Leeds', n: 3600 }]), 'name,count\r\nLeeds,3600\r\n');
  });

  it('quotes commas, quotes and newlines', () => {
    const csv = toCsv(columns, [{ name: 'Bristol, City of', n: 1 }, { name: 'The "Shire"', n: 2 }, { name: 'two\nlines', n: 3 }]);
    assert.equal(csv, 'name,count\r\n"Bristol, City of",1\r\n"The ""Shire""",2\r\n"two\nlines",3\r\n');
  });

  it('leaves missing values empty and keeps negative numbers as numbers', () => {
    assert.equal(toCsv(columns, [{ name: 'A', n: null }, { name: 'B', n: -40 }]), 'name,count\r\nA,\r\nB,-40\r\n');
  });

  it('neutralises text that a spreadsheet would run as a formula', () => {
    assert.equal(toCsv(columns, [{ name: '=HYPERLINK("x")', n: 1 }]), 'name,count\r\n"\'=HYPERLINK(""x"")",1\r\n');
  });
});
