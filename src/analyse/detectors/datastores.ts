import type { Detector } from "../detector.js";
import { declares, ev, resolveImport } from "../context.js";
import type { CallSite, FileIndex } from "../../scan/source-index.js";
import { clientUses, envVarInCalls, LOCATION_ENV, type ClientUse } from "../clients.js";
import type { DetectorContext } from "../context.js";
import type { Facts } from "../facts.js";
import {
  awsV2Datastores,
  dependencyDatabases,
  prismaDatastores,
  sessionMemoryStores,
} from "./datastore-extras.js";

type Datastore = Facts["datastores"][number];
type Kind = Datastore["kind"];

const DRIVERS: Record<string, Kind> = {
  pg: "postgres",
  postgres: "postgres",
  postgresql: "postgres",
  "pg-native": "postgres",
  mysql: "mysql",
  mysql2: "mysql",
  mariadb: "mysql",
  sqlite: "sqlite",
  sqlite3: "sqlite",
  "better-sqlite3": "sqlite",
  mongodb: "mongodb",
};

const DRIVER_PACKAGES = ["pg", "mysql2", "mysql", "mariadb", "sqlite3", "better-sqlite3"];

interface Client {
  modules: string[];
  kind?: Kind;
  /** For ORMs and query builders: the option naming the driver (`client`, `type`, `dialect`). */
  option?: string;
}

const CLIENTS: Client[] = [
  { modules: ["pg", "postgres", "@neondatabase/serverless", "pg-promise"], kind: "postgres" },
  { modules: ["knex"], option: "client" },
  { modules: ["typeorm", "@nestjs/typeorm"], option: "type" },
  { modules: ["sequelize", "sequelize-typescript"], option: "dialect" },
  { modules: ["@mikro-orm/core"], option: "type" },
  { modules: ["mysql", "mysql2", "mariadb"], kind: "mysql" },
  { modules: ["mongoose", "mongodb", "@nestjs/mongoose"], kind: "mongodb" },
  {
    modules: ["ioredis", "redis", "@redis/client", "connect-redis", "@fastify/redis", "@nestjs/redis"],
    kind: "redis",
  },
  { modules: ["@aws-sdk/client-dynamodb", "@aws-sdk/lib-dynamodb", "dynamoose"], kind: "dynamodb" },
  { modules: ["@aws-sdk/client-s3"], kind: "s3" },
  { modules: ["@azure/storage-blob"], kind: "azure-blob" },
  { modules: ["@opensearch-project/opensearch", "nestjs-opensearch"], kind: "opensearch" },
  { modules: ["pg-boss"], kind: "postgres" },
  // Job queues and hapi's cache keep their state in Redis.
  {
    modules: [
      "@hapi/catbox-redis",
      "catbox-redis",
      "bull",
      "bullmq",
      "@nestjs/bull",
      "@nestjs/bullmq",
      "bee-queue",
    ],
    kind: "redis",
  },
  { modules: ["better-sqlite3", "sqlite3", "sqlite"], kind: "sqlite" },
  { modules: ["memorystore"], kind: "memory" },
];

const KIND_ENV: Record<Kind, RegExp> = {
  postgres: /^(DATABASE|DB|PG|POSTGRES)\w*(URL|URI|HOST|CONNECTION\w*)$/,
  mysql: /^(DATABASE|DB|MYSQL)\w*(URL|URI|HOST|CONNECTION\w*)$/,
  mongodb: /^(DATABASE|DB|MONGO)\w*(URL|URI|HOST|CONNECTION\w*)$/,
  redis: /^(REDIS|CACHE|SESSION_STORE)\w*(URL|URI|HOST|CONNECTION\w*)$/,
  dynamodb: /^(DYNAMO|AWS_DYNAMO)\w*(ENDPOINT|URL|TABLE\w*)$/,
  s3: /^(S3|AWS_S3|BUCKET)\w*(ENDPOINT|URL|BUCKET\w*|NAME)?$/,
  sqlite: /^(DATABASE|DB|SQLITE)\w*(PATH|FILE|URL)$/,
  memory: /^$/,
  "azure-blob": /^(AZURE_STORAGE|BLOB|STORAGE)\w*(URL|URI|CONNECTION\w*|ACCOUNT\w*)$/,
  opensearch: /^(OPENSEARCH|ELASTIC\w*|SEARCH)\w*(URL|URI|HOST|NODE|ENDPOINT)$/,
};

