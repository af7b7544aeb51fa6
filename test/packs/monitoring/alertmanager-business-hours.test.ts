import path from "node:path";
import { parse } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { analyseService } from "../../../src/index.js";
import { routeCases } from "../../../src/packs/monitoring/alertmanager.js";
import { renderProfile } from "../../../src/packs/index.js";
import { loadConfig } from "../../../src/profile/config-io.js";
import { monitoringChoicesSchema, type Profile } from "../../../src/profile/schema.js";
import { exampleProfile, fixturePath, someOf, withTempDir } from "../../helpers.js";
import { lacks } from "../../tools.js";
import { leaves, type AmRoute } from "./alertmanager-tree.js";
import { amtoolReceivers, file, tool, writeFiles } from "./helpers.js";

const CONFIG = "ops/monitoring/alertmanager.yml";
const README = "ops/monitoring/README.md";

interface Config {
  route: AmRoute;
  time_intervals?: Array<{ name: string; time_intervals: Array<Record<string, unknown>> }>;
}

async function staffOnly(): Promise<Profile> {
  const { profile } = await analyseService(fixturePath("monitoring", "staff-only-casework"), {
    write: false,
  });
  return {
    ...profile,
    contacts: {
      ...profile.contacts,
      escalation: [
        { role: "On-call engineer", name: "Rota", contact: "oncall@example.gov.uk" },
        { role: "Service team", name: "Casework team", contact: "https://tickets.example.gov.uk/hook" },
      ],
    },
  };
}

async function rendered(profile: Profile) {
  const files = await renderProfile(profile, {});
  return { files, config: parse(file(files, CONFIG).content) as Config };
}

/** Every route in the tree, depth first. */
function allRoutes(route: AmRoute): AmRoute[] {
  return [route, ...(route.routes ?? []).flatMap(allRoutes)];
}

describe.skipIf(lacks("amtool"))("business-hours routing on a staff-only service", () => {
  let profile: Profile;
  let files: Awaited<ReturnType<typeof rendered>>["files"];
  let config: Config;
  beforeAll(async () => {
    profile = await staffOnly();
    ({ files, config } = await rendered(profile));
  });

  it("defines UK office hours, Monday to Friday 09:00-17:00 Europe/London, and amtool accepts it", async () => {
    expect(config.time_intervals).toEqual([
      {
        name: "office-hours",
        time_intervals: [
          {
            weekdays: ["monday", "tuesday", "wednesday", "thursday", "friday"],
            times: [{ start_time: "09:00", end_time: "17:00" }],
            location: "Europe/London",
          },
        ],
      },
    ]);
    await withTempDir(async (dir) => {
      await writeFiles(dir, files);
      const { code, output } = await tool("amtool", ["check-config", path.join(dir, CONFIG)]);
      expect(code, output).toBe(0);
    });
  });

  it("a P1 page reaches on-call at any hour; a P3 ticket reaches the team only in office hours", async () => {
    await withTempDir(async (dir) => {
      await writeFiles(dir, files);
      const at = path.join(dir, CONFIG);
      const base = { service: profile.service.name, citizen_impact: "high" };
      const p1 = { ...base, severity: "page", priority: "P1" };
      const p3 = { ...base, severity: "ticket", priority: "P3" };
      expect(await amtoolReceivers(at, p1)).toBe("on-call");
      expect(await amtoolReceivers(at, p3)).toBe("service-team");
      expect(leaves(config.route, p1)).toMatchObject([{ receiver: "on-call", active: [] }]);
      expect(leaves(config.route, p3)).toMatchObject([
        { receiver: "service-team", active: ["office-hours"] },
      ]);
    });
  });

  it("every generated alert below P1 waits for office hours and every P1 does not, on the receivers amtool resolves", async () => {
    await withTempDir(async (dir) => {
      await writeFiles(dir, files);
      const cases = someOf(routeCases(profile), "routing case");
      expect(new Set(cases.map((c) => c.labels.priority))).toEqual(new Set(["P1", "P2", "P3"]));
      for (const c of cases) {
        const stops = leaves(config.route, c.labels);
        // The restated walk agrees with Alertmanager's own on where the alert goes...
        expect(stops.map((s) => s.receiver).join(","), JSON.stringify(c.labels)).toBe(
          await amtoolReceivers(path.join(dir, CONFIG), c.labels),
        );
        // ...and each route it stops at notifies at any hour for P1, only in office hours otherwise.
        const want = c.labels.priority === "P1" ? [] : ["office-hours"];
        for (const s of stops) expect(s.active, JSON.stringify(c.labels)).toEqual(want);
      }
    });
  });

  it("keeps time intervals off the routes an alert passes through, so a parent never holds a P1", () => {
    const held = allRoutes(config.route).filter((r) => r.active_time_intervals);
    expect(held.length).toBeGreaterThan(0);
    for (const r of held) {
      expect(r.routes).toBeUndefined();
      expect(
        r.matchers?.some((m) => m.startsWith("priority=")),
        JSON.stringify(r),
      ).toBe(true);
      expect(r.matchers?.join()).not.toMatch(/P1/);
    }
    expect(config.route.active_time_intervals).toBeUndefined();
  });

  it("says in the README when alerts wait, how to turn it off, and that bank holidays are a TO DO", () => {
    const readme = file(files, README).content;
    expect(readme).toMatch(/Business-hours routing is on because only staff use this service: P2, P3, P4/);
    expect(readme).toMatch(/Monday to Friday 09:00 to 17:00 UK time/);
    expect(readme).toMatch(/monitoring\.businessHours\.enabled: false/);
    expect(readme).toMatch(/- TO DO: England and Wales bank holidays are not muted/);
  });

  it("is off when the team turns it off", async () => {
    const off = await rendered({ ...profile, monitoring: { businessHours: { enabled: false } } });
    expect(off.config.time_intervals).toBeUndefined();
    expect(file(off.files, CONFIG).content).not.toMatch(/active_time_intervals/);
    expect(file(off.files, README).content).toMatch(/every alert notifies at any hour/);
  });
});

