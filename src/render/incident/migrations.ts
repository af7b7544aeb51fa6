import type { Profile } from "../../profile/schema.js";

export interface MigrationTool {
  name: string;
  status: string;
  /** Undoes the last migration; absent when the tool has no down migrations. */
  rollback?: string;
}

/** Migration commands per datastore client; plain SQL folders fall back to the migrations table. */
const TOOLS: Record<string, MigrationTool> = {
  knex: { name: "Knex", status: "npx knex migrate:status", rollback: "npx knex migrate:rollback" },
  prisma: { name: "Prisma", status: "npx prisma migrate status" },
  typeorm: {
    name: "TypeORM",
    status: "npx typeorm migration:show -d <data-source>",
    rollback: "npx typeorm migration:revert -d <data-source>",
  },
  sequelize: {
    name: "Sequelize",
    status: "npx sequelize-cli db:migrate:status",
    rollback: "npx sequelize-cli db:migrate:undo",
  },
};

const SQL_FOLDER: MigrationTool = {
  name: "SQL migration files",
  status: "select * from <migrations table> order by 1 desc limit 5;",
};

export function migrationTool(profile: Profile): MigrationTool {
  const clients = profile.facts.datastores.map((d) => d.client.toLowerCase());
  const key = Object.keys(TOOLS).find((k) => clients.some((c) => c.includes(k)));
  return key ? TOOLS[key]! : SQL_FOLDER;
}

export function hasMigrations(profile: Profile): boolean {
  return profile.facts.signals.some((s) => s.name === "migrations" || s.name === "orm-migrations");
}
