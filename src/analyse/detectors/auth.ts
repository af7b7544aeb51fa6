import type { Detector } from "../detector.js";
import { ev, localNames, productionSources } from "../context.js";
import { clientUses } from "../clients.js";
import type { Facts, Findings } from "../facts.js";

/** Session middleware keeps state between requests; it does not say who someone is. */
export const SESSION_STORES = [
  "express-session",
  "@fastify/session",
  "@fastify/secure-session",
  "koa-session",
  "cookie-session",
];
export const SESSION_STORE = "server-side sessions";

export const AUTH: Array<{ modules: string[]; kind: Facts["auth"][number]["kind"]; detail: string }> = [
  {
    modules: [
      "openid-client",
      "passport-openidconnect",
      "passport-azure-ad",
      "@govuk-one-login/simple-oidc",
      "express-openid-connect",
      "keycloak-connect",
      "@hapi/bell",
      "@azure/msal-node",
    ],
    kind: "oidc",
    detail: "OpenID Connect sign-in",
  },
  { modules: ["passport", "@nestjs/passport"], kind: "passport", detail: "passport strategies" },
  {
    modules: [
      "jsonwebtoken",
      "jose",
      "express-jwt",
      "@fastify/jwt",
      "@nestjs/jwt",
      "koa-jwt",
      "hapi-auth-jwt2",
      "@hapi/jwt",
      "aws-jwt-verify",
    ],
    kind: "jwt",
    detail: "JWT bearer tokens",
  },
  { modules: ["express-basic-auth", "basic-auth", "@hapi/basic"], kind: "basic", detail: "HTTP basic auth" },
  { modules: SESSION_STORES, kind: "session", detail: SESSION_STORE },
  { modules: ["@hapi/cookie", "hapi-auth-cookie"], kind: "session", detail: "cookie sign-in" },
];

/**
 * OAuth 2 authorisation-code and SAML strategies sign staff in at an identity provider, as OIDC does: the service
 * depends on that provider the same way.
 */
const OIDC_STRATEGIES =
  /passport-openidconnect|passport-azure-ad|openid-client|passport-saml|one-login|passport-oauth2$/;

/** passport.use(new Strategy(…)): each strategy the code constructs, named by its package. */
function passportStrategies(ctx: Parameters<Detector["detect"]>[0]): NonNullable<Findings["auth"]> {
  const found: NonNullable<Findings["auth"]> = [];
  for (const file of productionSources(ctx)) {
    for (const imp of file.imports) {
      if (
        imp.typeOnly ||
        !/^(passport-[\w-]+|@[\w-]+\/passport[\w-]*|openid-client\/passport)$/.test(imp.module)
      )
        continue;
      const names = localNames(file, [imp.module]);
      const call = file.calls.find((c) => c.isNew && names.has(c.root));
      if (!call) continue;
      const kind = OIDC_STRATEGIES.test(imp.module) ? "oidc" : "passport";
      const same = found.find((f) => f.kind === kind);
      if (same && !same.detail!.includes(imp.module)) same.detail += `, ${imp.module}`;
      else if (!same)
        found.push({
          kind,
          detail: `passport strategy ${imp.module}`,
          evidence: ev(file.rel, call.line, `new ${call.callee}(…)`),
        });
    }
  }
  return found;
}

export const authDetector: Detector = {
  id: "auth",
  title: "Authentication: OIDC, passport, JWT, basic, sessions",
  isEnabled: () => true,
  detect(ctx) {
    const auth: NonNullable<Findings["auth"]> = [];
    for (const entry of AUTH) {
      const use = clientUses(ctx, entry.modules)[0];
      if (use)
        auth.push({
          kind: entry.kind,
          detail: `${entry.detail} (${use.module})`,
          evidence: ev(use.file.rel, use.line),
        });
    }
    // Strategies are more specific than "passport is used": they come first so the merge keeps them.
    return { auth: [...passportStrategies(ctx), ...auth] };
  },
};
