import type { FailureMode, Profile } from "../../profile/schema.js";
import { code, findEnv } from "../shared/format.js";
import type { StackSection } from "../shared/stack.js";

const AUTH_WORDS = /sign[- ]?in|log[- ]?in|token|identity|issuer|oidc|jwt|authenticat/;

/** For services that verify bearer tokens themselves (jose, jsonwebtoken): why valid users get 401s. */
export function tokenSection(profile: Profile, fm: FailureMode): StackSection | undefined {
  if (!profile.facts.auth.some((a) => a.kind === "jwt")) return undefined;
  if (!AUTH_WORDS.test(`${fm.id} ${fm.title} ${fm.trigger} ${fm.detection.signal}`.toLowerCase()))
    return undefined;
  const issuerVar = findEnv(profile.facts.envVars, /ISSUER/);
  const issuer = issuerVar ? `$${issuerVar}` : "<issuer URL>";
  const audience = findEnv(profile.facts.envVars, /AUDIENCE/);
  return {
    title: "Bearer tokens (JWT)",
    steps: [
      {
        text: "Read the header of a token the service rejected (never its payload into chat: it names a person). Its `kid` must be one of the issuer's keys, its `alg` one the service accepts.",
        command:
          "TOKEN='<a token the service rejected>'\ncut -d. -f1 <<<\"$TOKEN\" | tr '_-' '/+' | base64 -d 2>/dev/null; echo",
      },
      ...(issuerVar
        ? []
        : [
            {
              text: "TO DO: the analysis found no variable naming the token issuer: add the identity provider under `dependencies` in govops.config.yaml with `type: oidc` and its `envVar`.",
            },
          ]),
      {
        text: "The keys the issuer publishes now:",
        command: `curl -fsS "$(curl -fsS "${issuer}/.well-known/openid-configuration" | jq -r .jwks_uri)" | jq '[.keys[] | {kid, alg}]'`,
      },
      {
        text: `Tokens are also rejected when the \`aud\` claim does not match${audience ? ` ${code(audience)}` : " the configured audience"}, or when the host clock drifts: compare \`date -u\` with a trusted clock.`,
      },
    ],
    mitigation: ["Restart the instances to refetch the issuer's keys after an unexpected rotation."],
  };
}
