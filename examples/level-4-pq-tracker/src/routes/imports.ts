import Router from '@koa/router';
import type { Knex } from 'knex';
import { toIsoDate } from '../deadlines/sitting-days.js';
import { ValidationError } from '../errors.js';
import type { ParliamentClient } from '../parliament/client.js';
import { importQuestions } from '../parliament/import.js';

/** Lets staff pull questions on demand, e.g. straight after a big announcement. */
export function importsRouter(db: Knex, client: ParliamentClient, warningSittingDays: number): Router {
  const router = new Router({ prefix: '/imports' });

  router.post('/', async (ctx) => {
    const { tabledWhenFrom } = (ctx.request.body ?? {}) as { tabledWhenFrom?: string };
    if (!tabledWhenFrom || !/^\d{4}-\d{2}-\d{2}$/.test(tabledWhenFrom)) {
      throw new ValidationError('tabledWhenFrom must be a date (YYYY-MM-DD)');
    }
    ctx.body = await importQuestions(db, client, { tabledWhenFrom, today: toIsoDate(new Date()), warningSittingDays });
  });

  return router;
}
