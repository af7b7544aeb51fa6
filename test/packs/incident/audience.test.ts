import { describe, expect, it } from "vitest";
import { analyseService } from "../../../src/index.js";
import { renderProfile } from "../../../src/packs/index.js";
import { audienceOf } from "../../../src/packs/shared/audience.js";
import { fixturePath } from "../../helpers.js";

const profileOf = async (name: string) =>
  (await analyseService(fixturePath("analyse", name), { write: false, config: false })).profile;
const comms = async (name: string) =>
  (await renderProfile(await profileOf(name), {})).filter((f) => f.path.startsWith("ops/incident/comms/"));
const CITIZEN_DRAFTS = /^## (Status page|Service banner|Message to affected citizens)/m;

describe("audience from sign-in on every route", () => {
  it("a staff gateway check applied before the routers makes every journey a staff one", async () => {
    const profile = await profileOf("auth-scope-gateway-middleware");
    expect(profile.journeys.map((j) => j.affected)).toEqual([
      "Staff who handle the service's work, and the citizens waiting on them",
      "Staff who handle the service's work, and the citizens waiting on them",
    ]);
    const audience = audienceOf(profile);
    expect(audience).toMatchObject({ citizen: false, staff: true });
    expect(audience.reason).toContain("sign-in applied to every route (`src/app.js:6`");
    const files = await comms("auth-scope-gateway-middleware");
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      expect(f.content, f.path).not.toMatch(CITIZEN_DRAFTS);
      expect(f.content, f.path).toContain("## Service desk");
    }
  });

  it("a journey the team says is public keeps citizen drafts even behind sign-in", async () => {
    const profile = await profileOf("auth-scope-gateway-middleware");
    const journeys = profile.journeys.map((j, i) =>
      i === 0 ? { ...j, affected: "Citizens", provenance: { source: "user" as const, evidence: [] } } : j,
    );
    expect(audienceOf({ ...profile, journeys }).citizen).toBe(true);
  });

  it("GOV.UK One Login on every route serves the public", async () => {
    for (const f of await comms("auth-scope-one-login-everywhere"))
      expect(f.content, f.path).toMatch(CITIZEN_DRAFTS);
  });
});

describe("audience from sign-in without routes served openly", () => {
  // A bearer-token sign-in with no open route and no sign-in-on-every-route signal: who signs in depends on the
  // archetype. The fixture's own sign-in signal is taken out so only this rule decides.
  const signInOnly = async (
    level: { value: 1 | 2 | 3 | 4 | 5; unsure?: boolean },
    detail = "Bearer tokens",
  ) => {
    const profile = await profileOf("auth-scope-gateway-middleware");
    const evidence = { file: "src/auth.ts", line: 3 };
    return audienceOf({
      ...profile,
      service: { ...profile.service, level: { ...profile.service.level, unsure: false, ...level } },
      facts: {
        ...profile.facts,
        auth: [{ kind: "jwt" as const, detail, evidence }],
        signals: profile.facts.signals.filter((s) => s.name !== "sign-in-on-all-routes"),
      },
      journeys: profile.journeys.map((j) => ({ ...j, affected: "Citizens using the service" })),
    } as typeof profile);
  };

  it("is the public in a Level 1 forms service: applicants sign in too", async () => {
    const audience = await signInOnly({ value: 1 });
    expect(audience).toMatchObject({ citizen: true, staff: false });
    expect(audience.reason).toContain("Level 1 service: the public signs in");
  });

  it("is staff in a Level 3 case-work service", async () => {
    const audience = await signInOnly({ value: 3 });
    expect(audience).toMatchObject({ citizen: false, staff: true });
    expect(audience.reason).toContain("a Level 3 service, which staff work in");
  });

  it("is both when the level is unsure", async () => {
    const audience = await signInOnly({ value: 3, unsure: true });
    expect(audience).toMatchObject({ citizen: true, staff: true });
    expect(audience.reason).toContain("could not tell who signs in");
  });

  it("is staff behind a workforce identity provider, whatever the level", async () => {
    const audience = await signInOnly({ value: 1 }, "passport strategy passport-azure-ad");
    expect(audience).toMatchObject({ citizen: false, staff: true });
    expect(audience.reason).toContain("workforce sign-in");
  });
});
