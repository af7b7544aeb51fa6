import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { indexSource, indexSourceByForEachChild, type FileIndex } from "../../src/scan/source-index.js";
import { argText } from "../../src/scan/syntax.js";
import { fixturePath } from "../helpers.js";

describe("the one-walk source index", () => {
  it("records imports, skipping type-only ones, and requires with their bindings", () => {
    const i = indexSource(
      "a.ts",
      [
        "import express, { Router } from 'express';",
        "import type { Pool } from 'pg';",
        "import { type Knex } from 'knex';",
        "const { Client } = require('pg');",
      ].join("\n"),
    );
    expect(i.imports).toEqual([
      { module: "express", line: 1, default: "express", names: ["Router"] },
      { module: "pg", line: 2, names: ["Pool"], typeOnly: true },
      { module: "knex", line: 3, names: [], typeOnly: true },
      { module: "pg", line: 4, names: ["Client"] },
    ]);
  });

  it("gives a chained call the arguments of the chain's first call, at the method's own line", () => {
    const i = indexSource("r.ts", "router\n  .route('/items')\n  .get(list)\n  .post(create);");
    const post = i.calls.find((c) => c.callee === "router.route().get().post")!;
    expect(post.line).toBe(4);
    expect(post.chainArgs?.[0]).toMatchObject({ kind: "string", value: "/items" });
  });

  it("knows what a call is assigned to: variables, awaited calls, class fields and this.x", () => {
    const i = indexSource(
      "c.ts",
      [
        "const api = axios.create({ baseURL: process.env.API_URL, timeout: 5000 });",
        "const db = await connect();",
        "class A { private http = got.extend({}); constructor() { this.client = new Client(); } }",
      ].join("\n"),
    );
    const assigned = Object.fromEntries(i.calls.map((c) => [c.callee, c.assignedTo]));
    expect(assigned).toEqual({
      "axios.create": "api",
      connect: "db",
      "got.extend": "this.http",
      Client: "this.client",
    });
    const timeout = i.calls[0]!.args[0]!.props?.timeout;
    expect(timeout?.kind).toBe("other");
    expect(argText(timeout)).toBe("5000");
    expect(i.envReads).toEqual([{ name: "API_URL", line: 1 }]);
  });

  it("leaves out calls on JavaScript's own objects, unless the file binds the name itself", () => {
    const i = indexSource(
      "b.ts",
      [
        "import { Map } from 'immutable';",
        "if (!Array.isArray(x)) throw new Error('x');",
        "const body = JSON.parse(text);",
        "const m = Map({ a: 1 });",
        "console.log(fetch(url));",
      ].join("\n"),
    );
    expect(i.calls.map((c) => c.callee)).toEqual(["Map", "fetch"]);
  });

  it("records exports, default exports and HTTP method checks (Next.js handlers)", () => {
    const i = indexSource(
      "h.ts",
      [
        "export async function GET() {}",
        "export const POST = async () => {};",
        "export default function handler(req) {",
        "  if (req.method === 'PUT') return;",
        "  switch (req.method) { case 'DELETE': break; }",
        "}",
      ].join("\n"),
    );
    expect(i.exports.map((e) => e.name)).toEqual(["GET", "POST"]);
    expect(i.defaultExportLine).toBe(3);
    expect(i.methodChecks).toEqual([
      { name: "PUT", line: 4 },
      { name: "DELETE", line: 5 },
    ]);
  });

  it("keeps string values of properties, env destructuring and destructured bindings", () => {
    const i = indexSource(
      "k.ts",
      "const c = { client: 'pg', pool: 2 };\nconst { PORT, HOST } = process.env;\nconst { Pool } = pg;",
    );
    expect(i.properties).toEqual([
      { name: "client", line: 1, value: "pg" },
      { name: "pool", line: 1 },
    ]);
    expect(i.envReads.map((e) => e.name)).toEqual(["PORT", "HOST"]);
    const repeated = indexSource(
      "r.ts",
      "const a = { id: 1, type: 'pg' };\nconst b = { id: 2, type: 'mysql' };\nconst c = { id: 3, type: 'pg' };",
    );
    // A name without a string value is kept once, at its first line; every string value is kept.
    expect(repeated.properties).toEqual([
      { name: "id", line: 1 },
      { name: "type", line: 1, value: "pg" },
      { name: "type", line: 2, value: "mysql" },
      { name: "type", line: 3, value: "pg" },
    ]);
    expect(i.destructures).toEqual([{ from: "pg", names: ["Pool"] }]);
  });

  it("counts syntax errors and still indexes what parsed", () => {
    const i = indexSource(
      "broken.ts",
      "import express from 'express';\nconst app = express(;\napp.get('/still-here', h);",
    );
    expect(i.parseErrors).toBeGreaterThan(0);
    expect(i.imports[0]!.module).toBe("express");
    expect(i.pathLiterals.map((p) => p.name)).toContain("/still-here");
  });

  it("keeps module-level values, strings bound in functions and loop variables, never other locals", () => {
    const i = indexSource(
      "urls.js",
      [
        "const ROOT = '/permits';",
        "const urls = { detail: `${ROOT}/:id`, renew: ROOT + '/renew' };",
        "function mount(router) {",
        "  const base = '/admin';",
        "  const handler = () => {};",
        "  for (const kind of ['a', 'b']) router.get(`${base}/${kind}`, handler);",
        "}",
        "module.exports = urls;",
      ].join("\n"),
    );
    expect(i.bindings.map((b) => `${b.name}${b.each ? "[]" : ""}:${b.value.kind}`)).toEqual([
      "ROOT:string",
      "urls:object",
      "base:string",
      "kind[]:array",
      "default:identifier",
    ]);
    const detail = i.bindings[1]!.value.props!.detail!;
    expect(detail.items!.map((p) => `${p.kind}:${argText(p)}`)).toEqual(["identifier:ROOT", "string:/:id"]);
    expect(i.bindings[1]!.value.props!.renew!.kind).toBe("concat");
  });

  it("records the method of a form a component renders", () => {
    const i = indexSource("p.tsx", 'export default () => <form method="post" onSubmit={() => send()} />;');
    expect(i.formMethods).toEqual([{ name: "POST", line: 1 }]);
    expect(i.calls.map((c) => c.callee)).toEqual(["send"]);
  });
});

