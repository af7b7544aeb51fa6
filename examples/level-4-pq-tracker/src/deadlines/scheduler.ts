import type { Knex } from 'knex';
import { recordAuditEvent } from '../audit/audit-repository.js';
import type { Logger } from '../logger.js';
import type { ParliamentClient } from '../parliament/client.js';
import { importQuestions } from '../parliament/import.js';
import { toQuestion } from '../questions/types.js';
import { deadlineFlag } from './deadlines.js';
import { toIsoDate } from './sitting-days.js';

const SCHEDULER_ACTOR = 'system:deadline-scheduler';

/** Recomputes the deadline flag of every open question; returns how many changed. */
export async function refreshDeadlineFlags(db: Knex, today: string, warningSittingDays: number): Promise<number> {
  const open = (await db('questions').whereNot('status', 'answered')).map(toQuestion);
  let changed = 0;
  for (const q of open) {
    const flag = deadlineFlag(q, today, warningSittingDays);
    if (flag === q.deadlineFlag) continue;
    await db.transaction(async (trx) => {
      await trx('questions').where({ id: q.id }).update({ deadline_flag: flag, updated_at: trx.fn.now() });
      await recordAuditEvent(trx, { questionId: q.id, action: 'deadline_flag_changed', actor: SCHEDULER_ACTOR, detail: { from: q.deadlineFlag, to: flag } });
    });
    changed++;
  }
  return changed;
}

export interface SchedulerOptions {
  db: Knex;
  client: ParliamentClient;
  logger: Logger;
  intervalMinutes: number;
  warningSittingDays: number;
  lookbackDays?: number;
}

/** Imports new questions and refreshes deadline flags on a timer. Returns a stop function. */
export function startScheduler(opts: SchedulerOptions): () => Promise<void> {
  let running: Promise<void> | undefined;
  const tick = async () => {
    const today = toIsoDate(new Date());
    const from = toIsoDate(new Date(Date.now() - (opts.lookbackDays ?? 14) * 86_400_000));
    try {
      const result = await importQuestions(opts.db, opts.client, { tabledWhenFrom: from, today, warningSittingDays: opts.warningSittingDays });
      const flagged = await refreshDeadlineFlags(opts.db, today, opts.warningSittingDays);
      opts.logger.info({ ...result, flagged }, 'scheduled import and deadline refresh finished');
    } catch (err) {
      opts.logger.error({ err }, 'scheduled import failed');
    }
  };
  const timer = setInterval(() => {
    if (!running) running = tick().finally(() => (running = undefined));
  }, opts.intervalMinutes * 60_000);
  return async () => {
    clearInterval(timer);
    await running;
  };
}
