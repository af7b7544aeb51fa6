import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { drillAlertmanagerConfig } from "../../src/drill/configs.js";
import { ROUTE_HEADER, createIngress } from "../../src/drill/ingress.js";
import { drillTarget } from "../../src/drill/plan.js";
import { tcpProxy } from "../../src/drill/proxy.js";
import { httpStub, parseCommands, redisStub } from "../../src/drill/stubs.js";
import { examplePath, exampleProfile } from "../helpers.js";
import { lacks } from "../tools.js";

function redisCommand(port: number, ...args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("error", reject);
    socket.once("close", () => resolve("(closed)"));
    socket.once("data", (d) => (socket.destroy(), resolve(d.toString())));
    socket.write(`*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join("")}`);
  });
}

describe("dependency stubs", () => {
  it("parses RESP commands split across reads", () => {
    const whole = Buffer.from("*2\r\n$3\r\nGET\r\n$1\r\nk\r\n*1\r\n$4\r\nPI");
    const { commands, rest } = parseCommands(whole);
    expect(commands).toEqual([["GET", "k"]]);
    expect(rest.toString()).toBe("*1\r\n$4\r\nPI");
  });

  it("Redis stub stores sessions while up, fails while down or erroring, and recovers", async () => {
    const stub = await redisStub();
    try {
      expect(await redisCommand(stub.port, "SET", "sess:1", "{}", "EX", "3600")).toBe("+OK\r\n");
      expect(await redisCommand(stub.port, "GET", "sess:1")).toBe("$2\r\n{}\r\n");
      stub.setMode("down");
      expect(await redisCommand(stub.port, "GET", "sess:1")).toBe("(closed)");
      stub.setMode("errors");
      expect(await redisCommand(stub.port, "GET", "sess:1")).toMatch(/^-ERR/);
      stub.setMode("up");
      expect(await redisCommand(stub.port, "PING")).toBe("+PONG\r\n");
    } finally {
      await stub.close();
    }
  });

  it("HTTP stub answers 200, then resets connections when down and 503 when erroring", async () => {
    const stub = await httpStub();
    try {
      expect((await fetch(`${stub.url}/cases`, { method: "POST", body: "{}" })).status).toBe(200);
      stub.setMode("down");
      await expect(fetch(`${stub.url}/cases`)).rejects.toThrow();
      stub.setMode("errors");
      expect((await fetch(`${stub.url}/cases`)).status).toBe(503);
    } finally {
      await stub.close();
    }
  });
});

/** Sends a line and returns the first answer, or "(closed)" when the connection is reset or closed. */
function exchange(port: number, line: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("error", () => resolve("(closed)"));
    socket.once("close", () => resolve("(closed)"));
    socket.once("data", (d) => (socket.destroy(), resolve(d.toString())));
    socket.write(line);
  });
}

describe("datastore proxy", () => {
  it("forwards to the datastore the user gave while up, resets and refuses while down, and recovers", async () => {
    const db = net.createServer((s) => s.on("data", (d) => s.write(`db:${d.toString()}`)));
    await new Promise<void>((r) => db.listen(0, "127.0.0.1", r));
    const dbPort = (db.address() as net.AddressInfo).port;
    const proxy = await tcpProxy(`postgres://app:secret@127.0.0.1:${dbPort}/dashboard?sslmode=disable`);
    try {
      expect(proxy.url).toBe(`postgres://app:secret@127.0.0.1:${proxy.port}/dashboard?sslmode=disable`);
      expect(await exchange(proxy.port, "select 1")).toBe("db:select 1");
      const open = net.connect(proxy.port, "127.0.0.1");
      await new Promise((r) => open.once("connect", r));
      const reset = new Promise((r) => open.once("close", r));
      proxy.setMode("down");
      await reset;
      expect(await exchange(proxy.port, "select 1")).toBe("(closed)");
      proxy.setMode("up");
      expect(await exchange(proxy.port, "select 2")).toBe("db:select 2");
    } finally {
      await proxy.close();
      db.close();
    }
  });

  it("makes a datastore the drill's default failure once its URL is given", async () => {
    const profile = await exampleProfile("level-2-data-dashboard");
    expect(drillTarget(profile, { kind: "down" }).dependency?.id).toBe("ons-api");
    const given = { DATABASE_URL: "postgres://drill@127.0.0.1:5432/dashboard" };
    expect(drillTarget(profile, { kind: "down" }, undefined, undefined, given).dependency?.id).toBe(
      "postgres",
    );
    const refused = (() => {
      try {
        drillTarget(profile, { kind: "down" }, undefined, "postgres");
      } catch (error) {
        return error as { message: string; suggestion?: string };
      }
    })();
    expect(refused?.message).toBe('The drill cannot stand in for "postgres" (postgres)');
    expect(refused?.suggestion).toContain("--env DATABASE_URL=<url>");
  });
});

