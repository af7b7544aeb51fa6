import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { fixturePath } from "../helpers.js";
import { analyseFixture } from "./fixture.js";

describe("a declared dependency that no code uses is not a finding", () => {
  it("pg (imported for a type only), axios, Notify, Kafka, passport, helmet, prom-client and ioredis", async () => {
    const a = await analyseFixture("declared-but-unused");
    const declared = JSON.parse(
      readFileSync(fixturePath("analyse", "declared-but-unused", "package.json"), "utf8"),
    );
    for (const name of [
      "pg",
      "axios",
      "notifications-node-client",
      "kafkajs",
      "passport",
      "helmet",
      "prom-client",
      "ioredis",
    ])
      expect(Object.keys(declared.dependencies)).toContain(name);
    const f = a.facts;
    expect(f.datastores).toEqual([]);
    expect(f.integrations).toEqual([]);
    expect(f.auth.map((x) => x.kind)).toEqual(["none"]);
    expect(f.readiness.metrics.present).toBe(false);
    expect(f.readiness.securityHeaders?.present).toBe(false);
    expect(f.signals).toEqual([]);
  });

  it("what the code does use is still found", async () => {
    const f = (await analyseFixture("declared-but-unused")).facts;
    expect(f.frameworks.map((x) => x.name)).toEqual(["express"]);
    expect(f.routes.map((r) => `${r.method} ${r.path}`)).toEqual(["GET /hello"]);
  });
});
