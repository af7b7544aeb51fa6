import type { Dependency } from "../../profile/schema.js";

export interface BackupRecipe {
  holds: string;
  method: string;
  /** Proposed recovery point and time objectives, for critical and for other stores. */
  rpo: [critical: string, other: string];
  rto: [critical: string, other: string];
  restoreTest?: string;
}

/** Backup practice per datastore type; objectives are proposals for the service owner to agree. */
const BACKUPS: Record<string, BackupRecipe> = {
  postgres: {
    holds: "the service's records",
    method: "Continuous WAL archiving for point-in-time recovery, plus daily snapshots kept for 35 days",
    rpo: ["5 min", "1 h"],
    rto: ["1 h", "4 h"],
    restoreTest:
      'RESTORE_URL=\'postgresql://<user>@<scratch host>/<scratch database>\'\npg_restore --list <latest dump> | head && psql "$RESTORE_URL" -c "select count(*) from <main table>;"',
  },
  mysql: {
    holds: "the service's records",
    method: "Binary-log point-in-time recovery, plus daily snapshots",
    rpo: ["5 min", "1 h"],
    rto: ["1 h", "4 h"],
  },
  mongodb: {
    holds: "the service's documents",
    method: "Oplog-based continuous backup, plus daily snapshots",
    rpo: ["5 min", "1 h"],
    rto: ["1 h", "4 h"],
  },
  dynamodb: {
    holds: "the service's items",
    method: "Point-in-time recovery (35 days) and on-demand backups before releases",
    rpo: ["5 min", "1 h"],
    rto: ["1 h", "4 h"],
  },
  s3: {
    holds: "files and documents",
    method: "Bucket versioning, with replication to a second region for critical data",
    rpo: ["15 min", "24 h"],
    rto: ["4 h", "24 h"],
  },
  "object-storage": {
    holds: "files and documents",
    method: "Object versioning, with replication for critical data",
    rpo: ["15 min", "24 h"],
    rto: ["4 h", "24 h"],
  },
  sqlite: {
    holds: "the service's records, in one file",
    method: "Online backup (`sqlite3 <file> '.backup <copy>'`) on a schedule, copied off the host",
    rpo: ["1 h", "24 h"],
    rto: ["1 h", "4 h"],
  },
  redis: {
    holds: "sessions and cached data",
    method:
      "Not backed up by design: losing it signs citizens out and empties caches, nothing more. Anything that must survive belongs in the database",
    rpo: ["not applicable", "not applicable"],
    rto: ["15 min", "1 h"],
  },
  memory: {
    holds: "state inside each process",
    method: "Cannot be backed up: it is lost on every restart",
    rpo: ["not applicable", "not applicable"],
    rto: ["a restart", "a restart"],
  },
};

export function backupOf(dep: Dependency): BackupRecipe | undefined {
  return BACKUPS[dep.type];
}
