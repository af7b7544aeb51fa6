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

describe("auth the service wires itself", () => {
  it("an authorisation-code request built by hand is OIDC sign-in; its session middleware is only how it is kept", async () => {
    const { auth } = (await analyseFixture("auth-oauth-by-hand")).facts;
    expect(auth.map((a) => a.kind)).toEqual(["oidc"]);
    expect(where(auth[0]!.evidence)).toBe("src/login/provider.js:5");
    expect(auth[0]!.detail).toMatch(/kept in server-side sessions \(express-session\) at src\/app\.js:6$/);
  });

  it("the identity provider a hand-built sign-in sends people to is an upstream, located by the issuer it reads", async () => {
    const { integrations } = (await analyseFixture("auth-oauth-by-hand")).facts;
    const idp = integrations.filter((i) => i.kind === "oidc");
    expect(idp).toEqual([
      expect.objectContaining({
        name: "OIDC identity provider",
        client: "built by hand",
        baseUrlEnv: "IDENTITY_ISSUER_URL",
      }),
    ]);
    expect(where(idp[0]!.evidence)).toBe("src/login/provider.js:5");
  });

  it("a client-credentials token call between services is neither sign-in nor an identity provider", async () => {
    const { auth, integrations } = (await analyseFixture("auth-client-credentials")).facts;
    expect(auth.map((a) => a.kind)).toEqual(["none"]);
    // The token endpoint is called first; the upstream is located by its base URL all the same.
    expect(integrations.map((i) => [i.name, i.kind, i.baseUrlEnv])).toEqual([
      ["case-api", "http", "CASE_API_URL"],
    ]);
  });

  it("a hapi validate function reading the session is cookie session sign-in, guarded by route scopes", async () => {
    const { auth } = (await analyseFixture("auth-hapi-validate-session")).facts;
    expect(auth.map((a) => [a.kind, where(a.evidence)])).toEqual([
      ["session", "src/auth/validate-auth.js:6"],
    ]);
    expect(auth[0]!.detail).toMatch(
      /^cookie session sign-in validated in src\/auth\/validate-auth\.js; role guards/,
    );
  });

  it("a passport OAuth 2 strategy is sign-in at an identity provider; aws-jwt-verify checks JWTs", async () => {
    const { auth } = (await analyseFixture("auth-oauth2-jwt-verify")).facts;
    expect(auth.map((a) => `${a.kind} ${a.evidence.file}`).sort()).toEqual([
      "jwt src/token-check.js",
      "oidc src/app.js",
      "passport src/app.js",
    ]);
    expect(auth.find((a) => a.kind === "oidc")!.detail).toBe("passport strategy passport-oauth2");
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

  it("a bare address read where the file asks the machine for its network interfaces is an IP, not a home", async () => {
    const { personalData } = (await analyseFixture("personal-data-machine-address")).facts;
    // src/host-ip.js (node:os) reads found.address first; the applicant's address is read after it.
    expect(personalData.map((p) => `${p.field} ${p.category} ${where(p.evidence)}`)).toEqual([
      "address contact src/records/applicant.js:2",
    ]);
  });

  it("tells a child from a child record, a home from a network address, a BRP card from a bank card", () => {
    // Hierarchies, versions, machines and dashboard filters look like people but are not.
    for (const field of [
      "childOrganisationLevel",
      "child_of",
      "minor",
      "remoteAddress",
      "ipAddress",
      "selectedVaccinationFilters",
      "vaccinationList",
    ])
      expect(classifyField(field), field).toBeUndefined();
    expect(
      Object.fromEntries(
        [
          "child",
          "childName",
          "child_dob",
          "childAge",
          "childCaseNote",
          "minors",
          "brpCardNumber",
          "brp-card-number",
          "cardNumber",
          "vaccinationStatus",
          "homeAddress",
          "address",
        ].map((f) => [f, classifyField(f)]),
      ),
    ).toEqual({
      child: "children",
      childName: "children",
      child_dob: "children",
      childAge: "children",
      childCaseNote: "children",
      minors: "children",
      brpCardNumber: "immigration",
      "brp-card-number": "immigration",
      cardNumber: "financial",
      vaccinationStatus: "health",
      homeAddress: "contact",
      address: "contact",
    });
  });
});
