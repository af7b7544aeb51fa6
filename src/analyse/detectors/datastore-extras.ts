import { clientUses } from "../clients.js";
import { ev, isNonProductionPath, localNames, type DetectorContext } from "../context.js";
import type { Facts } from "../facts.js";

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
  for (const file of ctx.sources) {
    if (isNonProductionPath(file.rel)) continue;
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
        : c.callee.endsWith(".register") && names.has(c.args[0]?.text ?? "")
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
