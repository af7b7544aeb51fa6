import { writeFile } from "node:fs/promises";
import path from "node:path";
import { parse, stringify } from "yaml";
import { describe, expect, it } from "vitest";
import { analyseService } from "../../src/index.js";
import { drillAlertmanagerConfig } from "../../src/drill/configs.js";
import { renderProfile } from "../../src/packs/index.js";
import { fixturePath, withTempDir } from "../helpers.js";
import { lacks } from "../tools.js";
import { leaves, type AmRoute } from "../packs/monitoring/alertmanager-tree.js";
import { file, tool } from "../packs/monitoring/helpers.js";

describe.skipIf(lacks("amtool"))("drill Alertmanager config on a business-hours service", () => {
  it("notifies at any hour: no route of the drill copy waits for office hours, and amtool accepts it", async () => {
    const { profile } = await analyseService(fixturePath("monitoring", "staff-only-casework"), {
      write: false,
    });
    const files = await renderProfile(profile, {});
    const generated = parse(file(files, "ops/monitoring/alertmanager.yml").content) as {
      route: AmRoute;
      time_intervals?: unknown[];
    };
    const ticket = {
      service: profile.service.name,
      severity: "ticket",
      priority: "P3",
      citizen_impact: "high",
    };
    // The generated config holds the P3 ticket for office hours...
    expect(leaves(generated.route, ticket)[0]!.active).toEqual(["office-hours"]);

    const drill = drillAlertmanagerConfig(generated, 60, "http://127.0.0.1:9999") as {
      route: AmRoute;
      time_intervals?: unknown;
    };
    // ...the drill's copy sends it to the same receiver at any hour.
    expect(leaves(drill.route, ticket)).toMatchObject([
      { receiver: leaves(generated.route, ticket)[0]!.receiver, active: [] },
    ]);
    expect(stringify(drill)).not.toMatch(/active_time_intervals|mute_time_intervals/);
    expect(drill.time_intervals).toBeUndefined();
    await withTempDir(async (dir) => {
      const at = path.join(dir, "alertmanager.yml");
      await writeFile(at, stringify(drill));
      const { code, output } = await tool("amtool", ["check-config", at]);
      expect(code, output).toBe(0);
    });
  });
});
