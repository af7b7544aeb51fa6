import { Router, type NextFunction, type Request, type Response } from 'express';
import * as client from 'openid-client';
import type { Logger } from 'pino';
import type { EnquiryRepository } from '../db/repository.js';
import type { OidcProvider } from './oidc.js';
import './session.js';

export function authRouter(oidc: OidcProvider, repo: EnquiryRepository, logger: Logger): Router {
  const router = Router();

  router.get('/login', async (req, res) => {
    const config = await oidc.configuration();
    const codeVerifier = client.randomPKCECodeVerifier();
    const login = { state: client.randomState(), nonce: client.randomNonce(), codeVerifier };
    req.session.oidcLogin = login;
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: oidc.settings.redirectUri,
      scope: 'openid email',
      state: login.state,
      nonce: login.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
    });
    req.session.save(() => res.redirect(url.href));
  });

  router.get('/callback', async (req, res) => {
    const login = req.session.oidcLogin;
    if (!login) {
      res.status(400).send('Your sign-in session expired. Start again.');
      return;
    }
    const config = await oidc.configuration();
    const currentUrl = new URL(req.originalUrl, oidc.settings.redirectUri);
    let tokens;
    try {
      tokens = await client.authorizationCodeGrant(config, currentUrl, {
        pkceCodeVerifier: login.codeVerifier,
        expectedState: login.state,
        expectedNonce: login.nonce,
        idTokenExpected: true,
      });
    } catch (error) {
      logger.warn({ err: error }, 'oidc callback rejected');
      res.status(401).send('Sign-in failed');
      return;
    }
    const subject = tokens.claims()!.sub;
    const caseworker = await repo.findCaseworkerBySubject(subject);
    if (!caseworker) {
      logger.warn({ subject }, 'sign-in by unknown caseworker');
      res.status(403).send('You do not have access to this service');
      return;
    }
    req.session.regenerate((error) => {
      if (error) {
        logger.error({ err: error }, 'session regenerate failed');
        res.status(500).send('Sign-in failed');
        return;
      }
      const { id, email, displayName, departmentCode } = caseworker;
      req.session.caseworker = { id, email, displayName, departmentCode };
      req.session.idToken = tokens.id_token;
      logger.info({ caseworkerId: id, department: departmentCode }, 'caseworker signed in');
      req.session.save(() => res.redirect('/caseworker/queue'));
    });
  });

  router.get('/logout', async (req, res) => {
    const idToken = req.session.idToken;
    const config = idToken ? await oidc.configuration().catch(() => undefined) : undefined;
    req.session.destroy(() => {
      res.clearCookie('enquiry.sid');
      if (config?.serverMetadata().end_session_endpoint && idToken) {
        res.redirect(client.buildEndSessionUrl(config, { id_token_hint: idToken }).href);
      } else {
        res.redirect('/enquiries/new');
      }
    });
  });

  return router;
}

export function requireCaseworker(req: Request, res: Response, next: NextFunction): void {
  if (req.session.caseworker) return next();
  if (req.method === 'GET') res.redirect('/auth/login');
  else res.status(401).json({ error: 'sign in required' });
}
