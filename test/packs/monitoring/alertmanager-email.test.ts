import { readFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { renderProfile } from "../../../src/packs/index.js";
import { monitoringChoicesSchema, type Profile } from "../../../src/profile/schema.js";
import { exampleProfile, fixturePath, withTempDir } from "../../helpers.js";
import { lacks } from "../../tools.js";
import { file, tool, writeFiles } from "./helpers.js";

const CONFIG = "ops/monitoring/alertmanager.yml";
const README = "ops/monitoring/README.md";

/** The level 3 example with the contacts fixture: on-call and security have email addresses. */
async function withEmailContacts(email?: Profile["monitoring"]): Promise<Profile> {
  const profile = structuredClone(await exampleProfile("level-3-enquiry-service"));
  profile.contacts.escalation = parse(
    await readFile(fixturePath("monitoring", "contacts", "escalation.yaml"), "utf8"),
  );
  if (email) profile.monitoring = email;
  return profile;
}

describe.skipIf(lacks("amtool"))("Alertmanager mail relay (monitoring.email)", () => {
  it("renders the team's smarthost and sender into global, and amtool accepts it", async () => {
    const files = await renderProfile(
      await withEmailContacts({
        email: { smarthost: "smtp.relay.example.gov.uk:587", from: "alerts@example.gov.uk" },
      }),
      {},
    );
    const config = parse(file(files, CONFIG).content);
    expect(config.global).toEqual({
      smtp_smarthost: "smtp.relay.example.gov.uk:587",
      smtp_from: "alerts@example.gov.uk",
    });
    expect(file(files, CONFIG).content).not.toMatch(/mail relay and sender/);
    expect(file(files, README).content).not.toMatch(/monitoring\.email/);
    await withTempDir(async (dir) => {
      await writeFiles(dir, files);
      const { code, output } = await tool("amtool", ["check-config", path.join(dir, CONFIG)]);
      expect(code, output).toBe(0);
    });
  });

  it("keeps a placeholder relay whose TO DO names monitoring.email while email receivers have none", async () => {
    const files = await renderProfile(await withEmailContacts(), {});
    const content = file(files, CONFIG).content;
    expect(parse(content).global.smtp_smarthost).toBe("smtp.example.invalid:587");
    expect(content).toMatch(/# TO DO: your mail relay and sender: set monitoring\.email \(smarthost, from\)/);
    expect(file(files, README).content).toMatch(/- TO DO: set monitoring\.email \(smarthost, from\)/);
  });

  it("has no global section when no receiver sends email and no relay is set", async () => {
    const files = await renderProfile(await exampleProfile("level-3-enquiry-service"), {});
    expect(parse(file(files, CONFIG).content).global).toBeUndefined();
    expect(file(files, README).content).not.toMatch(/monitoring\.email/);
  });
});

describe("monitoring.email in govops.config.yaml", () => {
  const check = (email: unknown) => monitoringChoicesSchema.safeParse({ email }).success;

  it("needs a host:port smarthost and an email sender", () => {
    expect(check({ smarthost: "smtp.example.gov.uk:25", from: "ops@example.gov.uk" })).toBe(true);
    expect(check({ smarthost: "smtp.example.gov.uk", from: "ops@example.gov.uk" })).toBe(false);
    expect(check({ smarthost: "smtp.example.gov.uk:587", from: "ops" })).toBe(false);
    expect(check({ smarthost: "smtp.example.gov.uk:587" })).toBe(false);
  });
});
