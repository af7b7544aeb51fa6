import { createHash, createSign, generateKeyPairSync, randomBytes } from 'node:crypto';
import { close, createServer, listen, readBody, sendJson } from './http-server.js';

interface PendingCode {
  subject: string;
  nonce: string;
  codeChallenge: string;
  redirectUri: string;
}

const b64url = (input: Buffer | string) => Buffer.from(input).toString('base64url');

/**
 * A minimal OpenID provider in the shape of GOV.UK One Login: discovery, authorize (signs
 * in whoever `signInAs` names without a login page), token with client secret and PKCE
 * checks, and JWKS for the RS256-signed ID token.
 */
export async function startFakeOidc(clientId: string, clientSecret: string) {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'test-key', use: 'sig', alg: 'RS256' };
  const codes = new Map<string, PendingCode>();
  const state = { subject: 'unknown', issuer: '' };

  function idToken(subject: string, nonce: string): string {
    const now = Math.floor(Date.now() / 1000);
    const header = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: jwk.kid }));
    const claims = { iss: state.issuer, aud: clientId, sub: subject, nonce, iat: now, exp: now + 300, email: `${subject}@example.gov.uk` };
    const payload = b64url(JSON.stringify(claims));
    const signature = createSign('RSA-SHA256').update(`${header}.${payload}`).sign(privateKey);
    return `${header}.${payload}.${b64url(signature)}`;
  }

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', state.issuer);
    if (url.pathname === '/.well-known/openid-configuration') {
      return sendJson(res, 200, {
        issuer: state.issuer,
        authorization_endpoint: `${state.issuer}/authorize`,
        token_endpoint: `${state.issuer}/token`,
        jwks_uri: `${state.issuer}/jwks`,
        end_session_endpoint: `${state.issuer}/logout`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
      });
    }
    if (url.pathname === '/jwks') return sendJson(res, 200, { keys: [jwk] });
    if (url.pathname === '/authorize') {
      const p = url.searchParams;
      if (p.get('client_id') !== clientId || p.get('code_challenge_method') !== 'S256') return sendJson(res, 400, { error: 'invalid_request' });
      const code = randomBytes(16).toString('hex');
      codes.set(code, { subject: state.subject, nonce: p.get('nonce')!, codeChallenge: p.get('code_challenge')!, redirectUri: p.get('redirect_uri')! });
      const back = new URL(p.get('redirect_uri')!);
      back.searchParams.set('code', code);
      back.searchParams.set('state', p.get('state')!);
      res.writeHead(302, { location: back.href }).end();
      return;
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      const form = new URLSearchParams(await readBody(req));
      const basic = Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString();
      const [id, secret] = basic ? basic.split(':').map(decodeURIComponent) : [form.get('client_id'), form.get('client_secret')];
      if (id !== clientId || secret !== clientSecret) return sendJson(res, 401, { error: 'invalid_client' });
      const pending = codes.get(form.get('code') ?? '');
      codes.delete(form.get('code') ?? '');
      const challenge = createHash('sha256').update(form.get('code_verifier') ?? '').digest('base64url');
      if (!pending || pending.codeChallenge !== challenge || pending.redirectUri !== form.get('redirect_uri')) {
        return sendJson(res, 400, { error: 'invalid_grant' });
      }
      return sendJson(res, 200, {
        access_token: randomBytes(16).toString('hex'),
        token_type: 'Bearer',
        expires_in: 300,
        id_token: idToken(pending.subject, pending.nonce),
      });
    }
    sendJson(res, 404, { error: 'not_found' });
  });

  state.issuer = await listen(server);
  return {
    issuer: state.issuer,
    signInAs: (subject: string) => (state.subject = subject),
    close: () => close(server),
  };
}
