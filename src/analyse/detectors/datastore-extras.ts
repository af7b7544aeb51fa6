import { awsV2Uses, clientUses } from "../clients.js";
import { ev, isNonProductionPath, localNames, productionSources, type DetectorContext } from "../context.js";
import type { Facts } from "../facts.js";
import { argText } from "../../scan/syntax.js";

type Datastore = Facts["datastores"][number];

const PRISMA_KINDS: Record<string, Datastore["kind"]> = {
  postgresql: "postgres",
  postgres: "postgres",
  cockroachdb: "postgres",
  mysql: "mysql",
  sqlite: "sqlite",
  mongodb: "mongodb",
};

/** Prisma: the datasource in schema.prisma, reported only when code constructs a PrismaClient. */
export function prismaDatastores(ctx: DetectorContext): Datastore[] {
  const use = clientUses(ctx, ["@prisma/client"]).find((u) => u.call);
  if (!use) return [];
  const out: Datastore[] = [];
  for (const file of ctx.textFiles) {
    if (!file.rel.endsWith(".prisma") || isNonProductionPath(file.rel)) continue;
    const block = /datasource\s+\w+\s*\{([^}]*)\}/.exec(file.text);
    const provider = block && /provider\s*=\s*"(\w+)"/.exec(block[1]!);
    const kind = provider && PRISMA_KINDS[provider[1]!];
    if (!kind) continue;
    const envVar = /url\s*=\s*env\(\s*"(\w+)"\s*\)/.exec(block[1]!)?.[1];
    out.push({
      kind,
      client: "@prisma/client",
      ...(envVar ? { envVar } : {}),
      evidence: ev(file.rel, file.text.slice(0, block.index).split("\n").length, `datasource ${provider[1]}`),
    });
  }
  return out;
}

const SESSION_MODULES = ["express-session", "@fastify/session"];

/**
 * Sessions held in process memory: an explicit MemoryStore, or a session middleware given no `store`,
 * which falls back to one. Either way sessions are lost on restart and not shared between instances.
 */
export function sessionMemoryStores(ctx: DetectorContext): Datastore[] {
  const out: Datastore[] = [];
  for (const file of productionSources(ctx)) {
    const explicit = file.calls.find((c) => c.isNew && /(^|\.)MemoryStore$/.test(c.callee));
    if (explicit)
      out.push({ kind: "memory", client: "session MemoryStore", evidence: ev(file.rel, explicit.line) });
  }
  for (const use of clientUses(ctx, SESSION_MODULES)) {
    const names = localNames(use.file, [use.module]);
    // express-session: session({ … }); @fastify/session: app.register(fastifySession, { … }).
    const configured = use.file.calls.flatMap((c) =>
      names.has(c.callee)
        ? [{ c, options: c.args[0] }]
        : c.callee.endsWith(".register") && names.has(argText(c.args[0]) ?? "")
          ? [{ c, options: c.args[1] }]
          : [],
    );
    for (const { c, options } of configured) {
      if (options?.kind !== "object" || "store" in (options.props ?? {})) continue;
      out.push({
        kind: "memory",
        client: `${use.module} default MemoryStore`,
        evidence: ev(use.file.rel, c.line, `${c.callee}(…) without a store`),
      });
    }
  }
  return out;
}

const AWS_V2_STORES: Record<string, Datastore["kind"]> = { s3: "s3", dynamodb: "dynamodb" };

/** AWS SDK v2: `new AWS.S3()`, `new AWS.DynamoDB.DocumentClient()`, `import S3 from 'aws-sdk/clients/s3'`. */
export function awsV2Datastores(ctx: DetectorContext): Datastore[] {
  return awsV2Uses(ctx).flatMap((u) =>
    AWS_V2_STORES[u.service]
      ? [
          {
            kind: AWS_V2_STORES[u.service]!,
            client: "aws-sdk",
            evidence: ev(u.file.rel, u.line, `aws-sdk ${u.service}`),
          },
        ]
      : [],
  );
}

/** A database module taken from a package (`engine/db/db.js`), not a driver the repository declares. */
const DB_MODULE = /^(?:@[\w.-]+\/)?[\w.-]+\/(?:.*\/)?(db|database|knex|objection)(?:\.config)?(?:[./-]|$)/;
const DB_ENV: Array<[RegExp, Datastore["kind"]]> = [
  [/^(POSTGRES|PG)[A-Z]*_/, "postgres"],
  [/^MYSQL_/, "mysql"],
  [/^MONGO[A-Z]*_/, "mongodb"],
];

/**
 * The database of a service whose framework, models and DB config come from a (git) dependency: code imports
 * `<package>/db/…`, and the env examples or code name POSTGRES_*, MYSQL_* or MONGO* settings.
 */
export function dependencyDatabases(ctx: DetectorContext): Datastore[] {
  let use: { rel: string; line: number; module: string } | undefined;
  for (const file of productionSources(ctx)) {
    const imp = file.imports.find(
      (i) => !i.typeOnly && !i.module.startsWith(".") && DB_MODULE.test(i.module),
    );
    if (imp) {
      use = { rel: file.rel, line: imp.line, module: imp.module };
      break;
    }
  }
  if (!use) return [];
  const names = [
    ...productionSources(ctx).flatMap((f) => f.envReads.map((e) => e.name)),
    ...ctx.textFiles
      .filter((f) => /(^|\/)\.env[.-][\w.-]+$/.test(f.rel))
      .flatMap((f) => [...f.text.matchAll(/^\s*([A-Z][A-Z0-9_]*)\s*=/gm)].map((m) => m[1]!)),
  ];
  for (const [re, kind] of DB_ENV) {
    const envVar = names.find((n) => re.test(n) && /HOST|URL|URI/.test(n)) ?? names.find((n) => re.test(n));
    if (envVar)
      return [
        {
          kind,
          client: use.module
            .split("/")
            .slice(0, use.module.startsWith("@") ? 2 : 1)
            .join("/"),
          envVar,
          evidence: ev(use.rel, use.line, `import ${use.module}`),
        },
      ];
  }
  return [];
}
