import Boom from '@hapi/boom';
import type { Server } from '@hapi/hapi';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import type { StaffUser } from './assessments/types.js';

export type TokenVerifier = (token: string) => Promise<StaffUser>;

/** Verifies staff bearer tokens against the issuer's JWKS, found through OIDC discovery. */
export function createTokenVerifier(opts: { issuer: string; audience: string }): TokenVerifier {
  let jwks: ReturnType<typeof createRemoteJWKSet> | undefined;
  return async (token) => {
    if (!jwks) {
      const res = await fetch(`${opts.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(5_000) });
      if (!res.ok) throw new Error(`OIDC discovery failed: ${res.status}`);
      jwks = createRemoteJWKSet(new URL(((await res.json()) as { jwks_uri: string }).jwks_uri));
    }
    const { payload } = await jwtVerify(token, jwks, { issuer: opts.issuer, audience: opts.audience });
    return { sub: String(payload.sub), email: String(payload.email ?? ''), fullName: String(payload.name ?? '') };
  };
}

/** Registers the `staff` bearer-token strategy as the default for every route. */
export function registerStaffAuth(server: Server, verify: TokenVerifier): void {
  server.auth.scheme('oidc-bearer', () => ({
    async authenticate(request, h) {
      const [scheme, token] = String(request.headers.authorization ?? '').split(' ');
      if (scheme !== 'Bearer' || !token) throw Boom.unauthorized(null, 'Bearer');
      try {
        const user = await verify(token);
        return h.authenticated({ credentials: { user } });
      } catch {
        throw Boom.unauthorized('Invalid or expired token', 'Bearer');
      }
    },
  }));
  server.auth.strategy('staff', 'oidc-bearer');
  server.auth.default('staff');
}
