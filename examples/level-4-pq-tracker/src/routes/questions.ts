import Router from '@koa/router';
import type { Knex } from 'knex';
import { auditHistory } from '../audit/audit-repository.js';
import type { QuestionService } from '../workflow/question-service.js';
import { parseAssignee, parseComment, parseDraft, parseId } from './validate.js';

export function questionsRouter(service: QuestionService, db: Knex): Router {
  const router = new Router({ prefix: '/questions' });
  const body = (ctx: { request: { body?: unknown } }) => (ctx.request.body ?? {}) as Record<string, unknown>;

  router.get('/', async (ctx) => {
    const { status, deadlineFlag } = ctx.query as { status?: string; deadlineFlag?: string };
    ctx.body = { questions: await service.list({ status, deadlineFlag }) };
  });

  router.get('/:id', async (ctx) => {
    ctx.body = await service.get(parseId(ctx.params.id));
  });

  router.get('/:id/audit', async (ctx) => {
    const id = parseId(ctx.params.id);
    await service.get(id);
    ctx.body = { events: await auditHistory(db, id) };
  });

  router.post('/:id/assign', async (ctx) => {
    ctx.body = await service.apply(parseId(ctx.params.id), { action: 'assign', assignee: parseAssignee(body(ctx)) }, ctx.state.user);
  });

  router.post('/:id/drafts', async (ctx) => {
    ctx.body = await service.apply(parseId(ctx.params.id), { action: 'draft', answerText: parseDraft(body(ctx)) }, ctx.state.user);
  });

  router.post('/:id/submit-for-clearance', async (ctx) => {
    ctx.body = await service.apply(parseId(ctx.params.id), { action: 'submit_for_clearance' }, ctx.state.user);
  });

  router.post('/:id/return', async (ctx) => {
    ctx.body = await service.apply(parseId(ctx.params.id), { action: 'return_to_drafter', comment: parseComment(body(ctx)) }, ctx.state.user);
  });

  router.post('/:id/clear', async (ctx) => {
    ctx.body = await service.apply(parseId(ctx.params.id), { action: 'clear' }, ctx.state.user);
  });

  return router;
}
