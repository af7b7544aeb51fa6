import type { Evidence, Facts } from "../analyse/facts.js";
import { SIGN_IN_ON_ALL_ROUTES } from "../analyse/detectors/auth-scope.js";

/** Sign-in that members of the public use: GOV.UK One Login, GOV.UK Account. */
const CITIZEN_IDP = /one.?login|account\.gov\.uk|gov\.?uk account/i;

type AuthFacts = Pick<Facts, "auth" | "signals" | "integrations">;
const everyRoute = (facts: AuthFacts) =>
  facts.signals.find((s) => s.name === SIGN_IN_ON_ALL_ROUTES)?.evidence;

/** Whether a sign-in the analysis found is one the public uses: its detail, its identity provider or its set-up. */
export function citizenSignIn(facts: AuthFacts): boolean {
  return CITIZEN_IDP.test(`${signInWords(facts)} ${everyRoute(facts)?.snippet ?? ""}`);
}

/** What the analysis says of the sign-in: each auth fact's detail and snippet, and each identity provider's name. */
export function signInWords(facts: Pick<Facts, "auth" | "integrations">): string {
  return [
    ...facts.auth.map((a) => `${a.detail ?? ""} ${a.evidence.snippet ?? ""}`),
    ...facts.integrations.filter((i) => i.kind === "oidc").map((i) => `${i.name} ${i.baseUrlEnv ?? ""}`),
  ].join(" ");
}

/**
 * Where a staff sign-in guards every route (global middleware before the routers, a framework default, an API
 * Gateway authoriser, an SPA wrapped in its sign-in): the whole service is behind it, so only staff use it.
 */
export function staffSignInOnAllRoutes(facts: AuthFacts): Evidence | undefined {
  return citizenSignIn(facts) ? undefined : everyRoute(facts);
}
