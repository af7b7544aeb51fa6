import type { Detector } from "../detector.js";
import { ev, type DetectorContext } from "../context.js";
import { configEnv, SELF_ADDRESS } from "../outbound.js";
import type { CallSite, FileIndex } from "../../scan/source-index.js";
import { awsV2Uses, clientUses, envVarInCalls, LOCATION_ENV, setsTimeout } from "../clients.js";
import type { Facts } from "../facts.js";
import { argText } from "../../scan/syntax.js";

type Integration = Facts["integrations"][number];

interface Sdk {
  modules: string[];
  name: string;
  kind: Integration["kind"];
  /** For SDKs whose HTTP calls can be given a timeout: how the code would do it. */
  timeout?: RegExp;
}

const SDKS: Sdk[] = [
  // notifications-node-client has no timeout by default; one is set through setClient(axios instance).
  { modules: ["notifications-node-client"], name: "GOV.UK Notify", kind: "notify", timeout: /\.setClient$/ },
  {
    modules: [
      "openid-client",
      "passport-openidconnect",
      "@govuk-one-login/simple-oidc",
      "passport-azure-ad",
      "@azure/msal-node",
      "@node-saml/passport-saml",
    ],
    name: "OIDC identity provider",
    kind: "oidc",
  },
  { modules: ["@aws-sdk/client-sqs", "sqs-consumer", "sqs-producer"], name: "Amazon SQS", kind: "queue" },
  { modules: ["@aws-sdk/client-sns"], name: "Amazon SNS", kind: "queue" },
  { modules: ["@azure/service-bus"], name: "Azure Service Bus", kind: "queue" },
  { modules: ["@azure/storage-queue"], name: "Azure Storage Queue", kind: "queue" },
  { modules: ["amqplib", "amqp-connection-manager", "rascal"], name: "RabbitMQ", kind: "queue" },
  { modules: ["kafkajs", "@confluentinc/kafka-javascript", "node-rdkafka"], name: "Kafka", kind: "queue" },
  { modules: ["@google-cloud/pubsub"], name: "Google Pub/Sub", kind: "queue" },
  { modules: ["bullmq", "bull", "bee-queue"], name: "Redis job queue", kind: "queue" },
  { modules: ["nodemailer", "emailjs"], name: "SMTP email", kind: "email" },
  {
    modules: ["@sendgrid/mail", "@aws-sdk/client-ses", "@aws-sdk/client-sesv2"],
    name: "Email API",
    kind: "email",
  },
  {
    modules: ["clamscan", "clamdjs", "clamav.js", "clamav-client", "pompelmi"],
    name: "ClamAV virus scanning",
    kind: "virus-scan",
  },
  // Object stores are datastores too (see datastores); as integrations they carry the object-storage playbook.
  {
    modules: ["@aws-sdk/client-s3", "@aws-sdk/lib-storage", "@azure/storage-blob", "@google-cloud/storage"],
    name: "Object storage",
    kind: "object-storage",
  },
  { modules: ["pg-boss"], name: "pg-boss job queue", kind: "queue" },
  {
    modules: ["express-openid-connect", "auth0", "next-auth", "@auth/core", "keycloak-connect", "@hapi/bell"],
    name: "OIDC identity provider",
    kind: "oidc",
  },
  {
    modules: ["@azure/ai-form-recognizer", "@azure/ai-document-intelligence"],
    name: "Azure Document Intelligence",
    kind: "http",
  },
  {
    modules: ["@launchdarkly/node-server-sdk", "launchdarkly-node-server-sdk"],
    name: "LaunchDarkly",
    kind: "http",
  },
  { modules: ["@unleash/nextjs", "unleash-client"], name: "Unleash feature flags", kind: "http" },
  { modules: ["@flipt-io/flipt-client-js", "@flipt-io/flipt"], name: "Flipt feature flags", kind: "http" },
];

/** AWS SDK v2 service clients that are integrations (DynamoDB is a datastore only). */
const AWS_V2: Record<string, Pick<Integration, "name" | "kind">> = {
  sqs: { name: "Amazon SQS", kind: "queue" },
  sns: { name: "Amazon SNS", kind: "queue" },
  ses: { name: "Email API", kind: "email" },
  s3: { name: "Object storage", kind: "object-storage" },
  sesv2: { name: "Email API", kind: "email" },
};

