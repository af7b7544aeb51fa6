import type { Dependency, Profile } from "../../profile/schema.js";
import { code, envRef, findEnv } from "./format.js";

/** One diagnosis step: Markdown text, and optionally a shell command to copy. */
export interface Step {
  text: string;
  command?: string;
}

export interface StackSection {
  title: string;
  steps: Step[];
  mitigation: string[];
}

export interface Ctx {
  dep: Dependency;
  profile: Profile;
  /** `$NAME` for the dependency's own variable, else the first matching one the analysis found. */
  env(pattern: RegExp, fallback: string): string;
}

export const PII = "Query text and payloads can hold personal data: never paste them into chat or tickets.";

export type Recipe = (ctx: Ctx) => Omit<StackSection, "title">;

const psql = (url: string, sql: string) => `psql "${url}" -c "${sql}"`;

/** Diagnosis and mitigation for each datastore type, keyed by the profile's dependency `type`. */
export const DATASTORE_RECIPES: Record<string, Recipe> = {
  postgres: ({ env, profile }) => {
    const url = env(/^(DATABASE|POSTGRES|PG)_?(URL|URI)$/, "DATABASE_URL");
    const pool = findEnv(profile.facts.envVars, /POOL_(MAX|SIZE)/);
    return {
      steps: [
        {
          text: "Is it reachable, and how many connections are open against the limit?",
          command: psql(
            url,
            "select count(*) as open, current_setting('max_connections') as max from pg_stat_activity;",
          ),
        },
        {
          text: "What are the connections doing? Many `idle in transaction` means the application holds transactions open; many waiting on `Lock` means contention.",
          command: psql(
            url,
            "select state, wait_event_type, count(*) from pg_stat_activity where datname = current_database() group by 1, 2 order by 3 desc;",
          ),
        },
        {
          text: `The longest-running statements. ${PII}`,
          command: psql(
            url,
            "select pid, now() - query_start as running_for, state, left(query, 60) from pg_stat_activity where state <> 'idle' order by running_for desc nulls last limit 10;",
          ),
        },
        {
          text: "Lock waits that block other sessions:",
          command: psql(url, "select count(*) as waiting from pg_locks where not granted;"),
        },
        ...(pool
          ? [
              {
                text: `The application's pool size is set by ${code(pool)}: the pool size times the number of instances must stay below \`max_connections\`.`,
              },
            ]
          : []),
      ],
      mitigation: [
        "Cancel a runaway statement with `select pg_cancel_backend(<pid>);`; use `pg_terminate_backend(<pid>)` only if cancelling fails.",
        "If the primary is down, fail over to the standby through the database platform, then restart the application so the pool reconnects.",
      ],
    };
  },
  redis: ({ env }) => {
    const url = env(/^REDIS_(URL|URI)$/, "REDIS_URL");
    const cli = `redis-cli -u "${url}"`;
    return {
      steps: [
        { text: "Is it answering?", command: `${cli} ping` },
        {
          text: "Clients, memory and evictions. A rising `evicted_keys` means Redis is dropping data to stay under `maxmemory`: if it holds sessions, citizens lose answers in progress.",
          command: [
            `${cli} info clients | grep -E 'connected_clients|blocked_clients'`,
            `${cli} info memory | grep -E 'used_memory_human|maxmemory_human|maxmemory_policy'`,
            `${cli} info stats | grep -E 'evicted_keys|rejected_connections'`,
          ].join("\n"),
        },
        { text: "Latency as Redis sees it:", command: `${cli} latency doctor` },
      ],
      mitigation: [
        "Never run `FLUSHALL` or `FLUSHDB` to recover: it signs every citizen out and loses their answers.",
        "If memory is the cause, raise `maxmemory` or scale the instance; fix key expiry before the next peak.",
      ],
    };
  },
  mysql: ({ env }) => ({
    steps: [
      {
        text: `Connections against the limit, and what they are doing (credentials from ${code(env(/^(DATABASE|MYSQL)_?(URL|URI)$/, "DATABASE_URL"))}). ${PII}`,
        command: `mysql --host=<host> --user=<user> -p -e "show status like 'Threads_connected'; show variables like 'max_connections'; show full processlist;"`,
      },
    ],
    mitigation: ["Kill a runaway statement with `KILL QUERY <id>;` before killing its connection."],
  }),
  mongodb: ({ env }) => {
    const url = env(/^MONGO(DB)?_?(URL|URI)$/, "MONGODB_URI");
    return {
      steps: [
        {
          text: `Connections, and operations running for more than 5 seconds. ${PII}`,
          command: `mongosh "${url}" --quiet --eval 'printjson(db.serverStatus().connections); db.currentOp({ secs_running: { $gt: 5 } }).inprog.forEach(o => print(o.opid, o.secs_running, o.ns))'`,
        },
      ],
      mitigation: ["Stop a runaway operation with `db.killOp(<opid>)`."],
    };
  },
  dynamodb: () => ({
    steps: [
      {
        text: "Throttling and errors per table in CloudWatch (`ThrottledRequests`, `SystemErrors`); the table's state:",
        command:
          "aws dynamodb describe-table --table-name <table> --query 'Table.[TableStatus,BillingModeSummary]'",
      },
    ],
    mitigation: ["Switch the table to on-demand capacity, or raise provisioned capacity, while throttled."],
  }),
  s3: () => ({
    steps: [
      {
        text: "Can the service's credentials reach the bucket?",
        command: "aws s3api head-bucket --bucket <bucket>",
      },
    ],
    mitigation: ["Check the AWS Health Dashboard for the region before changing the service."],
  }),
  sqlite: () => ({
    steps: [{ text: "Is the database file intact?", command: "sqlite3 <file> 'PRAGMA integrity_check;'" }],
    mitigation: ["Restore the file from the last backup if the integrity check fails."],
  }),
  memory: () => ({
    steps: [
      {
        text: "This state lives inside each process: a restart loses it, and with more than one instance each holds a different copy. Check how many instances run and when each last restarted.",
      },
    ],
    mitigation: [
      "Move this state to a shared store before scaling out: the in-memory copy cannot be recovered.",
    ],
  }),
};

export function stackContext(profile: Profile, dep: Dependency): Ctx {
  return {
    dep,
    profile,
    env: (pattern, fallback) => envRef(dep.envVar ?? findEnv(profile.facts.envVars, pattern), fallback),
  };
}
