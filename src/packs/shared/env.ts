import type { Dependency, Profile } from "../../profile/schema.js";
import { prose } from "./format.js";

/** Variables that configure a kind of dependency, whatever the service calls them. */
const BY_TYPE: Record<string, RegExp> = {
  postgres: /^(DB|DATABASE|POSTGRES(QL)?|PG|PSQL|RDS)(_|$)|^PG[A-Z]+$|_(DB|DATABASE)(_|$)/,
  mysql: /^(DB|DATABASE|MYSQL|MARIADB)(_|$)|_(DB|DATABASE)(_|$)/,
  mongodb: /MONGO/,
  redis: /REDIS|ELASTICACHE/,
  dynamodb: /DYNAMO/,
  s3: /(^|_)S3(_|$)|BUCKET/,
  "object-storage": /(^|_)S3(_|$)|BUCKET|CONTAINER|BLOB|STORAGE_(ACCOUNT|CONNECTION)/,
  queue: /QUEUE|(^|_)(SQS|SNS)(_|$)|SERVICE_?BUS|TOPIC|SUBSCRIPTION/,
  notify: /NOTIFY/,
  oidc: /ISSUER|OIDC|ONE_?LOGIN|AUTH_URL|TENANT_ID/,
};

/** Words in a dependency's id that say nothing about which variables configure it. */
const GENERIC = new Set([
  "service",
  "services",
  "api",
  "apis",
  "client",
  "the",
  "amazon",
  "aws",
  "azure",
  "google",
  "gcp",
  "http",
  "https",
  "com",
  "gov",
  "uk",
  "www",
  "host",
  "backend",
  "frontend",
]);

/** Every environment variable the analysis saw the service read or its deployment set. */
export function serviceEnv(profile: Profile): Set<string> {
  return new Set(profile.facts.envVars.map((e) => e.name));
}

function tokens(dep: Dependency): string[] {
  return dep.id
    .split("-")
    .map((t) => t.toUpperCase())
    .filter((t) => t.length >= 3 && !GENERIC.has(t.toLowerCase()));
}

/**
 * The variables that configure this dependency and no other: its own `envVar`, the variable its client
 * was built from, variables named after it (`MANAGE_USERS_*` for `manage-users`) and, for datastores and
 * known services, the variables of that technology. Never another dependency's variable.
 */
export function dependencyEnv(profile: Profile, dep: Dependency): string[] {
  const out = new Set<string>();
  const known = serviceEnv(profile);
  if (dep.envVar) out.add(dep.envVar);
  const fact = profile.facts.integrations.find((i) => i.name === dep.name);
  if (fact?.baseUrlEnv) out.add(fact.baseUrlEnv);
  const store = profile.facts.datastores.find((d) => d.kind === dep.type && d.envVar);
  if (store?.envVar) out.add(store.envVar);
  const own = tokens(dep);
  const byType = BY_TYPE[dep.type];
  for (const name of known) {
    const parts = name.split("_");
    if (own.length && own.every((t) => parts.includes(t))) out.add(name);
    else if (byType?.test(name)) out.add(name);
  }
  // A variable another dependency names explicitly belongs to that one.
  for (const other of profile.dependencies)
    if (other.id !== dep.id && other.envVar && other.envVar !== dep.envVar) out.delete(other.envVar);
  return [...out].filter((n) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(n));
}

/** The first of the dependency's variables whose name matches, as `$NAME`. */
export function pick(vars: readonly string[], pattern: RegExp): string | undefined {
  const name = vars.find((v) => pattern.test(v));
  return name ? `$${name}` : undefined;
}

/** How to answer a missing variable in govops.config.yaml. */
export function envTodo(dep: Dependency, what: string): string {
  return `TO DO: the analysis found no variable that holds ${what} for ${prose(dep.name)}: set \`envVar\` on the dependency with \`id: ${dep.id}\` under \`dependencies\` in govops.config.yaml, then run \`govops analyse\` and \`govops generate\`.`;
}
