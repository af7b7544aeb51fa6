import { describe, expect, it } from "vitest";
import { classifyField } from "../../src/analyse/detectors/personal-data.js";
import { analyseFixture, where } from "./fixture.js";

describe("auth", () => {
  it("names each passport strategy the code constructs; an OpenID Connect strategy is OIDC", async () => {
    const { auth } = (await analyseFixture("auth-passport-strategies")).facts;
    expect(auth.map((a) => [a.kind, a.detail])).toEqual([
      ["passport", "passport strategy passport-local, passport-jwt"],
      ["oidc", "passport strategy passport-openidconnect"],
    ]);
    expect(where(auth[0]!.evidence)).toBe("src/auth.ts:7");
  });

  it("the issuer env var locates the identity provider", async () => {
    const { integrations } = (await analyseFixture("auth-passport-strategies")).facts;
    expect(integrations).toContainEqual(
      expect.objectContaining({
        kind: "oidc",
        client: "passport-openidconnect",
        baseUrlEnv: "ONE_LOGIN_ISSUER",
      }),
    );
  });

  it("routes with no authentication at all are reported as auth none, with a route as evidence", async () => {
    const { auth, routes } = (await analyseFixture("koa-router-prefix")).facts;
    expect(auth).toEqual([
      { kind: "none", detail: "no authentication found for 2 route(s)", evidence: routes[0]!.evidence },
    ]);
  });
});

describe("personal data", () => {
  it("classifies fields from schemas, templates and SQL", async () => {
    const found = (await analyseFixture("personal-data-categories")).facts.personalData;
    expect(Object.fromEntries(found.map((p) => [p.field, p.category]))).toEqual({
      emailAddress: "contact",
      nationalInsuranceNumber: "identity",
      passportNumber: "identity",
      sortCode: "financial",
      accountNumber: "financial",
      disabilityDetails: "health",
      ethnicity: "special-category",
      childDateOfBirth: "children",
      nhs_number: "health",
      medical_conditions: "health",
      telephoneNumber: "contact",
      postcode: "contact",
    });
    expect(where(found.find((p) => p.field === "telephoneNumber")!.evidence)).toBe("views/contact.njk:2");
    expect(where(found.find((p) => p.field === "nhs_number")!.evidence)).toBe("migrations/001.sql:3");
  });

  it("leaves technical names alone", () => {
    for (const field of ["hostname", "filename", "username", "templateName", "id"])
      expect(classifyField(field), field).toBeUndefined();
  });
});
