import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import type { Knex } from 'knex';
import { recordAuditEvent } from '../src/audit/audit-repository.js';
import { isoDate, type QuestionStatus } from '../src/questions/types.js';
import { parseCsv } from './legacy-csv.js';

/** Legacy PQTS status codes. */
const STATUS_MAP: Record<string, QuestionStatus> = {
  NEW: 'imported',
  ALLOC: 'assigned',
  DRAFT: 'drafted',
  CLR: 'in_clearance',
  ANS: 'answered',
};

export interface MigratedQuestion {
  legacyRef: string;
  uin: string;
  house: string;
  askingMemberId: number | null;
  memberName: string;
  answeringBodyName: string;
  dateTabled: string;
  dateForAnswer: string;
  isNamedDay: boolean;
  questionText: string;
  status: QuestionStatus;
  answerText: string | null;
}

export interface MigrationReport {
  sourceRows: number;
  targetRows: number;
  sourceChecksum: string;
  targetChecksum: string;
}

function ukDate(value: string, ref: string): string {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(value.trim());
  if (!m) throw new Error(`Legacy row ${ref}: bad date "${value}"`);
  return `${m[3]}-${m[2]}-${m[1]}`;
}

export function mapLegacyRow(r: Record<string, string>): MigratedQuestion {
  const ref = r.PQ_REF;
  const status = STATUS_MAP[r.STATUS_CD];
  if (!status) throw new Error(`Legacy row ${ref}: unknown status "${r.STATUS_CD}"`);
  return {
    legacyRef: ref,
    uin: r.UIN,
    house: r.HOUSE === 'L' ? 'Lords' : 'Commons',
    askingMemberId: r.MEMBER_ID ? Number(r.MEMBER_ID) : null,
    memberName: r.MEMBER_NAME,
    answeringBodyName: r.DEPT,
    dateTabled: ukDate(r.TABLED_DT, ref),
    dateForAnswer: ukDate(r.DUE_DT, ref),
    isNamedDay: r.NAMED_DAY === 'Y',
    questionText: r.Q_TEXT,
    status,
    answerText: r.ANSWER_TXT || null,
  };
}

/** Order-independent digest of the fields that must survive migration unchanged. */
export function checksum(questions: Array<Omit<MigratedQuestion, 'house' | 'askingMemberId' | 'memberName' | 'answeringBodyName' | 'isNamedDay'>>): string {
  const lines = questions
    .map((q) => [q.legacyRef, q.uin, q.dateTabled, q.dateForAnswer, q.questionText, q.status, q.answerText ?? ''].join('\u001f'))
    .sort();
  return createHash('sha256').update(lines.join('\u001e')).digest('hex');
}

export async function verifyMigration(db: Knex, source: MigratedQuestion[]): Promise<MigrationReport> {
  const rows = await db('questions').whereNotNull('legacy_ref');
  const target = rows.map((r) => ({
    legacyRef: r.legacy_ref,
    uin: r.uin,
    dateTabled: isoDate(r.date_tabled),
    dateForAnswer: isoDate(r.date_for_answer),
    questionText: r.question_text,
    status: r.status,
    answerText: r.answer_text,
  }));
  return { sourceRows: source.length, targetRows: target.length, sourceChecksum: checksum(source), targetChecksum: checksum(target) };
}

/** Inserts every legacy question and its audit event; rolls back unless counts and checksums match. */
export async function migrateLegacy(db: Knex, csv: string): Promise<MigrationReport> {
  const source = parseCsv(csv).map(mapLegacyRow);
  return db.transaction(async (trx) => {
    for (const q of source) {
      const [row] = await trx('questions')
        .insert({
          legacy_ref: q.legacyRef,
          uin: q.uin,
          house: q.house,
          asking_member_id: q.askingMemberId,
          member_name: q.memberName,
          answering_body_name: q.answeringBodyName,
          date_tabled: q.dateTabled,
          date_for_answer: q.dateForAnswer,
          is_named_day: q.isNamedDay,
          question_text: q.questionText,
          status: q.status,
          answer_text: q.answerText,
        })
        .returning('id');
      await recordAuditEvent(trx, { questionId: Number(row.id), action: 'migrated_from_legacy', toStatus: q.status, actor: 'system:legacy-migration', detail: { legacyRef: q.legacyRef } });
    }
    const report = await verifyMigration(trx as unknown as Knex, source);
    if (report.sourceRows !== report.targetRows || report.sourceChecksum !== report.targetChecksum) {
      throw new Error(`Legacy migration verification failed: ${JSON.stringify(report)}`);
    }
    return report;
  });
}

async function main() {
  const { createDb } = await import('../src/db.js');
  const path = process.argv[2] ?? process.env.LEGACY_EXPORT_PATH;
  if (!path) throw new Error('Usage: migrate-legacy <legacy-export.csv> (or set LEGACY_EXPORT_PATH)');
  const db = createDb();
  try {
    const report = await migrateLegacy(db, await readFile(path, 'utf8'));
    console.log(JSON.stringify(report, null, 2));
  } finally {
    await db.destroy();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
