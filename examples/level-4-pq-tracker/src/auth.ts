import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import type { Middleware } from 'koa';
import type { StaffUser } from './questions/types.js';

export type TokenVerifier = (token: string) => Promise<StaffUser>;

/** Verifies staff bearer tokens against the issuer's JWKS, found through OIDC discovery. */
export function createTokenVerifier(opts: { issuer: string; audience: string }): TokenVerifier {
  let jwks: ReturnType<typeof createRemoteJWKSet> | undefined;
  const keys = async () => {
    if (!jwks) {
      const res = await fetch(`${opts.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`, {
        signal: AbortSignal.timeout(5_000),
      });
      if (!res.ok) throw new Error(`OIDC discovery failed: ${res.status}`);
      const { jwks_uri } = (await res.json()) as { jwks_uri: string };
      jwks = createRemoteJWKSet(new URL(jwks_uri));
    }
    return jwks;
  };
  return async (token) => {
    const { payload } = await jwtVerify(token, await keys(), { issuer: opts.issuer, audience: opts.audience });
    return toStaffUser(payload);
  };
}

function toStaffUser(payload: JWTPayload): StaffUser {
  return {
    sub: String(payload.sub),
    email: String(payload.email ?? payload.preferred_username ?? ''),
    fullName: String(payload.name ?? ''),
    roles: Array.isArray(payload.roles) ? payload.roles.map(String) : [],
  };
}

export function requireStaff(verify: TokenVerifier): Middleware {
  return async (ctx, next) => {
    const [scheme, token] = (ctx.get('authorization') || '').split(' ');
    if (scheme !== 'Bearer' || !token) {
      ctx.set('WWW-Authenticate', 'Bearer');
      ctx.throw(401, 'Bearer token required');
    }
    try {
      ctx.state.user = await verify(token);
    } catch {
      ctx.set('WWW-Authenticate', 'Bearer error="invalid_token"');
      ctx.throw(401, 'Invalid or expired token');
    }
    await next();
  };
}
