import path from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { promtoolRulesValidator, promtoolTestValidator } from "../../../src/check/validators/promtool.js";
import { analyseService } from "../../../src/index.js";
import { renderProfile } from "../../../src/packs/index.js";
import { SLI_PRESETS, sliPreset, thresholdLe } from "../../../src/packs/monitoring/sli-presets.js";
import type { Profile } from "../../../src/profile/schema.js";
import { exampleProfile, fixturePath, withTempDir } from "../../helpers.js";
import { lacks } from "../../tools.js";
import { file, writeFiles } from "./helpers.js";

async function fixtureProfile(): Promise<Profile> {
  return (await analyseService(fixturePath("monitoring", "helm-ingress-permits"), { write: false })).profile;
}

const METRIC_OF = {
  "ingress-nginx": [
    "nginx_ingress_controller_requests{",
    "nginx_ingress_controller_request_duration_seconds_bucket{",
  ],
  "otel-http": ["http_server_request_duration_seconds_count{", 'http_route=~"'],
  "prom-client": ["http_request_duration_seconds_count{", 'path=~"'],
  govops: ["http_requests_total{", 'route=~"'],
} as const;

describe("SLI presets", () => {
  it("pick ingress-nginx when the Helm values turn an ingress on, and say so", async () => {
    const preset = sliPreset(await fixtureProfile());
    expect(preset.name).toBe("ingress-nginx");
    expect(preset.fixed).toEqual({ ingress: "permits" });
    expect(preset.reason).toMatch(
      /^an ingress in deploy\/permits\/values\.yaml: the ingress controller already counts every request$/,
    );
  });

  it("fall back to govops' starter where nothing exists, and read the bucket at or under the threshold", async () => {
    const profile = await exampleProfile("level-3-enquiry-service");
    const chosen = (sli: (typeof SLI_PRESETS)[number]) => sliPreset({ ...profile, monitoring: { sli } });
    expect(sliPreset(profile).name).toBe("govops");
    expect(thresholdLe(chosen("ingress-nginx"), 2000)).toBe("1");
    expect(thresholdLe(chosen("otel-http"), 750)).toBe("0.75");
    // The starter adds every journey's threshold to its buckets, so it reads the threshold itself.
    const ms = profile.journeys[0]!.slo.latency.thresholdMs;
    expect(thresholdLe(chosen("govops"), ms)).toBe(String(ms / 1000));
  });
});

describe.skipIf(lacks("promtool"))("rules of each SLI preset", () => {
  it.each(SLI_PRESETS)("read %s's metrics and pass promtool check and test rules", async (sli) => {
    const profile = { ...(await fixtureProfile()), monitoring: { sli } };
    const files = await renderProfile(profile, {});
    const rel = "ops/monitoring/slo-rules.yml";
    const exprs = (
      parse(file(files, rel).content) as { groups: Array<{ rules: Array<{ expr: string }> }> }
    ).groups
      .flatMap((g) => g.rules)
      .map((r) => r.expr)
      .join("\n");
    for (const piece of METRIC_OF[sli]) expect(exprs).toContain(piece);
    await withTempDir(async (dir) => {
      await writeFiles(dir, files);
      for (const v of [promtoolRulesValidator, promtoolTestValidator]) {
        const targets = files
          .filter((f) => v.applies(f.path))
          .map((f) => ({ rel: f.path, abs: path.join(dir, f.path) }));
        expect((await v.run(targets)).problems, `${v.id} for ${sli}`).toEqual([]);
      }
    });
  });
});
