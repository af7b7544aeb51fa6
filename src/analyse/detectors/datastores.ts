import type { Detector } from "../detector.js";
import { ev } from "../context.js";
import { clientUses, envVarInCall } from "../clients.js";
import type { Facts, Findings } from "../facts.js";

type Kind = Facts["datastores"][number]["kind"];

interface Client {
  modules: string[];
  kind: Kind | ((props: Record<string, string | undefined>) => Kind | undefined);
}

const KNEX_CLIENTS: Record<string, Kind> = {
  pg: "postgres",
  postgres: "postgres",
  postgresql: "postgres",
  mysql: "mysql",
  mysql2: "mysql",
  sqlite3: "sqlite",
  "better-sqlite3": "sqlite",
};

const CLIENTS: Client[] = [
  { modules: ["pg", "postgres", "@neondatabase/serverless"], kind: "postgres" },
  { modules: ["knex"], kind: (p) => KNEX_CLIENTS[p.client ?? ""] },
  {
    modules: ["typeorm", "@nestjs/typeorm"],
    kind: (p) => KNEX_CLIENTS[p.type ?? ""] ?? (p.type === "mongodb" ? "mongodb" : undefined),
  },
  { modules: ["sequelize"], kind: (p) => KNEX_CLIENTS[p.dialect ?? ""] },
  { modules: ["mysql", "mysql2"], kind: "mysql" },
  { modules: ["mongoose", "mongodb"], kind: "mongodb" },
  { modules: ["ioredis", "redis", "connect-redis", "@fastify/redis"], kind: "redis" },
  { modules: ["@aws-sdk/client-dynamodb", "@aws-sdk/lib-dynamodb"], kind: "dynamodb" },
  { modules: ["@aws-sdk/client-s3"], kind: "s3" },
  { modules: ["better-sqlite3", "sqlite3", "sqlite"], kind: "sqlite" },
  { modules: ["memorystore"], kind: "memory" },
];

export const datastoresDetector: Detector = {
  id: "datastores",
  title: "Databases, caches and object stores, by the clients the code constructs",
  isEnabled: () => true,
  detect(ctx) {
    const datastores: NonNullable<Findings["datastores"]> = [];
    for (const client of CLIENTS) {
      for (const use of clientUses(ctx, client.modules)) {
        const props = Object.fromEntries(
          Object.entries(use.call?.args[0]?.props ?? {}).map(([k, v]) => [k, v.value]),
        );
        const kind = typeof client.kind === "function" ? client.kind(props) : client.kind;
        if (!kind) continue;
        const envVar = envVarInCall(use.call);
        datastores.push({
          kind,
          client: use.module,
          ...(envVar ? { envVar } : {}),
          evidence: ev(
            use.file.rel,
            use.line,
            use.call ? `${use.call.isNew ? "new " : ""}${use.call.callee}(…)` : `import ${use.module}`,
          ),
        });
      }
    }
    for (const file of ctx.textFiles) {
      if (!file.rel.endsWith("schema.prisma")) continue;
      const m = /provider\s*=\s*"(postgresql|mysql|sqlite|mongodb)"/.exec(file.text);
      if (!m) continue;
      const kind = (
        { postgresql: "postgres", mysql: "mysql", sqlite: "sqlite", mongodb: "mongodb" } as const
      )[m[1] as "mysql"];
      datastores.push({
        kind,
        client: "prisma",
        evidence: ev(file.rel, file.text.slice(0, m.index).split("\n").length),
      });
    }
    for (const file of ctx.sources) {
      const call = file.calls.find((c) => /(^|\.)MemoryStore$/.test(c.callee) && c.isNew);
      if (call)
        datastores.push({ kind: "memory", client: "session MemoryStore", evidence: ev(file.rel, call.line) });
    }
    return { datastores };
  },
};
