import { describe, expect, it } from "vitest";
import { SIGN_IN_ON_ALL_ROUTES } from "../../src/analyse/detectors/auth-scope.js";
import { staffSignInOnAllRoutes } from "../../src/profile/audience.js";
import { analyseFixture, where } from "./fixture.js";

const everyRoute = async (name: string) =>
  (await analyseFixture(name)).facts.signals.filter((s) => s.name === SIGN_IN_ON_ALL_ROUTES);

describe("sign-in applied to every route", () => {
  it("gateway header middleware applied with app.use before the routers guards every page", async () => {
    const [signal] = await everyRoute("auth-scope-gateway-middleware");
    expect(where(signal!.evidence)).toBe("src/app.js:6");
    expect(signal!.evidence.snippet).toBe('app.use(require("./middleware/gatewayAuth"))');
    const facts = (await analyseFixture("auth-scope-gateway-middleware")).facts;
    expect(facts.auth.map((a) => a.kind)).toEqual(["gateway"]);
    expect(staffSignInOnAllRoutes(facts)).toEqual(signal!.evidence);
  });

  it("sign-in mounted on one path only does not guard the rest", async () => {
    expect(await everyRoute("auth-scope-admin-only")).toEqual([]);
  });

  it("an API Gateway authoriser in the OpenAPI document the API is built from", async () => {
    const [signal] = await everyRoute("auth-scope-openapi-authoriser");
    expect(where(signal!.evidence)).toBe("src/openapi/document.ts:20");
  });

  it("an SPA whose root is wrapped in MSAL and signs in by redirect", async () => {
    const [signal] = await everyRoute("auth-scope-spa-msal");
    expect(where(signal!.evidence)).toBe("src/main.tsx:3");
    expect(signal!.evidence.snippet).toBe("app wrapped in @azure/msal-react sign-in");
  });

  it("a hapi default auth strategy", async () => {
    const [signal] = await everyRoute("auth-scope-hapi-default");
    expect(where(signal!.evidence)).toBe("src/server.js:7");
  });

  it("GOV.UK One Login on every route is the public signing in, not staff", async () => {
    const facts = (await analyseFixture("auth-scope-one-login-everywhere")).facts;
    expect(facts.signals.map((s) => s.name)).toContain(SIGN_IN_ON_ALL_ROUTES);
    expect(staffSignInOnAllRoutes(facts)).toBeUndefined();
  });
});

describe("sign-in on nearly every route definition", () => {
  it("a guard from an auth module named on each route, the sign-in page aside", async () => {
    const [signal] = await everyRoute("auth-scope-per-route-guard");
    expect(signal!.evidence.snippet).toBe("sign-in on 11 of 12 route definitions");
    expect(where(signal!.evidence)).toBe("src/routes/index.js:6");
  });

  it("hapi route modules that require an access scope", async () => {
    const [signal] = await everyRoute("auth-scope-hapi-route-scopes");
    expect(signal!.evidence.snippet).toBe("sign-in on 10 of 11 route definitions");
  });

  it("a router mounted without a path after the sign-in middleware", async () => {
    const [signal] = await everyRoute("auth-scope-router-after-sign-in");
    expect(signal!.evidence.snippet).toBe("app.use(setUpAuthentication())");
  });
});
