import { envTodo, pick } from "../shared/env.js";
import { code, prose } from "../shared/format.js";
import { objectStorage, type Recipe, type Step } from "../shared/stack.js";

const notifyFailed = (key: string) => `node -e 'const { NotifyClient } = require("notifications-node-client");
new NotifyClient(process.env.${key}).getNotifications("email", "failed")
  .then((r) => r.data.notifications.forEach((n) => console.log(n.created_at, n.status, n.reference)))'`;

/** Diagnosis and mitigation for each integration type, keyed by the profile's dependency `type`. */
export const INTEGRATION_RECIPES: Record<string, Recipe> = {
  notify: ({ dep, vars }) => {
    const key = vars.find((v) => /KEY/.test(v));
    return {
      steps: [
        {
          text: "Is Notify itself having an incident? Check its status page: <https://status.notifications.service.gov.uk>.",
        },
        {
          text: `Read the API errors in the service's logs: 400 \`BadRequestError\` (template or personalisation mismatch), 403 \`AuthError\` (API key revoked, expired or of the wrong type${key ? `: check ${code(key)}` : ""}), 429 \`RateLimitError\` or \`TooManyRequestsError\` (3,000 messages a minute, or the daily limit), 500 (Notify's own error: retry with back-off).`,
        },
        {
          text: "Delivery receipts of recent failed emails (status and reference only: never print addresses). `permanent-failure` means the address is wrong and must not be retried; `temporary-failure` means Notify retried for 72 hours; `technical-failure` means Notify's own fault and is safe to resend.",
          ...(key ? { command: notifyFailed(key) } : {}),
        },
        ...(key ? [] : [{ text: envTodo(dep, "the Notify API key") }]),
      ],
      mitigation: [
        "Keep the citizen's journey working: queue messages and send them when Notify recovers, rather than failing the submission.",
        "If the API key was revoked, create a new live key in Notify, store it as a secret and restart the service.",
      ],
    };
  },
  oidc: ({ dep, vars }) => {
    const issuer = pick(vars, /ISSUER|AUTH_URL$|OIDC.*URL$|(^|_)URL$/);
    const discovery = `curl -fsS "${issuer ?? "<issuer URL>"}/.well-known/openid-configuration"`;
    return {
      steps: [
        ...(issuer ? [] : [{ text: envTodo(dep, "the identity provider's issuer URL") }]),
        {
          text: "Can the service reach the provider's discovery document?",
          command: `${discovery} | jq '{issuer, jwks_uri, token_endpoint}'`,
        },
        {
          text: "Which signing keys does the provider publish now? Compare them with the `kid` in the header of a token the service rejected: a key rotated since the service cached the set fails every sign-in.",
          command: `curl -fsS "$(${discovery} | jq -r .jwks_uri)" | jq '[.keys[] | {kid, alg}]'`,
        },
        {
          text: "Clock drift makes valid tokens look expired: compare `date -u` on an instance with a trusted clock. Check too that the client secret has not expired.",
        },
      ],
      mitigation: [
        "Restart the instances to refetch the provider's keys after an unexpected rotation.",
        "Keep journeys that need no sign-in open, and tell staff how long sign-in is expected to be down.",
      ],
    };
  },
  http: ({ dep, vars, profile }) => {
    const base = pick(vars, /(URL|URI|ENDPOINT)$/) ?? pick(vars, /HOST$/);
    const fact = profile.facts.integrations.find((i) => i.name === dep.name);
    const timeout =
      fact?.hasTimeout === false
        ? "The analysis found no timeout on these calls: a hanging API holds each request until the platform kills it."
        : dep.timeoutMs
          ? `The profile records a timeout of ${dep.timeoutMs / 1000} s.`
          : "";
    return {
      steps: [
        ...(base ? [] : [{ text: envTodo(dep, "the base URL") }]),
        {
          text: `Does ${prose(dep.name)} answer, and how fast? ${timeout}`.trim(),
          command: `curl -sS -o /dev/null --max-time 10 -w '%{http_code} %{time_total}s\\n' "${base ?? "<base URL>"}"`,
        },
        {
          text: `Errors from ${prose(dep.name)} in the service's logs since the incident began: their status codes tell a refusal (4xx, check credentials) from an outage (5xx, timeouts).`,
        },
      ],
      mitigation: [
        `Tell the team that runs ${prose(dep.name)}, with the times and status codes you see.`,
        "Hold work that needs it for replay instead of failing the citizen's submission, if the service can.",
      ],
    };
  },
  pay: ({ dep, vars }) => {
    const key = vars.find((v) => /KEY|TOKEN/.test(v));
    return {
      steps: [
        ...(key ? [] : [{ text: envTodo(dep, "the Pay API key") }]),
        {
          text: "Look up a payment the service created, to tell a Pay outage from a problem in the service:",
          command: `curl -fsS -H "Authorization: Bearer ${key ? `$${key}` : "<Pay API key>"}" "https://publicapi.payments.service.gov.uk/v1/payments/<payment_id>" | jq '{state, created_date}'`,
        },
      ],
      mitigation: ["Reconcile payments taken against applications stored before asking anyone to pay again."],
    };
  },
  queue: (ctx) => queueRecipe(ctx),
  email: () => ({
    steps: [{ text: "Can the service reach the mail server?", command: "nc -vz <smtp-host> 587" }],
    mitigation: ["Queue outgoing mail for retry; tell citizens a confirmation may arrive late."],
  }),
  "virus-scan": () => ({
    steps: [{ text: "Does the scanner answer?", command: "echo PING | nc <clamd-host> 3310" }],
    mitigation: ["Hold uploads unscanned in quarantine; never release unscanned files to staff."],
  }),
  "object-storage": (ctx) => objectStorage(ctx),
};

/** Queue depth on the broker the service uses: SQS, Azure Service Bus, or the Redis behind Bull. */
function queueRecipe({ dep, vars, clouds }: Parameters<Recipe>[0]): ReturnType<Recipe> {
  const name = dep.name.toLowerCase();
  const steps: Step[] = [];
  if (/sqs/.test(name) && clouds.has("aws")) {
    const url = pick(vars, /QUEUE_URL$|SQS.*URL$/);
    if (!url) steps.push({ text: envTodo(dep, "the queue URL") });
    steps.push({
      text: "Messages waiting and in flight (Amazon SQS); a growing `ApproximateAgeOfOldestMessage` in CloudWatch means consumers stopped:",
      command: `aws sqs get-queue-attributes --queue-url ${url ? `"${url}"` : "<queue URL>"} --attribute-names ApproximateNumberOfMessages ApproximateNumberOfMessagesNotVisible`,
    });
  } else if (/service bus/.test(name) && clouds.has("azure")) {
    steps.push({
      text: "Active and dead-lettered messages (Azure Service Bus). TO DO: the analysis cannot read the namespace and queue or topic names from the code: take them from the infrastructure code or the Azure portal.",
      command:
        "az servicebus queue show --resource-group <resource group> --namespace-name <namespace> --name <queue> --query countDetails",
    });
  } else {
    steps.push({
      text: `Queue depth, the age of the oldest message and the dead-letter queue of ${prose(dep.name)}: a growing oldest-message age means consumers stopped.`,
    });
  }
  return {
    steps,
    mitigation: ["Restart or scale the consumers; replay the dead-letter queue once the cause is fixed."],
  };
}
