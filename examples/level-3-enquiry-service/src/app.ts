import express, { type NextFunction, type Request, type Response } from 'express';
import session from 'express-session';
import type { Logger } from 'pino';
import type { OidcProvider } from './auth/oidc.js';
import { authRouter } from './auth/routes.js';
import type { EnquiryRepository } from './db/repository.js';
import type { Metrics } from './metrics.js';
import type { CitizenNotifier } from './notify/citizen-notifier.js';
import { caseworkerRouter } from './routes/caseworker.js';
import { enquiriesRouter } from './routes/enquiries.js';
import { healthRouter } from './routes/health.js';

export interface AppDeps {
  repo: EnquiryRepository;
  notifier: CitizenNotifier;
  oidc: OidcProvider;
  metrics: Metrics;
  logger: Logger;
  sessionSecret: string;
  /** Defaults to the in-memory store, which is only fit for tests. */
  sessionStore?: session.Store;
  /** Send the session cookie over HTTPS only. Default true. */
  secureCookies?: boolean;
  now?: () => Date;
}

export function createApp(deps: AppDeps): express.Express {
  const { repo, notifier, oidc, metrics, logger } = deps;
  const now = deps.now ?? (() => new Date());
  const app = express();

  app.set('trust proxy', 1);
  app.disable('x-powered-by');
  app.use((req, res, next) => {
    const end = metrics.httpRequestDuration.startTimer({ method: req.method });
    res.on('finish', () => end({ route: req.route?.path ?? 'unmatched', status: res.statusCode }));
    next();
  });
  app.use(express.urlencoded({ extended: false, limit: '50kb' }));
  app.use(express.json({ limit: '50kb' }));
  app.use(
    session({
      name: 'enquiry.sid',
      secret: deps.sessionSecret,
      store: deps.sessionStore,
      resave: false,
      saveUninitialized: false,
      cookie: { httpOnly: true, sameSite: 'lax', secure: deps.secureCookies ?? true, maxAge: 8 * 60 * 60 * 1000 },
    }),
  );

  app.use(healthRouter(repo, metrics, logger));
  app.use(enquiriesRouter({ repo, notifier, metrics, logger, now }));
  app.use('/auth', authRouter(oidc, repo, logger));
  app.use('/caseworker', caseworkerRouter({ repo, notifier, metrics, logger, now }));

  app.use((_req: Request, res: Response) => {
    res.status(404).json({ error: 'not found' });
  });
  app.use((error: Error, req: Request, res: Response, _next: NextFunction) => {
    logger.error({ err: error, path: req.path }, 'unhandled error');
    res.status(500).json({ error: 'internal error' });
  });
  return app;
}
