import type { Detector } from "../detector.js";
import { ev, isNonProductionPath, localNames } from "../context.js";
import { clientUses } from "../clients.js";
import type { Facts, Findings } from "../facts.js";
import type { ArgInfo, CallSite, FileIndex } from "../../scan/source-index.js";

type Integration = Facts["integrations"][number];

const SDKS: Array<{ modules: string[]; name: string; kind: Integration["kind"] }> = [
  { modules: ["notifications-node-client"], name: "GOV.UK Notify", kind: "notify" },
  {
    modules: ["openid-client", "passport-openidconnect", "@govuk-one-login/simple-oidc"],
    name: "OIDC identity provider",
    kind: "oidc",
  },
  { modules: ["@aws-sdk/client-sqs"], name: "Amazon SQS", kind: "queue" },
  { modules: ["@aws-sdk/client-sns"], name: "Amazon SNS", kind: "queue" },
  { modules: ["@azure/service-bus"], name: "Azure Service Bus", kind: "queue" },
  { modules: ["amqplib", "amqp-connection-manager"], name: "RabbitMQ", kind: "queue" },
  { modules: ["kafkajs", "@confluentinc/kafka-javascript"], name: "Kafka", kind: "queue" },
  { modules: ["bullmq", "bull"], name: "Redis job queue", kind: "queue" },
  { modules: ["nodemailer"], name: "SMTP email", kind: "email" },
  { modules: ["clamscan", "clamdjs", "clamav.js"], name: "ClamAV virus scanning", kind: "virus-scan" },
  {
    modules: ["@aws-sdk/client-s3", "@azure/storage-blob", "@google-cloud/storage"],
    name: "Object storage",
    kind: "object-storage",
  },
];

const HTTP_MODULES = ["axios", "got", "superagent", "undici", "node-fetch", "ky"];
const URL_ENV = /^[A-Z0-9_]*(URL|URI|HOST|ENDPOINT|BASE|ORIGIN|ISSUER)$/;

export const integrationsDetector: Detector = {
  id: "integrations",
  title: "Outbound integrations: HTTP clients and known government and cloud services",
  isEnabled: () => true,
  detect(ctx) {
    const integrations: NonNullable<Findings["integrations"]> = [];
    for (const sdk of SDKS) {
      const use = clientUses(ctx, sdk.modules)[0];
      if (!use) continue;
      integrations.push({
        name: sdk.name,
        kind: sdk.kind,
        client: use.module,
        evidence: ev(use.file.rel, use.line),
      });
    }
    const projectUrlEnvs = new Set(
      ctx.sources.flatMap((s) => s.envReads.map((e) => e.name)).filter((n) => URL_ENV.test(n)),
    );
    const projectEnvFor = (name: string | undefined) =>
      [...projectUrlEnvs].find((env) => name && nameFromEnv(env) === name);
    for (const file of ctx.sources) {
      if (isNonProductionPath(file.rel)) continue;
      const clients = localNames(file, HTTP_MODULES);
      const urlEnvs = file.envReads.map((e) => e.name).filter((n) => URL_ENV.test(n));
      const fromFile = clientNameFromFile(file.rel);
      for (const call of file.calls) {
        const root = call.callee.split(".")[0]!;
        const isHttp =
          call.callee === "fetch" || call.callee === "globalThis.fetch" || (clients.has(root) && !call.isNew);
        if (!isHttp || call.args.length === 0) continue;
        const host = hostIn(call);
        const baseUrlEnv =
          envIn(call) ??
          (urlEnvs.length === 1 ? urlEnvs[0] : undefined) ??
          (host ? undefined : projectEnvFor(fromFile));
        const name = baseUrlEnv ? nameFromEnv(baseUrlEnv) : (host ?? fromFile);
        if (!name) continue;
        integrations.push({
          name,
          kind:
            /payments\.service\.gov\.uk/.test(host ?? "") || /GOVUK_PAY|PAY_API/.test(baseUrlEnv ?? "")
              ? "pay"
              : "http",
          client: call.callee.startsWith("fetch") || call.callee.endsWith(".fetch") ? "fetch" : root,
          ...(baseUrlEnv ? { baseUrlEnv } : {}),
          hasTimeout: hasTimeout(file, call),
          evidence: ev(file.rel, call.line, call.args[0]?.text),
        });
      }
    }
    return { integrations };
  },
};

/** A client module's own name (`clients/case-api.ts` → `case-api`), used when its URL comes from elsewhere. */
function clientNameFromFile(rel: string): string | undefined {
  const m =
    /(?:^|\/)(?:clients?|integrations?|services|gateways?|adapters?|api)\/([\w-]+?)(?:[-.]?client)?\.[cm]?[jt]s$/i.exec(
      rel,
    );
  return m?.[1]?.replace(/([a-z])([A-Z])/g, "$1-$2").toLowerCase();
}

function envIn(call: CallSite): string | undefined {
  for (const a of call.args) {
    const m = /process\.env\.([A-Z0-9_]+)/.exec(a.text);
    if (m) return m[1];
  }
  return undefined;
}

function hostIn(call: CallSite): string | undefined {
  const m = /https?:\/\/([a-z0-9.-]+)/i.exec(call.args[0]?.text ?? "");
  return m?.[1];
}

function nameFromEnv(env: string): string {
  return env
    .replace(/_(BASE_)?(URL|URI|HOST|ENDPOINT|BASE|ORIGIN)$/, "")
    .toLowerCase()
    .replace(/_/g, "-");
}

const TIMEOUT_KEYS = /^(timeout|signal|headersTimeout|bodyTimeout|timeoutMs)$/;

function hasTimeout(file: FileIndex, call: CallSite): boolean {
  const has = (a: ArgInfo): boolean =>
    Object.entries(a.props ?? {}).some(([k, v]) => TIMEOUT_KEYS.test(k) || has(v)) ||
    /AbortSignal\.timeout|timeout/i.test(a.text);
  if (call.args.some(has)) return true;
  // A client created with defaults (axios.create({ timeout })) covers the calls made through it.
  return file.calls.some((c) => /\.create$|^got\.extend$/.test(c.callee) && c.args.some(has));
}
