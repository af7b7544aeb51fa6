// Builds the benchmark corpus in a temp dir: a generated monorepo of realistic service code, plus the
// TypeScript and JavaScript sources of packages already installed in node_modules. Nothing is downloaded.
import { copyFile, mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";

const RESOURCES = ["claims", "appeals", "grants", "licences", "payments", "applicants", "documents", "cases"];
const FIELDS = [
  "fullName",
  "email",
  "phoneNumber",
  "postcode",
  "dateOfBirth",
  "reference",
  "status",
  "amount",
];

/** A small deterministic PRNG, so every run measures the same corpus. */
function rng(seed) {
  let s = seed;
  return () => {
    s = (s * 1664525 + 1013904223) % 4294967296;
    return s / 4294967296;
  };
}

function routesModule(name, n, pick) {
  const lines = [
    "import { Router } from 'express';",
    `import { ${name}Service } from '../services/${name}.js';`,
    `import { ${name}Schema } from '../models/${name}.js';`,
    "",
    `export const ${name}Router = Router();`,
    "",
  ];
  for (let i = 0; i < n; i++) {
    const method = pick(["get", "post", "put", "delete"]);
    lines.push(
      `${name}Router.${method}('/${name}/${i}/:id', async (req, res, next) => {`,
      "  try {",
      `    const parsed = ${name}Schema.safeParse(req.body ?? {});`,
      "    if (!parsed.success) {",
      "      res.status(400).json({ errors: parsed.error.issues.map((issue) => issue.message) });",
      "      return;",
      "    }",
      `    const result = await ${name}Service.handle${i}(req.params.id, parsed.data);`,
      "    res.status(result ? 200 : 404).json(result ?? { message: 'not found' });",
      "  } catch (error) {",
      "    next(error);",
      "  }",
      "});",
      "",
    );
  }
  return lines.join("\n");
}

function clientModule(name) {
  const env = `${name.toUpperCase()}_API_URL`;
  const lines = [
    "import axios from 'axios';",
    "",
    `const http = axios.create({ baseURL: process.env.${env}, timeout: 5000 });`,
    "",
  ];
  for (let i = 0; i < 40; i++) {
    lines.push(
      `export async function fetch${name}${i}(id: string, page = 1): Promise<unknown[]> {`,
      `  const response = await http.get(\`/v1/${name}/\${id}/items\`, { params: { page, size: 50 } });`,
      "  if (response.status !== 200) throw new Error(`unexpected status ${response.status}`);",
      "  return Array.isArray(response.data) ? response.data : [];",
      "}",
      "",
    );
  }
  return lines.join("\n");
}

function modelModule(name, pick) {
  const fields = FIELDS.map((f) => `  ${f}: ${pick(["string", "number", "Date | null"])};`);
  const lines = [
    "import { z } from 'zod';",
    "import knex from 'knex';",
    "",
    "const db = knex({ client: 'pg', connection: process.env.DATABASE_URL });",
    "",
    `export interface ${name}Record {`,
    "  id: string;",
    ...fields,
    "}",
    "",
    `export const ${name}Schema = z.object({`,
    ...FIELDS.map((f) => `  ${f}: z.string().min(1).optional(),`),
    "});",
    "",
  ];
  for (let i = 0; i < 30; i++) {
    lines.push(
      `export async function find${name}${i}(id: string): Promise<${name}Record | undefined> {`,
      `  const rows = await db('${name}').where({ id, shard: ${i} }).select('*').limit(1);`,
      "  return rows[0];",
      "}",
      "",
    );
  }
  return lines.join("\n");
}

function serviceModule(name) {
  const lines = [
    `import { fetch${name}0 } from '../clients/${name}.js';`,
    "",
    `export const ${name}Service = {`,
  ];
  for (let i = 0; i < 60; i++) {
    lines.push(
      `  async handle${i}(id: string, input: Record<string, unknown>) {`,
      `    const items = await fetch${name}0(id);`,
      "    let total = 0;",
      "    for (const item of items as Array<{ amount?: number; status?: string }>) {",
      "      if (item.status === 'closed') continue;",
      "      total += typeof item.amount === 'number' ? item.amount : 0;",
      "    }",
      "    return { id, total, count: items.length, ...input };",
      "  },",
    );
  }
  lines.push("};", "");
  return lines.join("\n");
}

/** Writes the generated monorepo; returns its line count. */
export async function generateSynthetic(root, targetLines) {
  const pick = (
    (r) => (list) =>
      list[Math.floor(r() * list.length)]
  )(rng(42));
  let lines = 0;
  const workspaces = [];
  for (let pkg = 0; lines < targetLines; pkg++) {
    const dir = path.join(root, "services", `svc-${pkg}`);
    workspaces.push(`services/svc-${pkg}`);
    await mkdir(path.join(dir, "src", "routes"), { recursive: true });
    for (const sub of ["services", "clients", "models"])
      await mkdir(path.join(dir, "src", sub), { recursive: true });
    const deps = { express: "4.21.0", axios: "1.7.0", knex: "3.1.0", pg: "8.12.0", zod: "3.23.0" };
    await writeFile(
      path.join(dir, "package.json"),
      JSON.stringify({ name: `@bench/svc-${pkg}`, dependencies: deps }),
    );
    const app = [
      "import express from 'express';",
      ...RESOURCES.map((r) => `import { ${r}Router } from './routes/${r}.js';`),
      "const app = express();",
      ...RESOURCES.map((r) => `app.use('/api/${r}', ${r}Router);`),
      "app.get('/health', (_req, res) => res.send('ok'));",
      "process.on('SIGTERM', () => process.exit(0));",
      "export default app;",
      "",
    ].join("\n");
    const files = [["src/app.ts", app]];
    for (const r of RESOURCES) {
      files.push([`src/routes/${r}.ts`, routesModule(r, 30, pick)]);
      files.push([`src/clients/${r}.ts`, clientModule(r)]);
      files.push([`src/models/${r}.ts`, modelModule(r, pick)]);
      files.push([`src/services/${r}.ts`, serviceModule(r)]);
    }
    for (const [rel, text] of files) {
      await writeFile(path.join(dir, rel), text);
      lines += text.split("\n").length;
    }
  }
  await writeFile(
    path.join(root, "package.json"),
    JSON.stringify({ name: "bench-monorepo", private: true, workspaces }),
  );
  return lines;
}

const SOURCE = /\.(ts|tsx|js|mjs|cjs)$/;

/** Copies installed packages' sources (not declarations, not minified) until targetLines; returns its line count. */
export async function copyInstalled(nodeModules, dest, targetLines, looksMinified) {
  let lines = 0;
  let n = 0;
  const queue = [nodeModules];
  while (queue.length && lines < targetLines) {
    const dir = queue.shift();
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      const abs = path.join(dir, e.name);
      if (e.isDirectory()) queue.push(abs);
      if (!e.isFile() || !SOURCE.test(e.name) || /\.d\.[cm]?ts$/.test(e.name)) continue;
      const info = await stat(abs);
      if (info.size > 900 * 1024 || info.size < 200) continue;
      const text = await readFile(abs, "utf8");
      if (looksMinified(text) || /@generated|DO NOT EDIT/i.test(text.slice(0, 400))) continue;
      const bucket = path.join(dest, `part-${Math.floor(n / 500)}`);
      await mkdir(bucket, { recursive: true });
      await copyFile(abs, path.join(bucket, `${n}-${e.name}`));
      n++;
      lines += text.split("\n").length;
      if (lines >= targetLines) break;
    }
  }
  return lines;
}