describe.skipIf(lacks("amtool"))("business-hours routing on a service the public uses", () => {
  it("is off by default", async () => {
    const { files, config } = await rendered(await exampleProfile("level-3-enquiry-service"));
    expect(config.time_intervals).toBeUndefined();
    expect(file(files, CONFIG).content).not.toMatch(/active_time_intervals|office-hours/);
    expect(file(files, README).content).toMatch(
      /The public uses this service, so business-hours routing is off/,
    );
  });

  it("when turned on, holds P3 and P4 in the team's hours while P2 still pages at any hour", async () => {
    const profile = structuredClone(await exampleProfile("level-3-enquiry-service"));
    profile.monitoring = {
      businessHours: { enabled: true, start: "08:00", end: "18:30", days: ["monday", "saturday"] },
    };
    const { files, config } = await rendered(profile);
    expect(config.time_intervals?.[0]?.time_intervals).toEqual([
      {
        weekdays: ["monday", "saturday"],
        times: [{ start_time: "08:00", end_time: "18:30" }],
        location: "Europe/London",
      },
    ]);
    const labels = { service: profile.service.name, citizen_impact: "high" };
    expect(leaves(config.route, { ...labels, severity: "page", priority: "P2" })[0]!.active).toEqual([]);
    expect(leaves(config.route, { ...labels, severity: "ticket", priority: "P3" })[0]!.active).toEqual([
      "office-hours",
    ]);
    expect(file(files, README).content).toMatch(
      /P3, P4 alerts notify only in office hours, Monday, Saturday/,
    );
    await withTempDir(async (dir) => {
      await writeFiles(dir, files);
      const { code, output } = await tool("amtool", ["check-config", path.join(dir, CONFIG)]);
      expect(code, output).toBe(0);
    });
  });
});

describe("monitoring.businessHours and monitoring.email in govops.config.yaml", () => {
  it("sets the hours, days and mail relay from the team's config file", async () => {
    const { profile } = await analyseService(fixturePath("monitoring", "staff-only-casework"), {
      write: false,
      config: fixturePath("monitoring", "business-hours-config", "govops.config.yaml"),
    });
    const { files, config } = await rendered(profile);
    expect(config.time_intervals?.[0]?.time_intervals).toEqual([
      {
        weekdays: ["monday", "tuesday", "wednesday", "thursday"],
        times: [{ start_time: "08:00", end_time: "18:00" }],
        location: "Europe/London",
      },
    ]);
    expect(file(files, README).content).toMatch(
      /Monday, Tuesday, Wednesday, Thursday 08:00 to 18:00 UK time/,
    );
    expect(parse(file(files, CONFIG).content).global).toEqual({
      smtp_smarthost: "smtp.relay.example.gov.uk:587",
      smtp_from: "alerts@example.gov.uk",
    });
  });

  it("refuses a config whose office hours end before they start, naming the file, line and field", async () => {
    await expect(
      loadConfig(fixturePath("monitoring", "business-hours-backwards", "govops.config.yaml")),
    ).rejects.toThrow(/govops\.config\.yaml:5: monitoring\.businessHours\.end: start must be before end/);
  });

  const check = (businessHours: unknown) => monitoringChoicesSchema.safeParse({ businessHours });

  it("accepts HH:MM hours with start before end, and weekday names", () => {
    expect(check({ start: "08:30", end: "17:30", days: ["monday", "friday"] }).success).toBe(true);
    expect(check({ enabled: false }).success).toBe(true);
  });

  it("rejects hours that are not HH:MM, an end not after the start, and unknown days", () => {
    expect(check({ start: "9:00" }).success).toBe(false);
    expect(check({ end: "25:00" }).success).toBe(false);
    const backwards = check({ start: "18:00", end: "09:00" });
    expect(backwards.success).toBe(false);
    expect(backwards.error?.issues[0]?.path).toEqual(["businessHours", "end"]);
    // 17:00 is the default end, so a start of 17:00 alone is empty.
    expect(check({ start: "17:00" }).success).toBe(false);
    expect(check({ days: ["mon"] }).success).toBe(false);
    expect(check({ days: [] }).success).toBe(false);
  });
});
