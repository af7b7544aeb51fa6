import type { Dependency, Profile } from "../../profile/schema.js";
import type { Cloud } from "./cloud.js";
import { cloudsOf } from "./cloud.js";
import { dependencyEnv, envTodo, pick } from "./env.js";
import { code, findEnv, prose } from "./format.js";

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
  /** The variables that configure this dependency (never another dependency's). */
  vars: string[];
  clouds: Set<Cloud>;
}

export const PII = "Query text and payloads can hold personal data: never paste them into chat or tickets.";

export type Recipe = (ctx: Ctx) => Omit<StackSection, "title">;

const psql = (url: string, sql: string) => `psql "${url}" -c "${sql}"`;

/** How to connect with psql, from the dependency's own variables; a TO DO where they do not say. */
function postgresTarget({ dep, vars, clouds }: Ctx): { setup: Step[]; url: string } {
  const url = pick(vars, /(URL|URI|CONNECTION_?STRING)$/);
  const notes: string[] = [];
  const tls = vars.filter((v) => /SSL|TLS/.test(v));
  if (tls.length)
    notes.push(
      `TLS is configured by ${tls.map(code).join(", ")}: psql reads \`PGSSLMODE\` from the environment, so export the same mode.`,
    );
  if (url) return { setup: notes.length ? [{ text: notes.join(" ") }] : [], url };
  const HOST = /_?(HOST|SERVER|ENDPOINT|HOSTNAME)$/;
  const roles = {
    user: /(USER|USERNAME)$/,
    name: /(_DB|_DATABASE|_NAME|^DB|^DATABASE)$/,
    port: /PORT$/,
    password: /(PASSWORD|PASS)$/,
    region: /REGION$/,
  };
  // Variables of one connection share a prefix (WMT_LIVE_DB_SERVER, WMT_LIVE_DB_NAME …): take the fullest group.
  const groups = vars
    .filter((v) => HOST.test(v))
    .map((host) => {
      const prefix = host.replace(HOST, "");
      const of = (re: RegExp) =>
        vars.find((v) => v !== host && v.startsWith(prefix) && re.test(v.slice(prefix.length)));
      return {
        host,
        user: of(roles.user),
        name: of(roles.name),
        port: of(roles.port),
        password: of(roles.password),
        region: of(roles.region),
      };
    })
    .sort((a, b) => Object.values(b).filter(Boolean).length - Object.values(a).filter(Boolean).length);
  const { host, user, name, port, password, region } = groups[0] ?? {};
  if (!host || !user || !name)
    return {
      setup: [{ text: envTodo(dep, "the database URL (or its host, user and database name)") }],
      url: "<postgresql://user@host/database>",
    };
  const target = `postgresql://$${user}@$${host}${port ? `:$${port}` : ""}/$${name}`;
  if (region && clouds.has("aws"))
    return {
      setup: [
        {
          text: `The service signs in with AWS IAM (${code(region)} is set): make a short-lived token with the role the service uses, as the password.${notes.length ? ` ${notes.join(" ")}` : ""}`,
          command: `export PGPASSWORD="$(aws rds generate-db-auth-token --hostname "$${host}" --port ${port ? `"$${port}"` : "5432"} --username "$${user}" --region "$${region}")"\nexport PGSSLMODE=require`,
        },
      ],
      url: target,
    };
  if (!password && clouds.has("azure"))
    return {
      setup: [
        {
          text: `No password variable was found: on Azure the service may sign in with Microsoft Entra ID. Use a token as the password.${notes.length ? ` ${notes.join(" ")}` : ""}`,
          command: `export PGPASSWORD="$(az account get-access-token --resource-type oss-rdbms --query accessToken -o tsv)"\nexport PGSSLMODE=require`,
        },
      ],
      url: target,
    };
  const how = password
    ? `The password is in ${code(password)}: export it as \`PGPASSWORD\` in your shell on a host that can reach the database (never on the command line).`
    : "";
  return {
    setup: how || notes.length ? [{ text: [how, ...notes].filter(Boolean).join(" ") }] : [],
    url: target,
  };
}

/** redis-cli arguments from the dependency's own variables: URL, or host and port, with TLS and auth. */
function redisTarget({ dep, vars }: Ctx): { setup: Step[]; cli: string } {
  const url = pick(vars, /(URL|URI|CONNECTION(_?STRING)?)$/);
  const tls = vars.find((v) => /TLS|SSL/.test(v));
  const auth = vars.find((v) => /(AUTH_TOKEN|PASSWORD|AUTH|TOKEN|KEY)$/.test(v) && !/TLS|SSL/.test(v));
  const tlsFlag = tls ? " --tls" : "";
  const notes = [
    ...(tls
      ? [
          `TLS is switched on by ${code(tls)}: \`--tls\` below (or a \`rediss://\` URL) is needed when it is true.`,
        ]
      : []),
  ];
  const authEnv = auth ? `REDISCLI_AUTH="$${auth}" ` : "";
  if (url)
    return { setup: notes.map((text) => ({ text })), cli: `${authEnv}redis-cli${tlsFlag} -u "${url}"` };
  const host = pick(vars, /(HOST|HOSTNAME|ENDPOINT|SERVER)$/);
  const port = pick(vars, /PORT$/);
  if (!host)
    return {
      setup: [{ text: envTodo(dep, "the Redis host or URL") }, ...notes.map((text) => ({ text }))],
      cli: `${authEnv}redis-cli${tlsFlag} -h <redis host>${port ? ` -p "${port}"` : ""}`,
    };
  return {
    setup: notes.map((text) => ({ text })),
    cli: `${authEnv}redis-cli${tlsFlag} -h "${host}"${port ? ` -p "${port}"` : ""}`,
  };
}