describe("ingress", () => {
  it("counts responses under the rules' metric and label names, and injects errors on request", async () => {
    const upstream = http.createServer((req, res) => {
      res.statusCode = req.url === "/broken" ? 500 : 200;
      res.end("ok");
    });
    await new Promise<void>((r) => upstream.listen(0, "127.0.0.1", r));
    const port = (upstream.address() as net.AddressInfo).port;
    const ingress = await createIngress(
      {
        counter: { metric: "nginx_ingress_controller_requests", routeLabel: "path", statusLabel: "status" },
        histogram: {
          metric: "nginx_ingress_controller_request_duration_seconds",
          routeLabel: "path",
          buckets: [0.8],
        },
        staticLabels: {},
        routeMatchers: [],
        pageAlerts: [],
        process: { metric: "process_start_time_seconds", labels: { service: "bins" } },
      },
      port,
      1000,
    );
    try {
      const base = `http://127.0.0.1:${ingress.port}`;
      await (await fetch(`${base}/book/42`, { headers: { [ROUTE_HEADER]: "/book/:slot" } })).text();
      await (await fetch(`${base}/broken`)).text();
      ingress.setErrorFraction(1);
      expect((await fetch(`${base}/book/43`, { headers: { [ROUTE_HEADER]: "/book/:slot" } })).status).toBe(
        503,
      );
      const text = ingress.metrics();
      expect(text).toContain('nginx_ingress_controller_requests{path="/book/:slot",status="200"} 1');
      expect(text).toContain('nginx_ingress_controller_requests{path="/book/:slot",status="503"} 1');
      expect(text).toContain('nginx_ingress_controller_requests{path="/broken",status="500"} 1');
      expect(text).toContain(
        'nginx_ingress_controller_request_duration_seconds_bucket{path="/book/:slot",le="0.8"} 2',
      );
      expect(ingress.statuses()).toEqual({ "200": 1, "500": 1, "503": 1 });
      expect(text).not.toContain("process_start_time_seconds");
      const child = { exitCode: null as number | null, signalCode: null };
      ingress.watchProcess(child);
      expect(ingress.metrics()).toMatch(/^process_start_time_seconds\{service="bins"\} \d{10}$/m);
      child.exitCode = 1;
      expect(ingress.metrics()).not.toContain("process_start_time_seconds");
    } finally {
      await ingress.close();
      upstream.close();
    }
  });
});

describe("drill Alertmanager config", () => {
  const generated = parse(
    readFileSync(
      path.join(examplePath("level-1-forms-service"), "ops", "monitoring", "alertmanager.yml"),
      "utf8",
    ),
  ) as Record<string, unknown>;
  const config = drillAlertmanagerConfig(generated, 60, "http://127.0.0.1:9999") as {
    route: {
      group_wait: string;
      group_interval: string;
      routes: { receiver: string; matchers: string[]; repeat_interval: string }[];
    };
    receivers: { name: string; webhook_configs: { url: string; send_resolved: boolean }[] }[];
    inhibit_rules: unknown;
  };

  it("keeps the routing tree and inhibitions, compresses its timers, and points every receiver at the drill", () => {
    expect(config.route.group_wait).toBe("500ms");
    expect(config.route.group_interval).toBe("5s");
    expect(config.route.routes.map((r) => r.receiver)).toEqual(
      (generated.route as { routes: { receiver: string }[] }).routes.map((r) => r.receiver),
    );
    const pages = config.route.routes.find((r) => r.matchers.join() === 'severity="page"');
    expect(pages?.receiver).toBe("on-call-placeholder");
    expect(pages?.repeat_interval).toBe("2m");
    expect(config.inhibit_rules).toEqual(generated.inhibit_rules);
    expect(config.receivers.map((r) => r.name)).toEqual(
      (generated.receivers as { name: string }[]).map((r) => r.name),
    );
    for (const r of config.receivers)
      expect(r.webhook_configs).toEqual([{ url: `http://127.0.0.1:9999/${r.name}`, send_resolved: true }]);
  });

  it.skipIf(lacks("amtool"))("is a valid Alertmanager config", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "drill-am-"));
    try {
      const file = path.join(dir, "alertmanager.yml");
      writeFileSync(file, stringify(config));
      expect(execFileSync("amtool", ["check-config", file], { encoding: "utf8" })).toContain("SUCCESS");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
