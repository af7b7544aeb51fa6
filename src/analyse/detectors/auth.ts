import type { Detector } from "../detector.js";
import { ev } from "../context.js";
import { clientUses } from "../clients.js";
import type { Facts, Findings } from "../facts.js";

const AUTH: Array<{ modules: string[]; kind: Facts["auth"][number]["kind"]; detail: string }> = [
  {
    modules: ["openid-client", "passport-openidconnect", "passport-azure-ad", "@govuk-one-login/simple-oidc"],
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
    ],
    kind: "jwt",
    detail: "JWT bearer tokens",
  },
  { modules: ["express-basic-auth", "basic-auth", "@hapi/basic"], kind: "basic", detail: "HTTP basic auth" },
  {
    modules: [
      "express-session",
      "@fastify/session",
      "@fastify/secure-session",
      "koa-session",
      "@hapi/cookie",
      "cookie-session",
    ],
    kind: "session",
    detail: "server-side sessions",
  },
];

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
    return { auth };
  },
};
