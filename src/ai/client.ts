import type Anthropic from "@anthropic-ai/sdk";
import {
  AiStepError,
  MAX_RESPONSE_BYTES,
  backoff,
  cappedFetch,
  describeDuration,
  requestedWait,
  sleep,
  stepErrorIn,
  type Deadline,
} from "./limits.js";
import type { MessagesRequest } from "./request.js";

// Loaded on first use: the SDK costs every CLI start time, and most runs never ask a model.
const loadSdk = async () => (await import("@anthropic-ai/sdk")).default;

export interface ModelReply {
  text: string;
  /** The model id the API says answered, which may be a dated snapshot of the alias asked for. */
  model: string;
  inputTokens: number;
  outputTokens: number;
}

export interface ClientSettings {
  apiKey: string;
  baseURL: string;
}

/** The SDK never retries on its own: askModel does, so every wait counts against the time limit. */
export async function createClient(settings: ClientSettings): Promise<Anthropic> {
  const Sdk = await loadSdk();
  return new Sdk({
    apiKey: settings.apiKey,
    baseURL: settings.baseURL,
    maxRetries: 0,
    fetch: cappedFetch(MAX_RESPONSE_BYTES),
  });
}

export interface CallLimits {
  /** Shared by every request of the AI step. */
  deadline: Deadline;
  /** Retries after a 408, 409, 429, 5xx, timeout or lost connection. */
  maxRetries: number;
}

/** The exact body sent to POST /v1/messages; --ai-dry-run prints this. */
export function messageBody(request: MessagesRequest, maxTokens: number) {
  return {
    model: request.model,
    max_tokens: maxTokens,
    system: request.system,
    messages: request.messages,
    output_config: { format: request.format },
  };
}

/**
 * One answer from the model. Retries what the API says is worth retrying, waiting as long as it asks,
 * but never past the deadline: a wait that would end after it stops the step at once.
 */
export async function askModel(
  client: Anthropic,
  request: MessagesRequest,
  maxTokens: number,
  limits: CallLimits,
): Promise<ModelReply> {
  const { deadline } = limits;
  const outOfTime = () =>
    new AiStepError(
      `the request timed out: no answer within the AI time limit of ${describeDuration(deadline.limitMs)}`,
    );
  for (let retry = 0; ; retry++) {
    const remaining = deadline.remaining();
    if (remaining <= 0 || deadline.signal.aborted) throw outOfTime();
    let message: Anthropic.Message;
    try {
      message = await client.messages.create(messageBody(request, maxTokens), {
        timeout: remaining,
        maxRetries: 0,
        signal: deadline.signal,
      });
    } catch (error) {
      if (stepErrorIn(error)) throw stepErrorIn(error);
      // The request's own timeout is the time left, so either way the limit is reached.
      if (deadline.signal.aborted || (await timedOut(error))) throw outOfTime();
      if (retry >= limits.maxRetries || !(await retryable(error))) throw error;
      const asked = requestedWait((error as { headers?: Headers }).headers);
      const wait = asked ?? backoff(retry);
      if (wait >= deadline.remaining())
        throw new AiStepError(
          `${await describeError(error)}${asked === undefined ? "" : ` and asked to retry after ${describeDuration(asked)}`}, ` +
            `past the AI time limit of ${describeDuration(deadline.limitMs)}`,
        );
      await sleep(wait, deadline.signal);
      continue;
    }
    const text = message.content
      .map((block) => (block.type === "text" ? block.text : ""))
      .join("")
      .trim();
    return {
      text,
      model: message.model,
      inputTokens: message.usage?.input_tokens ?? 0,
      outputTokens: message.usage?.output_tokens ?? 0,
    };
  }
}

async function timedOut(error: unknown): Promise<boolean> {
  const Sdk = await loadSdk();
  return error instanceof Sdk.APIConnectionTimeoutError || error instanceof Sdk.APIUserAbortError;
}

/** What the SDK would retry: rate limits, lock and request timeouts, server errors, lost connections. */
async function retryable(error: unknown): Promise<boolean> {
  const Sdk = await loadSdk();
  if (error instanceof Sdk.APIConnectionError) return true;
  if (!(error instanceof Sdk.APIError)) return false;
  const hint = error.headers?.get("x-should-retry");
  if (hint === "true" || hint === "false") return hint === "true";
  const status = error.status ?? 0;
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/** One line for a failed call, without the request or any header. */
export async function describeError(error: unknown): Promise<string> {
  const Sdk = await loadSdk();
  const step = stepErrorIn(error);
  if (step) return step.message;
  if (error instanceof Sdk.APIConnectionTimeoutError) return "the request timed out";
  if (error instanceof Sdk.APIConnectionError) return `could not connect (${error.message})`;
  if (error instanceof Sdk.APIError) return `the API answered ${error.status ?? "with an error"}`;
  return (error as Error)?.message ?? String(error);
}
