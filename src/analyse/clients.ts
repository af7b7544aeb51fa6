import type { ArgInfo, CallSite, FileIndex } from "../scan/source-index.js";
import { callsOn, isProductionSource, localNames, type DetectorContext } from "./context.js";
import { importsOfModules } from "./imports.js";
import { argText } from "../scan/syntax.js";

export interface ClientUse {
  file: FileIndex;
  module: string;
  /** The first call made on the module's imports, or undefined when it is only imported. */
  call?: CallSite;
  /** Every call made on the module's imports in this file. */
  calls: readonly CallSite[];
  line: number;
}

/** Where production code uses any of the modules: the first call on their imports, else the import line. */
export function clientUses(ctx: DetectorContext, modules: readonly string[]): ClientUse[] {
  const uses: ClientUse[] = [];
  for (const { file, imp } of importsOfModules(ctx, modules)) {
    if (!isProductionSource(ctx, file.rel)) continue;
    const calls = callsOn(file, localNames(file, [imp.module]));
    uses.push({ file, module: imp.module, call: calls[0], calls, line: calls[0]?.line ?? imp.line });
  }
  return uses;
}

const ENV_IN_TEXT = /process\.env(?:\.([A-Za-z0-9_]+)|\[["']([A-Za-z0-9_]+)["']\])/;

/** Env vars an argument reads, at any depth (`{ connectionString: process.env.DATABASE_URL }`). */
export function envVarsIn(args: readonly ArgInfo[]): string[] {
  const found: string[] = [];
  // Breadth first, as a queue read from the front: the order of `found` is the order names are met.
  const queue = [...args];
  for (let i = 0; i < queue.length; i++) {
    const a = queue[i]!;
    const m = ENV_IN_TEXT.exec(argText(a));
    if (m) found.push((m[1] ?? m[2])!);
    if (a.props) for (const key of Object.keys(a.props)) queue.push(a.props[key]!);
    if (a.items) for (const item of a.items) queue.push(item);
  }
  return [...new Set(found)];
}

/** The env var a call's arguments read (e.g. `connectionString: process.env.DATABASE_URL`). */
export function envVarInCall(call: CallSite | undefined, accept: RegExp = /./): string | undefined {
  return call ? envVarsIn(call.args).find((e) => accept.test(e)) : undefined;
}

/** The first env var any of the calls read that the pattern accepts. */
export function envVarInCalls(calls: readonly CallSite[], accept: RegExp = /./): string | undefined {
  for (const call of calls) {
    const found = envVarInCall(call, accept);
    if (found) return found;
  }
  return undefined;
}

/** Env vars that name where something is: a URL, host, connection string or broker list. */
export const LOCATION_ENV =
  /(URL|URI|HOST|HOSTNAME|ENDPOINT|ORIGIN|ISSUER|DSN|ADDRESS|BROKERS?|CONNECTION(_STRING)?|CONN_STR|NAMESPACE|BASE)$/;

const TIMEOUT_KEYS = /^(timeout|signal|headersTimeout|bodyTimeout|timeoutMs|requestTimeout|connectTimeout)$/;

/** Whether any argument sets a timeout or an abort signal. */
export function setsTimeout(args: readonly ArgInfo[]): boolean {
  const has = (a: ArgInfo): boolean =>
    (a.props !== undefined && Object.keys(a.props).some((k) => TIMEOUT_KEYS.test(k) || has(a.props![k]!))) ||
    (a.items ?? []).some(has) ||
    // `AbortSignal.timeout(5000)`, an options object named for it, or `timeout:` in text not read into props.
    /AbortSignal\.timeout|^[\w.]*[Tt]imeout\w*$|\btimeout\s*:/i.test(argText(a));
  return args.some(has);
}

const RETRY = /retr(y|ies)|backoff/i;

/** Whether any argument or the callee configures retries (`retry: { limit: 2 }`, `axiosRetry(...)`). */
export function setsRetry(call: CallSite): boolean {
  return (
    RETRY.test(call.callee) ||
    call.args.some((a) => RETRY.test(argText(a)) || Object.keys(a.props ?? {}).some((k) => RETRY.test(k)))
  );
}

/** One AWS SDK v2 service client: `new AWS.SQS()`, `new DynamoDB.DocumentClient()`, `aws-sdk/clients/s3`. */
export interface AwsV2Use {
  /** The service, lower case: `s3`, `sqs`, `dynamodb`, `sns`, `ses`. */
  service: string;
  file: FileIndex;
  line: number;
}

const awsV2 = new WeakMap<DetectorContext, AwsV2Use[]>();

/** Where production code constructs AWS SDK v2 service clients, first use per service. */
export function awsV2Uses(ctx: DetectorContext): AwsV2Use[] {
  const cached = awsV2.get(ctx);
  if (cached) return cached;
  const seen = new Map<string, AwsV2Use>();
  for (const { file, imp } of importsOfModules(ctx, ["aws-sdk"])) {
    if (!isProductionSource(ctx, file.rel)) continue;
    const sub = /^aws-sdk\/clients\/(\w+)$/.exec(imp.module)?.[1];
    const names = localNames(file, [imp.module]);
    for (const call of file.calls) {
      if (!call.isNew || !names.has(call.root)) continue;
      const parts = call.callee.split(".");
      // Destructured (`const { SQS } = AWS`) or a client module: the name is the service.
      const service = (sub ?? (parts.length > 1 && !imp.names.includes(call.root) ? parts[1] : parts[0]))!;
      const key = service.toLowerCase();
      if (!seen.has(key)) seen.set(key, { service: key, file, line: call.line });
    }
    if (sub && !seen.has(sub)) seen.set(sub, { service: sub, file, line: imp.line });
  }
  const uses = [...seen.values()];
  awsV2.set(ctx, uses);
  return uses;
}
