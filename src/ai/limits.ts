/**
 * The bounds on one AI step: a total time limit that every request, retry and wait shares, and a
 * cap on how much of a response is read. A server cannot stretch either: not with `retry-after`,
 * not with a slow or endless body.
 */

/**
 * The most of a response body read, in bytes. The largest answer the schema admits is about 100,000
 * characters; even with every character escaped as \uXXXX (6 bytes) in the JSON envelope that stays
 * under 600 KB, so no valid answer is ever refused, while a broken or hostile endpoint cannot make
 * govops buffer more than this.
 */
export const MAX_RESPONSE_BYTES = 1024 * 1024;

/** One line explaining why the AI step stopped; the caller adds what happens next. */
export class AiStepError extends Error {
  override name = "AiStepError";
}

export interface Deadline {
  /** The configured limit, for messages. */
  readonly limitMs: number;
  /** Milliseconds left, never below zero. */
  remaining(): number;
  /** Aborts when the limit is reached; passed to every request so a slow body is cut off too. */
  readonly signal: AbortSignal;
}

export function startDeadline(limitMs: number): Deadline {
  const end = Date.now() + limitMs;
  return { limitMs, remaining: () => Math.max(0, end - Date.now()), signal: AbortSignal.timeout(limitMs) };
}

export function describeDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${Math.round(ms / 100) / 10} s`;
}

/** How long the server asked to wait (retry-after-ms, retry-after in seconds or as a date), if it did. */
export function requestedWait(headers: Headers | undefined): number | undefined {
  const ms = Number.parseFloat(headers?.get("retry-after-ms") ?? "");
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const after = headers?.get("retry-after");
  if (!after) return undefined;
  const seconds = Number.parseFloat(after);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(after);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** Exponential backoff as the SDK does it: 0.5 s doubling up to 8 s, less up to a quarter of jitter. */
export function backoff(retry: number): number {
  return Math.min(500 * 2 ** retry, 8000) * (1 - Math.random() * 0.25);
}

export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
  });
}

/** fetch that refuses a response body over `limit` bytes, declared or streamed. */
export function cappedFetch(limit: number): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    const tooLarge = () => new AiStepError(`the API's response was larger than ${limit / 1024} KiB`);
    if (Number(response.headers.get("content-length")) > limit) {
      await response.body?.cancel();
      throw tooLarge();
    }
    if (!response.body) return response;
    let seen = 0;
    const capped = response.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          seen += chunk.byteLength;
          if (seen > limit) controller.error(tooLarge());
          else controller.enqueue(chunk);
        },
      }),
    );
    return new Response(capped, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}

/** The AiStepError somewhere in an error's cause chain, if any. */
export function stepErrorIn(error: unknown): AiStepError | undefined {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++)
    if (e instanceof AiStepError) return e;
  return undefined;
}
