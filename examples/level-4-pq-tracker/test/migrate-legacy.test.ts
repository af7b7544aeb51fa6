import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { Knex } from 'knex';
import { checksum, mapLegacyRow, migrateLegacy, verifyMigration } from '../scripts/migrate-legacy.js';
import { parseCsv } from '../scripts/legacy-csv.js';
import { createTestDb } from './helpers/db.js';

const fixture = new URL('../../test/fixtures/legacy-pqts-export.csv', import.meta.url);

describe('legacy PQTS migration', () => {
  let db: Knex;
  let csv: string;

  beforeEach(async () => {
    db = await createTestDb();
    csv = await readFile(fixture, 'utf8');
  });
  afterEach(() => db.destroy());

  it('parses quoted fields, doubled quotes and embedded newlines', () => {
    const rows = parseCsv(csv);
    assert.equal(rows.length, 5);
    assert.equal(rows[0].MEMBER_NAME, 'Smith, John');
    assert.match(rows[0].ANSWER_TXT, /"School workforce in England"/);
    assert.equal(rows[1].ANSWER_TXT, 'Uptake was 88%.\nFigures for 2019 will follow.');
  });

  it('migrates every historical question and proves it with counts and a checksum', async () => {
    const report = await migrateLegacy(db, csv);

    assert.equal(report.sourceRows, 5);
    assert.equal(report.targetRows, 5);
    assert.equal(report.targetChecksum, report.sourceChecksum);
    assert.equal(report.sourceChecksum, checksum(parseCsv(csv).map(mapLegacyRow)));

    const lords = await db('questions').where({ legacy_ref: 'PQTS-2019-00043' }).first();
    assert.equal(lords.house, 'Lords');
    assert.equal(lords.status, 'in_clearance');
    assert.equal(lords.asking_member_id, null);
    const named = await db('questions').where({ legacy_ref: 'PQTS-2019-00042' }).first();
    assert.equal(named.is_named_day, true);
    assert.equal((await db('audit_events').where({ action: 'migrated_from_legacy' })).length, 5);
  });

  it('detects a lost or altered question', async () => {
    await migrateLegacy(db, csv);
    const source = parseCsv(csv).map(mapLegacyRow);

    await db('questions').where({ legacy_ref: 'PQTS-2020-00107' }).update({ question_text: 'truncated' });
    const altered = await verifyMigration(db, source);
    assert.equal(altered.targetRows, 5);
    assert.notEqual(altered.targetChecksum, altered.sourceChecksum);

    await db('audit_events').delete();
    await db('questions').where({ legacy_ref: 'PQTS-2020-00108' }).delete();
    assert.equal((await verifyMigration(db, source)).targetRows, 4);
  });

  it('rolls back everything when a row cannot be mapped', async () => {
    const bad = csv.replace(',NEW,', ',WITHDRAWN,');
    await assert.rejects(migrateLegacy(db, bad), /PQTS-2020-00108: unknown status "WITHDRAWN"/);
    assert.equal((await db('questions')).length, 0);
  });

  it('refuses to run twice rather than duplicate history', async () => {
    await migrateLegacy(db, csv);
    await assert.rejects(migrateLegacy(db, csv));
    assert.equal((await db('questions')).length, 5);
  });
});
