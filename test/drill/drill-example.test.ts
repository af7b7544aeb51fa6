import { existsSync } from "node:fs";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { accepts } from "../../src/drill/service.js";
import { BIN, govops } from "../e2e/run-cli.js";
import { examplePath } from "../helpers.js";
import { lacks } from "../tools.js";

const EXAMPLE = examplePath("level-1-forms-service");

interface Result {
  failure: string;
  factor: number;
  responses: Record<"healthy" | "failing" | "recovered", Record<string, number>>;
  page: {
    alert: string;
    severity: string;
    drillSeconds: number;
    realSeconds: number;
    receivers: string[];
  } | null;
  resolved: { drillSeconds: number } | null;
  firingWhileHealthy: string[];
  ok: boolean;
}

const fivexx = (counts: Record<string, number>) =>
  Object.entries(counts)
    .filter(([status]) => status.startsWith("5"))
    .reduce((n, [, c]) => n + c, 0);

// The real thing: the example service, real Prometheus and Alertmanager, Redis going down under it.
describe.skipIf(lacks("promtool", "amtool"))("govops drill on the forms example", () => {
  it("pages the on-call receiver within two drill minutes when the session store goes down, and resolves", async () => {
    const { code, stdout, stderr } = await govops(["drill", EXAMPLE, "--json"]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as Result;
    expect(result.failure).toBe("redis goes down");
    expect(fivexx(result.responses.healthy)).toBe(0);
    // The metrics-missing page reads process_start_time_seconds, which the running service exports.
    expect(result.firingWhileHealthy.filter((name) => name.endsWith("MetricsMissing"))).toEqual([]);
    expect(fivexx(result.responses.failing)).toBeGreaterThan(0);
    expect(result.page).not.toBeNull();
    expect(result.page!.alert).toBe("ApplyForDiscretionaryHousingPaymentApplyAvailabilityBudgetBurn");
    expect(result.page!.severity).toBe("page");
    expect(result.page!.drillSeconds).toBeLessThanOrEqual(120);
    expect(result.page!.realSeconds).toBeCloseTo(result.page!.drillSeconds * result.factor, -2);
    expect(result.page!.receivers).toContain("on-call-placeholder");
    expect(result.resolved).not.toBeNull();
    expect(result.ok).toBe(true);
  }, 300_000);

  it("stops everything it started and removes its files on Ctrl-C", async () => {
    const child = execa("node", [BIN, "drill", EXAMPLE, "--warmup", "6h"], {
      reject: false,
      env: { NO_COLOR: "1" },
      stdin: "ignore",
    });
    let stderr = "";
    await new Promise<void>((resolve) => {
      child.stderr!.on("data", (chunk: Buffer) => {
        stderr += chunk.toString();
        if (stderr.includes("healthy traffic")) resolve();
      });
      void child.then(() => resolve());
    });
    const dir = /drill files and logs in (\S+)/.exec(stderr)?.[1];
    const ports = [...stderr.matchAll(/http:\/\/127\.0\.0\.1:(\d+)/g)].map((m) => Number(m[1]));
    expect(dir && existsSync(dir)).toBe(true);
    expect(ports).toHaveLength(2);
    child.kill("SIGINT");
    const result = await child;
    expect(result.exitCode).toBe(130);
    expect(existsSync(dir!)).toBe(false);
    for (const port of ports) expect(await accepts(port)).toBe(false);
    expect(String(result.stderr)).toContain("stopping everything the drill started");
  }, 300_000);
});

describe("govops drill without Prometheus", () => {
  it("fails with exit 2 and the apt-get line when the binaries are not on PATH", async () => {
    const result = await execa(process.execPath, [BIN, "drill", EXAMPLE], {
      reject: false,
      env: { NO_COLOR: "1", PATH: "/nonexistent" },
      extendEnv: false,
      stdin: "ignore",
    });
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("prometheus and alertmanager not found on PATH");
    expect(result.stderr).toContain("sudo apt-get install prometheus prometheus-alertmanager");
  });

  it("documents its options, exit codes and examples", async () => {
    const { code, stdout } = await govops(["drill", "--help"]);
    expect(code).toBe(0);
    for (const text of [
      "--failure <mode>",
      "--speed <factor>",
      "Exit codes: 0 paged and resolved",
      "$ govops drill",
    ])
      expect(stdout).toContain(text);
  });
});
