import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { analyseService } from "../../src/index.js";
import { parseConfig } from "../../src/profile/config-io.js";
import { profileToYaml } from "../../src/profile/io.js";
import { withTempDir } from "../helpers.js";

const SERVICE = fileURLToPath(new URL("../fixtures/profile/service-with-config", import.meta.url));

const errorOf = (text: string): string => {
  try {
    parseConfig(text, "/srv/app/govops.config.yaml");
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("parsed without error");
};

describe("govops.config.yaml is strict", () => {
  it("rejects an unknown key, naming the file, the line and the field path", () => {
    const message = errorOf("service:\n  department: DfT\njourneys:\n  - id: renew\n    sloo: {}\n");
    expect(message).toMatch(/govops\.config\.yaml:5: journeys\.0\.sloo: unknown field/);
  });

  it("rejects a wrong type with its path", () => {
    expect(errorOf("service:\n  ciPlatform: jenkins\n")).toMatch(
      /govops\.config\.yaml:2: service\.ciPlatform: /,
    );
  });

  it("refuses an SLO whose 28-day page alert could never fire", () => {
    expect(errorOf("defaults:\n  slo:\n    availability: 0.9\n")).toMatch(
      /defaults\.slo\.availability: 0\.9 can never fire its 1h page alert over 28 days/,
    );
    expect(() => parseConfig("defaults:\n  slo:\n    availability: 0.93\n", "c.yaml")).not.toThrow();
  });

  it("points at the line and column of broken YAML", () => {
    expect(errorOf("service:\n  department: [DfT\n")).toMatch(/govops\.config\.yaml:\d+:\d+: not valid YAML/);
  });

  it("accepts an empty file", () => {
    expect(parseConfig("# nothing decided yet\n", "c.yaml")).toEqual({});
  });
});

describe("analyseService reads the config", () => {
  it("finds govops.config.yaml at the service root and lets it win", async () => {
    const { profile } = await analyseService(SERVICE, { write: false });
    expect(profile.service).toMatchObject({ department: "Department for Transport", ownerTeam: "Permits" });
    expect(profile.service.level).toMatchObject({ value: 1, provenance: { source: "user" } });
    expect(profile.contacts).toMatchObject({ ownerTeam: "Permits", provenance: { source: "user" } });
    expect(profile.journeys[0]!.slo.availability).toBe(0.999);
    expect(profile.dependencies.find((d) => d.id === "postgres")).toMatchObject({ timeoutMs: 3000 });
    expect(profile.peakPeriods.map((p) => p.id)).toContain("spring-renewals");
  });

  it("takes --config FILE instead, and says when that file is missing", async () => {
    await withTempDir(async (dir) => {
      const file = path.join(dir, "ops-config.yaml");
      await writeFile(file, "service:\n  department: Cabinet Office\n");
      const { profile } = await analyseService(SERVICE, { write: false, config: file });
      expect(profile.service.department).toBe("Cabinet Office");
      await expect(
        analyseService(SERVICE, { write: false, config: path.join(dir, "nope.yaml") }),
      ).rejects.toThrow(/Config file not found/);
    });
  });

  it("writes a byte-identical profile on every run", async () => {
    await withTempDir(async (dir) => {
      const a = await analyseService(SERVICE, { profilePath: path.join(dir, "a.yaml") });
      const b = await analyseService(SERVICE, { profilePath: path.join(dir, "b.yaml") });
      expect(profileToYaml(b.profile)).toBe(profileToYaml(a.profile));
      expect(await readFile(path.join(dir, "b.yaml"), "utf8")).toBe(
        await readFile(path.join(dir, "a.yaml"), "utf8"),
      );
    });
  });
});