/** The driver an ORM uses: its option in the call, in the file (`type: 'postgres'`), a URL scheme, or the driver package. */
function ormKind(ctx: DetectorContext, use: ClientUse, option: string): Kind | undefined {
  for (const call of use.calls) {
    for (const arg of call.args) {
      const value =
        arg.props?.[option]?.value ?? (arg.value && /^\w+:\/\//.test(arg.value) ? arg.value : undefined);
      const kind = value && DRIVERS[value.split(":")[0]!];
      if (kind) return kind;
    }
  }
  // In the file, or in a module it imports: `knex(knexfile[env])` with the client named in knexfile.js.
  const near = [
    use.file,
    ...use.file.imports.flatMap((i) => resolveImport(ctx, use.file.rel, i.module) ?? []),
  ];
  for (const file of near) {
    const inFile = file.properties.find((p) => p.name === option && p.value && DRIVERS[p.value]);
    if (inFile) return DRIVERS[inFile.value!];
  }
  const driver = DRIVER_PACKAGES.find((d) => declares(ctx, use.file.rel, d));
  return driver ? DRIVERS[driver] : undefined;
}

/** An env var read in the file, or in a module it imports (`knex(config)` with config from knexfile.ts). */
function envNear(ctx: DetectorContext, file: FileIndex, accept: RegExp): string | undefined {
  const files = [file, ...file.imports.flatMap((i) => resolveImport(ctx, file.rel, i.module) ?? [])];
  for (const f of files) {
    const hit = f.envReads.find((e) => accept.test(e.name));
    if (hit) return hit.name;
  }
  return undefined;
}

const OPENS = /^(connect|createPool|createClient|createConnection|initialize|forRoot\w*|from)$/;

/** `new Pool()`, `knex(config)`, `mongoose.connect()`: a call that opens a connection, not a type or helper. */
function opensConnection(call: CallSite): boolean {
  return (
    call.isNew ||
    !call.callee.includes(".") ||
    OPENS.test(call.callee.slice(call.callee.lastIndexOf(".") + 1))
  );
}

export const datastoresDetector: Detector = {
  id: "datastores",
  title: "Databases, caches and object stores, by the clients the code constructs",
  isEnabled: () => true,
  detect(ctx) {
    const found: Array<{ store: Datastore; score: number }> = [];
    for (const client of CLIENTS) {
      const rank = (u: ClientUse) =>
        client.modules.findIndex((m) => u.module === m || u.module.startsWith(`${m}/`));
      // The connection client (ioredis) is better evidence than a wrapper around it (connect-redis).
      for (const use of clientUses(ctx, client.modules).sort((a, b) => rank(a) - rank(b))) {
        const kind = client.kind ?? ormKind(ctx, use, client.option!);
        if (!kind) continue;
        const envVar =
          envVarInCalls(use.calls, LOCATION_ENV) ??
          envVarInCalls(use.calls, KIND_ENV[kind]) ??
          envNear(ctx, use.file, KIND_ENV[kind]);
        const opened = use.calls.find(opensConnection);
        const shown = opened ?? use.call;
        const store: Datastore = {
          kind,
          client: use.module,
          ...(envVar ? { envVar } : {}),
          evidence: ev(
            use.file.rel,
            shown?.line ?? use.line,
            shown ? `${shown.isNew ? "new " : ""}${shown.callee}(…)` : `import ${use.module}`,
          ),
        };
        found.push({ store, score: (opened ? 2 : 0) + (envVar ? 1 : 0) });
      }
    }
    // One entry per kind survives the merge: the use that opens a connection and names its env var.
    const datastores = found.sort((a, b) => b.score - a.score).map((f) => f.store);
    datastores.push(...prismaDatastores(ctx), ...awsV2Datastores(ctx), ...sessionMemoryStores(ctx));
    if (!datastores.some((d) => d.kind !== "memory" && d.kind !== "redis"))
      datastores.push(...dependencyDatabases(ctx));
    return { datastores };
  },
};