/** Diagnosis and mitigation for each datastore type, keyed by the profile's dependency `type`. */
export const DATASTORE_RECIPES: Record<string, Recipe> = {
  postgres: (ctx) => {
    const { setup, url } = postgresTarget(ctx);
    const pool =
      ctx.vars.find((v) => /POOL_(MAX|SIZE)|POOL$/.test(v)) ??
      findEnv(ctx.profile.facts.envVars, /DATABASE_POOL_(MAX|SIZE)|DB_POOL_(MAX|SIZE)/);
    return {
      steps: [
        ...setup,
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
  redis: (ctx) => {
    const { setup, cli } = redisTarget(ctx);
    return {
      steps: [
        ...setup,
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
  mysql: ({ dep, vars }) => {
    const url = pick(vars, /(URL|URI)$/);
    const host = pick(vars, /(HOST|SERVER|ENDPOINT)$/);
    const user = pick(vars, /(USER|USERNAME)$/);
    const target = host && user ? `--host="${host}" --user="${user}"` : "--host=<host> --user=<user>";
    return {
      steps: [
        ...(host && user
          ? []
          : [
              {
                text: envTodo(
                  dep,
                  url ? "the host and user (the service uses a URL)" : "the database host and user",
                ),
              },
            ]),
        {
          text: `Connections against the limit, and what they are doing. ${PII}`,
          command: `mysql ${target} -p -e "show status like 'Threads_connected'; show variables like 'max_connections'; show full processlist;"`,
        },
      ],
      mitigation: ["Kill a runaway statement with `KILL QUERY <id>;` before killing its connection."],
    };
  },
  mongodb: ({ dep, vars }) => {
    const url = pick(vars, /(URL|URI|CONNECTION_?STRING)$/);
    return {
      steps: [
        ...(url ? [] : [{ text: envTodo(dep, "the MongoDB connection string") }]),
        {
          text: `Connections, and operations running for more than 5 seconds. ${PII}`,
          command: `mongosh "${url ?? "<mongodb connection string>"}" --quiet --eval 'printjson(db.serverStatus().connections); db.currentOp({ secs_running: { $gt: 5 } }).inprog.forEach(o => print(o.opid, o.secs_running, o.ns))'`,
        },
      ],
      mitigation: ["Stop a runaway operation with `db.killOp(<opid>)`."],
    };
  },
  dynamodb: ({ vars }) => {
    const table = pick(vars, /TABLE/);
    return {
      steps: [
        {
          text: `Throttling and errors per table in CloudWatch (\`ThrottledRequests\`, \`SystemErrors\`); the table's state${table ? "" : " (the analysis found no variable naming the table: use the name from the infrastructure code)"}:`,
          command: `aws dynamodb describe-table --table-name ${table ? `"${table}"` : "<table>"} --query 'Table.[TableStatus,BillingModeSummary]'`,
        },
      ],
      mitigation: ["Switch the table to on-demand capacity, or raise provisioned capacity, while throttled."],
    };
  },
  s3: (ctx) => objectStorage(ctx),
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

/** Object storage on the cloud the service uses: `aws s3api` for S3, `az storage` for Blob Storage. */
export function objectStorage({ dep, vars, clouds, profile }: Ctx): Omit<StackSection, "title"> {
  const azure =
    clouds.has("azure") &&
    (profile.facts.integrations.some((i) => /storage-blob/.test(i.client ?? "")) || !clouds.has("aws"));
  if (azure) {
    const account = pick(vars, /ACCOUNT|CONNECTION_?STRING/) ?? pick(vars, /STORAGE/);
    const container = pick(vars, /CONTAINER/);
    return {
      steps: [
        ...(container ? [] : [{ text: envTodo(dep, "the Blob Storage container") }]),
        {
          text: "Can the service's identity reach the container? (Azure Blob Storage)",
          command: `az storage container show --name ${container ? `"${container}"` : "<container>"} --account-name ${account && !/CONNECTION/.test(account) ? `"${account}"` : "<storage account>"} --auth-mode login --query name`,
        },
      ],
      mitigation: [
        "Check Azure Service Health for the storage account's region before changing the service.",
      ],
    };
  }
  if (clouds.has("aws")) {
    const bucket = pick(vars, /BUCKET/);
    return {
      steps: [
        ...(bucket ? [] : [{ text: envTodo(dep, "the bucket name") }]),
        {
          text: "Can the service's credentials reach the bucket? (Amazon S3)",
          command: `aws s3api head-bucket --bucket ${bucket ? `"${bucket}"` : "<bucket>"}`,
        },
      ],
      mitigation: ["Check the AWS Health Dashboard for the region before changing the service."],
    };
  }
  return {
    steps: [
      {
        text: `TO DO: the analysis could not tell which cloud holds ${prose(dep.name)}: check the storage provider's console and status page; record the cloud in \`hosting\` under \`service\` in govops.config.yaml.`,
      },
    ],
    mitigation: ["Check the storage provider's status page before changing the service."],
  };
}

export function stackContext(profile: Profile, dep: Dependency): Ctx {
  return { dep, profile, vars: dependencyEnv(profile, dep), clouds: cloudsOf(profile) };
}
