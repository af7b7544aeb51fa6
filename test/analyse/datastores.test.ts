import { describe, expect, it } from "vitest";
import { analyseFixture, where } from "./fixture.js";

const stores = async (name: string) => (await analyseFixture(name)).facts.datastores;

describe("datastores: the clients the code constructs, and the env var that locates them", () => {
  it("knex takes its driver and env var from the knexfile it is given", async () => {
    expect(await stores("datastores-knexfile-mysql")).toEqual([
      expect.objectContaining({ kind: "mysql", client: "knex", envVar: "MYSQL_URL" }),
    ]);
  });

  it("TypeORM in a NestJS async factory: the type option in the file", async () => {
    const [store] = await stores("datastores-typeorm-factory");
    expect(store).toMatchObject({ kind: "postgres", client: "@nestjs/typeorm", envVar: "DATABASE_URL" });
    expect(where(store!.evidence)).toBe("src/database.module.ts:4");
  });

  it("Sequelize given only a URL env var: the dialect comes from the driver package it needs", async () => {
    expect(await stores("datastores-sequelize-url")).toEqual([
      expect.objectContaining({ kind: "postgres", client: "sequelize", envVar: "DB_CONNECTION_STRING" }),
    ]);
  });

  it("Prisma: the datasource provider and url env of schema.prisma, once code constructs a client", async () => {
    const [store] = await stores("datastores-prisma");
    expect(store).toMatchObject({
      kind: "postgres",
      client: "@prisma/client",
      envVar: "POSTGRES_PRISMA_URL",
    });
    expect(where(store!.evidence)).toBe("prisma/schema.prisma:5");
  });

  it("mongoose, DynamoDB, S3 and SQLite, each at the line that opens it", async () => {
    const found = await stores("datastores-documents-and-objects");
    const byKind = Object.fromEntries(found.map((d) => [d.kind, d]));
    expect(Object.keys(byKind).sort()).toEqual(["dynamodb", "mongodb", "s3", "sqlite"]);
    expect(byKind.mongodb).toMatchObject({ client: "mongoose", envVar: "MONGO_URI" });
    expect(byKind.dynamodb).toMatchObject({ envVar: "DYNAMODB_ENDPOINT" });
    expect(byKind.sqlite).toMatchObject({ client: "better-sqlite3", envVar: "SQLITE_PATH" });
    expect(where(byKind.s3!.evidence)).toBe("src/aws.ts:6");
  });

  it("a session middleware without a store is an in-memory session store", async () => {
    const [store] = await stores("datastores-session-memory");
    expect(store).toMatchObject({ kind: "memory", client: "express-session default MemoryStore" });
    expect(where(store!.evidence)).toBe("src/app.ts:6");
  });
});
