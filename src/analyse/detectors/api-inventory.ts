import type { Detector } from "../detector.js";
import { ev, productionSources } from "../context.js";
import { setsTimeout } from "../clients.js";
import { kindAndName } from "./http-clients.js";
import { sdkIntegrations } from "./integrations.js";
import type { Facts } from "../facts.js";
import {
  configEnv,
  configSettings,
  literalUpstreams,
  nameFromEnv,
  nameFromSetting,
  SELF_ADDRESS,
  type ConfigSetting,
} from "../outbound.js";
import { argText } from "../../scan/syntax.js";

type Integration = Facts["integrations"][number];

/** Settings that locate another service: `CASE_API_URL`, `PAYMENT_SERVICE`, `caseApi: { url: … }`. */
const OUTBOUND_ENV = /_(URL|URI|ENDPOINT|HOST|SERVICE|GATEWAY|GATEAWAY|API)$/;
const OUTBOUND_KEY = /(url|uri|endpoint|host|gateway|service)$/i;
/**
 * The service's own address, its stores, telemetry and sign-in plumbing are not upstream APIs; nor are the
 * endpoint overrides of cloud SDKs (`SQS_ENDPOINT`, `S3_ENDPOINT` point the SDK at LocalStack), found as SDKs.
 */
const NOT_UPSTREAM =
  /REDIS|DATABASE|^DB_|_DB_|POSTGRES|^PG|MYSQL|MONGO|SESSION|CACHE|AIRBRAKE|SENTRY|INSIGHTS|ELASTIC|OPENSEARCH|SMTP|PROXY|CDN|ASSET|STATIC|PUBLIC|METRIC|OTEL|JAEGER|ZIPKIN|HEALTH|DOMAIN|INGRESS|CLAMAV|BUCKET|QUEUE|TOPIC|NOTIFY|LISTEN|E?MAIL|FEEDBACK|EXTERNAL_URL$|TOKEN_URL$|^(AWS_)?(SQS|SNS|S3|SES|DYNAMO\w*|KMS|STS|LOCALSTACK|SECRETS?_?MANAGER|SSM)_/;
/**
 * Settings kept for pages to link to (`nav: { allocations: { url } }`, Next.js `publicRuntimeConfig`, which is
 * sent to the browser): the browser follows them, not the service.
 */
const LINK_PARENT = /^(nav|navigation|links?|menu|header|footer|publicRuntimeConfig)$/i;
/** Client classes built per upstream: `new RestClient('case api', config.apis.caseApi)`. */
const CLIENT_CLASS = /(Rest|Http|Api|Service)Client$/;

function isUpstream(s: ConfigSetting): boolean {
  return (
    (OUTBOUND_ENV.test(s.env) ||
      (s.key !== undefined && OUTBOUND_KEY.test(s.key) && !/PATH|PREFIX|MOUNT/.test(s.env))) &&
    !NOT_UPSTREAM.test(s.env) &&
    !SELF_ADDRESS.test(s.env) &&
    !(s.parent && LINK_PARENT.test(s.parent)) &&
    !s.path.some((k) => LINK_PARENT.test(k))
  );
}

/**
 * The dependency inventory a config module declares (`apis: { caseApi: { url: get('CASE_API_URL') } }`,
 * env names ending _URL, _HOST, _ENDPOINT or _SERVICE, literal API addresses), and shared REST client classes built
 * once per API.
 */
export const apiInventoryDetector: Detector = {
  id: "api-inventory",
  title: "Upstream APIs declared in config modules and built through shared REST client classes",
  isEnabled: () => true,
  detect(ctx) {
    const integrations = new Map<string, Integration>();
    const add = (
      name: string,
      env: string | undefined,
      timeout: boolean | undefined,
      file: string,
      line: number,
      snippet?: string,
    ) => {
      // An identity provider or GOV.UK Pay declared in config joins the one found by its SDK (merged by name).
      const known = kindAndName({ name, env });
      if (!name || integrations.has(known.name)) return;
      integrations.set(known.name, {
        ...known,
        client: "config",
        ...(env ? { baseUrlEnv: env } : {}),
        ...(timeout ? { hasTimeout: true } : {}),
        evidence: ev(file, line, snippet),
      });
    };
    for (const file of productionSources(ctx)) {
      for (const call of file.calls) {
        if (!call.isNew || !CLIENT_CLASS.test(call.name)) continue;
        const setting = call.args.find((a) => a.kind === "member" || a.kind === "call");
        const env = configEnv(ctx, argText(setting));
        const label = call.args.find((a) => a.value)?.value;
        const name = env
          ? nameFromEnv(env)
          : label
            ? label
                .toLowerCase()
                .replace(/[^a-z0-9]+/g, "-")
                .replace(/^-|-$/g, "")
            : nameFromSetting(argText(setting));
        if (name)
          add(name, env, setsTimeout(call.args) || undefined, file.rel, call.line, `new ${call.callee}(…)`);
      }
    }
    // An env var an SDK client already reads (`FLAGS_URL` for the feature-flag SDK) is that SDK, not another API.
    const sdkEnvs = new Set(sdkIntegrations(ctx).map((i) => i.baseUrlEnv));
    const upstream = configSettings(ctx).filter((s) => isUpstream(s) && !sdkEnvs.has(s.env));
    const names = new Set(upstream.map((s) => nameFromEnv(s.env)));
    for (const s of upstream) {
      const name = nameFromEnv(s.env);
      // DYNAMICS_AUTH_URL beside DYNAMICS_URL: the sign-in endpoint of the same upstream.
      if (/-(auth|token|oauth)$/.test(name) && names.has(name.replace(/-(auth|token|oauth)$/, ""))) continue;
      add(name, s.env, s.timeout || undefined, s.file.rel, s.line, s.env);
    }
    for (const u of literalUpstreams(ctx)) add(u.name, undefined, undefined, u.file.rel, u.line, u.value);
    return { integrations: [...integrations.values()] };
  },
};
