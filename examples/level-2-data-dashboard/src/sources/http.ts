import { request } from 'undici';

export class UpstreamError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UpstreamError';
  }
}

export interface FetchOptions {
  headers?: Record<string, string>;
  /** Headers and body timeout for each attempt. Default: 10 000 ms. */
  timeoutMs?: number;
  /** Extra attempts after the first, on network errors and 5xx. Default: 2. */
  retries?: number;
  /** Delay before the first retry, doubled on each further retry. Default: 1 000 ms. */
  retryDelayMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** GETs JSON from a departmental API with per-attempt timeouts and exponential backoff. */
export async function fetchJson(url: string, options: FetchOptions = {}): Promise<unknown> {
  const { headers = {}, timeoutMs = 10_000, retries = 2, retryDelayMs = 1_000 } = options;
  let lastError: unknown;
  for (let attempt = 0; attempt <= retries; attempt++) {
    if (attempt > 0) await sleep(retryDelayMs * 2 ** (attempt - 1));
    try {
      const res = await request(url, {
        headers: { accept: 'application/json', ...headers },
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      if (res.statusCode >= 500) {
        await res.body.dump();
        lastError = new UpstreamError(`${url} responded ${res.statusCode}`);
        continue;
      }
      if (res.statusCode !== 200) {
        await res.body.dump();
        throw new UpstreamError(`${url} responded ${res.statusCode}`);
      }
      return await res.body.json();
    } catch (err) {
      if (err instanceof UpstreamError) throw err;
      lastError = err;
    }
  }
  throw new UpstreamError(`${url} failed after ${retries + 1} attempts`, { cause: lastError });
}
