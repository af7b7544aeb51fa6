import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { startFakeServer, type LocalServer } from './http.js';

export const AUDIENCE = 'crp-rules-engine';

export interface FakeIdp extends LocalServer {
  token(claims: { email: string; name?: string }): Promise<string>;
}

/** A local OIDC issuer: discovery document, JWKS, and a signer for staff tokens. */
export async function startFakeIdp(): Promise<FakeIdp> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  let issuer = '';
  const server = await startFakeServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === '/.well-known/openid-configuration') {
      res.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/jwks` }));
    } else if (req.url === '/jwks') {
      res.end(JSON.stringify({ keys: [jwk] }));
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  issuer = server.url;
  return {
    ...server,
    token: (claims) =>
      new SignJWT({ name: claims.name ?? 'Test Official', email: claims.email })
        .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
        .setIssuer(issuer)
        .setAudience(AUDIENCE)
        .setSubject(claims.email)
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(privateKey),
  };
}
