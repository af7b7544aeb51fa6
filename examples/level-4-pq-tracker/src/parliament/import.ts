import type { Knex } from 'knex';
import { recordAuditEvent } from '../audit/audit-repository.js';
import { deadlineFlag } from '../deadlines/deadlines.js';
import type { ParliamentClient, WrittenQuestion } from './client.js';

export const IMPORT_ACTOR = 'system:parliament-import';

export interface ImportResult {
  fetched: number;
  created: number;
  skipped: number;
}

/** Imports unanswered questions tabled since `tabledWhenFrom`; re-running is idempotent. */
export async function importQuestions(
  db: Knex,
  client: ParliamentClient,
  opts: { tabledWhenFrom: string; today: string; warningSittingDays: number },
): Promise<ImportResult> {
  const fetched = await client.questionsTabledSince(opts.tabledWhenFrom);
  let created = 0;
  for (const q of fetched.filter((q) => !q.isWithdrawn)) {
    const inserted = await db.transaction(async (trx) => {
      const existing = await trx('questions').where({ parliament_id: q.id }).first('id');
      if (existing) return false;
      const [row] = await trx('questions').insert(toRow(q, opts.today, opts.warningSittingDays)).returning('id');
      await recordAuditEvent(trx, { questionId: Number(row.id), action: 'imported', toStatus: 'imported', actor: IMPORT_ACTOR, detail: { uin: q.uin } });
      return true;
    });
    if (inserted) created++;
  }
  return { fetched: fetched.length, created, skipped: fetched.length - created };
}

function toRow(q: WrittenQuestion, today: string, warningSittingDays: number) {
  const dates = { dateTabled: q.dateTabled.slice(0, 10), dateForAnswer: q.dateForAnswer.slice(0, 10), isNamedDay: q.isNamedDay };
  return {
    parliament_id: q.id,
    uin: q.uin,
    house: q.house,
    asking_member_id: q.askingMemberId,
    member_name: q.askingMember?.name ?? null,
    answering_body_name: q.answeringBodyName,
    date_tabled: dates.dateTabled,
    date_for_answer: dates.dateForAnswer,
    is_named_day: q.isNamedDay,
    question_text: q.questionText,
    status: 'imported',
    deadline_flag: deadlineFlag(dates, today, warningSittingDays),
  };
}
