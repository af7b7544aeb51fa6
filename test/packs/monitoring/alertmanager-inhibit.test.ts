import { mkdtemp, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { execa } from "execa";
import { parse } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { monitoringAlerts } from "../../../src/packs/monitoring/alerts.js";
import { renderProfile } from "../../../src/packs/index.js";
import type { Profile } from "../../../src/profile/schema.js";
import { exampleProfile } from "../../helpers.js";
import { lacks } from "../../tools.js";
import { inhibits, type InhibitRule } from "./alertmanager-tree.js";
import { file } from "./helpers.js";

const CONFIG = "ops/monitoring/alertmanager.yml";
type Labels = Record<string, string>;

/** The SLO burn alert's labels (with alertname) for a journey, SLI and severity, as the rules write them. */
function sloAlert(profile: Profile, journey: string, sli: string, severity: string): Labels {
  const found = monitoringAlerts(profile).find(
    ({ rule }) =>
      rule.labels.journey === journey && rule.labels.sli === sli && rule.labels.severity === severity,
  );
  if (!found) throw new Error(`no ${severity} ${sli} alert for ${journey}`);
  return { alertname: found.rule.alert, ...(found.rule.labels as Labels) };
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

describe("an availability page inhibits the same journey's latency alerts", () => {
  let profile: Profile;
  let rules: InhibitRule[];
  let journeys: string[];
  beforeAll(async () => {
    profile = await exampleProfile("level-3-enquiry-service");
    const files = await renderProfile(profile, {});
    rules = parse(file(files, CONFIG).content).inhibit_rules;
    journeys = profile.journeys.map((j) => j.id);
    expect(journeys.length).toBeGreaterThan(1);
  });

  it("inhibits the journey's latency page and ticket, not another journey's, and not the other way round", () => {
    const [a, b] = journeys as [string, string];
    const availability = sloAlert(profile, a, "availability", "page");
    expect(inhibits(rules, availability, sloAlert(profile, a, "latency", "page"))).toBe(true);
    expect(inhibits(rules, availability, sloAlert(profile, a, "latency", "ticket"))).toBe(true);
    expect(inhibits(rules, availability, sloAlert(profile, b, "latency", "page"))).toBe(false);
    expect(inhibits(rules, sloAlert(profile, a, "latency", "page"), availability)).toBe(false);
    // A latency page alone (the journey slow but up) still pages.
    expect(
      inhibits(rules, sloAlert(profile, a, "latency", "page"), sloAlert(profile, a, "latency", "page")),
    ).toBe(false);
  });

  it.skipIf(lacks("amtool"))("as a running Alertmanager applies it", async () => {
    const [a, b] = journeys as [string, string];
    const dir = await mkdtemp(path.join(tmpdir(), "govops-am-"));
    const port = await freePort();
    const files = await renderProfile(profile, {});
    await writeFile(path.join(dir, "alertmanager.yml"), file(files, CONFIG).content);
    const am = execa(
      "prometheus-alertmanager",
      [
        `--config.file=${path.join(dir, "alertmanager.yml")}`,
        `--storage.path=${path.join(dir, "data")}`,
        `--web.listen-address=127.0.0.1:${port}`,
        "--cluster.listen-address=",
      ],
      { reject: false },
    );
    const api = `http://127.0.0.1:${port}/api/v2/alerts`;
    try {
      const sent = {
        availability: sloAlert(profile, a, "availability", "page"),
        latency: sloAlert(profile, a, "latency", "page"),
        otherLatency: sloAlert(profile, b, "latency", "page"),
      };
      const body = JSON.stringify(Object.values(sent).map((labels) => ({ labels })));
      let state: Record<string, string> = {};
      for (let i = 0; i < 100; i++) {
        const post = await fetch(api, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body,
        }).catch(() => undefined);
        if (post?.ok) {
          const alerts = (await (await fetch(api)).json()) as Array<{
            labels: Labels;
            status: { state: string };
          }>;
          state = Object.fromEntries(
            Object.entries(sent).map(([name, labels]) => [
              name,
              alerts.find(
                (x) => x.labels.alertname === labels.alertname && x.labels.journey === labels.journey,
              )?.status.state ?? "missing",
            ]),
          );
          if (state.latency === "suppressed") break;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(state).toEqual({ availability: "active", latency: "suppressed", otherLatency: "active" });
    } finally {
      am.kill("SIGTERM");
      await am;
      await rm(dir, { recursive: true, force: true });
    }
  });
});
