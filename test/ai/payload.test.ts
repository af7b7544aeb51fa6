import { describe, expect, it } from "vitest";
import { buildPayload } from "../../src/ai/payload.js";
import type { Profile } from "../../src/profile/schema.js";
import { exampleProfile } from "../helpers.js";

/** A copy of a real profile whose detector-selected snippets carry secrets and personal data. */
async function plantedProfile(): Promise<Profile> {
  const profile = structuredClone(await exampleProfile("level-3-enquiry-service"));
  const plant = [
    'const pool = new Pool("postgres://app:Sup3rS3cret@db:5432/enquiries")',
    "notify.sendEmail(id, 'jane.doe@example.gov.uk') // AKIAIOSFODNN7EXAMPLE",
    "lookup('QQ123456C', 'SW1A 1AA', '07700 900123')",
    "headers: { Authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJqYW5lIn0.c2ln' }",
  ];
  const f = profile.facts;
  const evidence = [
    ...f.routes.map((r) => r.evidence),
    ...f.frameworks.map((x) => x.evidence),
    ...f.datastores.map((x) => x.evidence),
    ...f.integrations.map((x) => x.evidence),
  ];
  evidence.forEach((e, i) => (e.snippet = plant[i % plant.length]));
  f.routes[0]!.path = "/contact/jane.doe@example.gov.uk";
  return profile;
}

describe("the AI payload", () => {
  it("holds only the allow-listed fields", async () => {
    const { payload } = buildPayload(await exampleProfile("level-3-enquiry-service"));
    expect(Object.keys(payload).sort()).toEqual([
      "dependencies",
      "excerpts",
      "failureModeIds",
      "journeys",
      "peakPeriods",
      "personalDataCategories",
      "routes",
      "service",
      "signals",
    ]);
    expect(Object.keys(payload.service).sort()).toEqual(["dataClassification", "level", "name"]);
    expect(payload.routes).toContainEqual({ method: "POST", path: "/enquiries/new" });
    expect(payload.dependencies.map((d) => d.id)).toContain("postgres");
  });

  it("never carries file paths, env var names, field names or whole files", async () => {
    const profile = await exampleProfile("level-3-enquiry-service");
    const text = JSON.stringify(buildPayload(profile).payload);
    const files = new Set(profile.facts.routes.map((r) => r.evidence.file));
    expect(files.size).toBeGreaterThan(0);
    for (const file of files) expect(text).not.toContain(file);
    for (const env of profile.facts.envVars) expect(text).not.toContain(env.name);
    for (const item of profile.facts.personalData) expect(text).not.toContain(`"${item.field}"`);
    expect(text.length).toBeLessThan(12_000);
  });

  it("redacts secrets and personal data in every excerpt and route", async () => {
    const { payload, redactions } = buildPayload(await plantedProfile());
    const text = JSON.stringify(payload);
    for (const secret of [
      "Sup3rS3cret",
      "jane.doe",
      "AKIAIOSFODNN7EXAMPLE",
      "QQ123456C",
      "SW1A 1AA",
      "07700",
      "eyJzdWIiOiJqYW5lIn0",
    ])
      expect(text).not.toContain(secret);
    expect(payload.excerpts.length).toBeGreaterThan(0);
    expect(payload.excerpts.every((e) => e.text.length <= 160)).toBe(true);
    expect(payload.routes[0]!.path).toBe("/contact/[REDACTED:email]");
    expect(Object.keys(redactions).sort()).toEqual(
      expect.arrayContaining([
        "aws-access-key",
        "jwt",
        "connection-string",
        "email",
        "ni-number",
        "phone",
        "postcode",
      ]),
    );
  });

  it("is the same for the same profile", async () => {
    const profile = await exampleProfile("level-3-enquiry-service");
    expect(JSON.stringify(buildPayload(profile))).toBe(
      JSON.stringify(buildPayload(structuredClone(profile))),
    );
  });

  it("leaves out whole any excerpt that was cut before it reached the AI stage", async () => {
    const profile = structuredClone(await exampleProfile("level-3-enquiry-service"));
    const [first, second, third] = profile.facts.routes.map((r) => r.evidence);
    // The scanner ends text it cut with "…"; analysis keeps at most 160 characters of a snippet.
    first!.snippet = `"https://files.example.test/${"a/".repeat(40)}ghp_R4nd…`;
    second!.snippet = `x = "${"b".repeat(144)}/AKIAI44QH8`;
    third!.snippet = "router.get('/whole')";
    expect(second!.snippet).toHaveLength(160);
    const { payload, redactions } = buildPayload(profile);
    const text = JSON.stringify(payload);
    for (const front of ["ghp_R4nd", "AKIAI44QH8", "files.example.test", "bbbbbbbb"])
      expect(text).not.toContain(front);
    expect(payload.excerpts).toContainEqual({ fact: "route", text: "router.get('/whole')" });
    expect(redactions["excerpt-cut-by-analysis"]).toBe(2);
  });

  it("drops the tail of an id cut at the slug limit, where the front of a number may sit", async () => {
    const profile = structuredClone(await exampleProfile("level-3-enquiry-service"));
    const cut = `pay-${"x".repeat(46)}-4111-1111-11`;
    expect(cut).toHaveLength(63);
    profile.failureModes[0]!.id = cut;
    const { payload, redactions } = buildPayload(profile);
    expect(payload.failureModeIds[0]).toBe(`pay-${"x".repeat(46)}`);
    expect(JSON.stringify(payload)).not.toContain("4111");
    expect(redactions["id-cut-by-analysis"]).toBe(1);
  });
});
