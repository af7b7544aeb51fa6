import { bodyParser } from '@koa/bodyparser';
import Router from '@koa/router';
import Koa from 'koa';
import type { Knex } from 'knex';
import { requireStaff, type TokenVerifier } from './auth.js';
import { HttpError } from './errors.js';
import { logger as defaultLogger, type Logger } from './logger.js';
import type { ParliamentClient } from './parliament/client.js';
import { importsRouter } from './routes/imports.js';
import { questionsRouter } from './routes/questions.js';
import { QuestionService } from './workflow/question-service.js';

export interface AppDeps {
  db: Knex;
  parliament: ParliamentClient;
  verifyToken: TokenVerifier;
  warningSittingDays: number;
  logger?: Logger;
}

export function createApp(deps: AppDeps): Koa {
  const log = deps.logger ?? defaultLogger;
  const app = new Koa();

  app.use(async (ctx, next) => {
    const started = Date.now();
    try {
      await next();
    } catch (err) {
      const status = err instanceof HttpError ? err.status : ((err as { status?: number }).status ?? 500);
      ctx.status = status;
      ctx.body = { error: status >= 500 ? 'Internal server error' : (err as Error).message };
      if (status >= 500) log.error({ err, path: ctx.path }, 'request failed');
    }
    log.info({ method: ctx.method, path: ctx.path, status: ctx.status, ms: Date.now() - started }, 'request');
  });

  // Liveness only: it does not check the database or the Parliament API.
  const health = new Router();
  health.get('/health', (ctx) => {
    ctx.body = { status: 'ok' };
  });
  app.use(health.routes());

  app.use(bodyParser());
  app.use(requireStaff(deps.verifyToken));
  const questions = questionsRouter(new QuestionService(deps.db), deps.db);
  const imports = importsRouter(deps.db, deps.parliament, deps.warningSittingDays);
  app.use(questions.routes()).use(questions.allowedMethods());
  app.use(imports.routes()).use(imports.allowedMethods());
  return app;
}