describe("settings: the keys an env var's value is set under", () => {
  it("records object keys, assignments, env helpers and convict's env property", () => {
    const index = indexSource(
      "src/config.js",
      [
        "const BASE = process.env.BASE_API;",
        "module.exports = {",
        "  apis: { caseApi: { url: get('CASE_API_URL', 'http://localhost'), timeout: 5000 } },",
        "  uploader: { endpoint: { doc: 'x', format: String, env: 'UPLOADER_ENDPOINT' } },",
        "  port: Number(process.env.PORT ?? 3000),",
        "};",
        "settings.formReaderEndpoint = process.env.FORM_READER_ENDPOINT;",
        "function later() { return process.env.INSIDE_URL; }",
      ].join("\n"),
    );
    expect(index.settings.map((s) => `${s.env} ${s.path.join(".")} ${s.line}`)).toEqual([
      "BASE_API BASE 1",
      "CASE_API_URL apis.caseApi.url 3",
      "UPLOADER_ENDPOINT uploader.endpoint 4",
      "PORT port 5",
      "FORM_READER_ENDPOINT settings.formReaderEndpoint 7",
      // Read inside a function body: no key it is set under.
      "INSIDE_URL  8",
    ]);
  });
});

describe("the fast walk", () => {
  it("indexes every fixture and example source exactly as a walk through ts.forEachChild does", () => {
    const roots = [
      fixturePath("analyse"),
      ...readdirSync("examples").map((e) => path.join("examples", e, "src")),
    ];
    const files = roots.flatMap((root) =>
      existsSync(root)
        ? readdirSync(root, { recursive: true, encoding: "utf8" })
            .filter((f) => /\.(ts|tsx|js|jsx|mjs|cjs)$/.test(f) && !f.includes("node_modules"))
            .map((f) => path.join(root, f))
        : [],
    );
    expect(files.length).toBeGreaterThan(200);
    const plain = (i: FileIndex) => JSON.parse(JSON.stringify(i, (k, v) => (k === "source" ? undefined : v)));
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      expect(plain(indexSource(file, text)), file).toEqual(plain(indexSourceByForEachChild(file, text)));
    }
  });
});
