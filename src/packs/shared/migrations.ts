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
  "node-pg-migrate": {
    name: "node-pg-migrate",
    status: "select name, run_on from pgmigrations order by run_on desc limit 5;",
    rollback: "npx node-pg-migrate down",
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

/** The migration tool from the datastore clients and the ORM the analysis found. */
export function migrationTool(profile: Profile): MigrationTool {
  const names = [
    ...profile.facts.datastores.map((d) => d.client),
    ...profile.facts.signals.filter((s) => s.name === "orm-migrations").map((s) => s.evidence.snippet ?? ""),
  ].map((n) => n.toLowerCase());
  const key = Object.keys(TOOLS).find((k) => names.some((n) => n.includes(k)));
  return key ? TOOLS[key]! : SQL_FOLDER;
}

export function hasMigrations(profile: Profile): boolean {
  return profile.facts.signals.some((s) => s.name === "migrations" || s.name === "orm-migrations");
}
