import express, { type ErrorRequestHandler } from 'express';
import session, { type Store } from 'express-session';
import nunjucks from 'nunjucks';
import { fileURLToPath } from 'node:url';
import type { CaseApi } from './clients/case-api.js';
import type { Notifier } from './clients/notify.js';
import type { Logger } from './logger.js';
import { applyRouter } from './routes/apply.js';

export interface AppDeps {
  sessionStore: Store;
  sessionSecret: string;
  caseApi: CaseApi;
  notifier: Notifier;
  logger: Logger;
  /** Send the session cookie over HTTPS only. Default: true. */
  secureCookies?: boolean;
}

const root = (relative: string) => fileURLToPath(new URL(`../../${relative}`, import.meta.url));

export function createApp(deps: AppDeps) {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 1);

  const env = nunjucks.configure([root('views'), root('node_modules/govuk-frontend/dist')], {
    autoescape: true,
    express: app,
  });
  env.addFilter('pounds', (n: number) => `£${n.toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`);
  app.set('view engine', 'njk');

  app.use('/assets', express.static(root('node_modules/govuk-frontend/dist/govuk/assets'), { maxAge: '1d' }));
  app.get('/stylesheets/govuk-frontend.min.css', (_req, res) =>
    res.sendFile(root('node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.css')),
  );

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.use(express.urlencoded({ extended: false, limit: '20kb' }));
  app.use(
    session({
      store: deps.sessionStore,
      secret: deps.sessionSecret,
      name: 'dhp.sid',
      resave: false,
      saveUninitialized: false,
      rolling: true,
      cookie: { httpOnly: true, sameSite: 'lax', secure: deps.secureCookies ?? true, maxAge: 60 * 60 * 1000 },
    }),
  );

  app.get('/', (_req, res) => res.redirect('/apply/start'));
  app.use('/apply', applyRouter(deps));

  app.use((_req, res) => {
    res.status(404).render('not-found');
  });

  const onError: ErrorRequestHandler = (err, req, res, _next) => {
    deps.logger.error({ err, path: req.path }, 'Unhandled error');
    res.status(500).render('error');
  };
  app.use(onError);

  return app;
}