/** An organisation's wrapper package around a message bus: `adp-messaging`, `@org/message-bus`. */
const BUS_WRAPPER = /^(@[\w.-]+\/)?[\w.-]*(messaging|message-?bus|service-?bus|event-?bus)[\w.-]*$/;

/** `new Client(config.formRecognizerEndpoint)`, `init({ url: config.flipt.url })`: the setting's env var. */
function settingEnv(ctx: DetectorContext, calls: readonly CallSite[]): string | undefined {
  for (const call of calls) {
    const stack = [...call.args];
    while (stack.length) {
      const a = stack.shift()!;
      const env = configEnv(ctx, argText(a));
      if (env && LOCATION_ENV.test(env)) return env;
      if (a.props) stack.push(...Object.values(a.props));
    }
  }
  return undefined;
}

/** The one location env var a file using the SDK reads (`UNLEASH_SERVER_API_URL` beside `flag()`). */
function fileLocationEnv(file: FileIndex): string | undefined {
  const envs = new Set(
    file.envReads.map((r) => r.name).filter((n) => LOCATION_ENV.test(n) && !SELF_ADDRESS.test(n)),
  );
  return envs.size === 1 ? [...envs][0] : undefined;
}

const found = new WeakMap<DetectorContext, Integration[]>();

/** The SDK integrations of an analysis, found once: the config inventory leaves their env vars to them. */
export function sdkIntegrations(ctx: DetectorContext): Integration[] {
  let list = found.get(ctx);
  if (!list) found.set(ctx, (list = findSdks(ctx)));
  return list;
}

export const integrationsDetector: Detector = {
  id: "integrations",
  title: "Outbound integrations through SDKs: Notify, OIDC, queues, email, virus scanning, object storage",
  isEnabled: () => true,
  detect: (ctx) => ({ integrations: sdkIntegrations(ctx).map((i) => ({ ...i })) }),
};

function findSdks(ctx: DetectorContext): Integration[] {
  const integrations: Integration[] = [];
  for (const sdk of SDKS) {
    const uses = clientUses(ctx, sdk.modules);
    const use = uses.find((u) => u.call) ?? uses[0];
    if (!use) continue;
    const calls = uses.flatMap((u) => u.calls);
    const env =
      envVarInCalls(calls, LOCATION_ENV) ??
      settingEnv(ctx, calls) ??
      uses.map((u) => fileLocationEnv(u.file)).find(Boolean);
    // An HTTP SDK (feature flags, document services) has a timeout only when its options set one.
    const timeout = sdk.timeout
      ? { hasTimeout: uses.some((u) => u.file.calls.some((c) => sdk.timeout!.test(c.callee))) }
      : sdk.kind === "http" && calls.length
        ? { hasTimeout: calls.some((c) => setsTimeout(c.args)) }
        : {};
    integrations.push({
      name: sdk.name,
      kind: sdk.kind,
      client: use.module,
      ...(env ? { baseUrlEnv: env } : {}),
      ...timeout,
      evidence: ev(use.file.rel, use.line),
    });
  }
  for (const u of awsV2Uses(ctx)) {
    const known = AWS_V2[u.service];
    if (known)
      integrations.push({
        ...known,
        client: "aws-sdk",
        evidence: ev(u.file.rel, u.line, `aws-sdk ${u.service}`),
      });
  }
  const wrappers = [...ctx.packages.keys()].filter((p) => BUS_WRAPPER.test(p) && !p.startsWith("@azure/"));
  // Only when no message-bus SDK is used directly: the wrapper is then the only sign of the bus.
  const direct = integrations.some((i) => i.kind === "queue");
  for (const use of direct ? [] : clientUses(ctx, wrappers).slice(0, 1))
    integrations.push({
      name: "Message bus",
      kind: "queue",
      client: use.module,
      evidence: ev(use.file.rel, use.line, use.module),
    });
  return integrations;
}
