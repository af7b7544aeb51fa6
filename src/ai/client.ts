import type Anthropic from "@anthropic-ai/sdk";
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
  timeoutMs: number;
  maxRetries: number;
}

/** The SDK retries 408/409/429/5xx and timeouts itself, up to maxRetries, honouring retry-after. */
export async function createClient(settings: ClientSettings): Promise<Anthropic> {
  const Sdk = await loadSdk();
  return new Sdk({
    apiKey: settings.apiKey,
    baseURL: settings.baseURL,
    timeout: settings.timeoutMs,
    maxRetries: settings.maxRetries,
  });
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

export async function askModel(
  client: Anthropic,
  request: MessagesRequest,
  maxTokens: number,
): Promise<ModelReply> {
  const message = await client.messages.create(messageBody(request, maxTokens));
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

/** One line for a failed call, without the request or any header. */
export async function describeError(error: unknown): Promise<string> {
  const Sdk = await loadSdk();
  if (error instanceof Sdk.APIConnectionTimeoutError) return "the request timed out";
  if (error instanceof Sdk.APIConnectionError) return `could not connect (${error.message})`;
  if (error instanceof Sdk.APIError) return `the API answered ${error.status ?? "with an error"}`;
  return (error as Error)?.message ?? String(error);
}
