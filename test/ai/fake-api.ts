import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One scripted response of the fake Messages API. */
export interface Scripted {
  status?: number;
  /** JSON body; ignored when `raw` is given. */
  body?: unknown;
  raw?: string;
  headers?: Record<string, string>;
  /** Hold the response this long: longer than the client's timeout makes it time out. */
  delayMs?: number;
  /** Send the body in this many copies of `raw`, chunked, with no Content-Length. */
  repeat?: number;
}

export interface Received {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  raw: string;
  body: {
    model: string;
    max_tokens: number;
    system: string;
    messages: Array<{ role: string; content: string }>;
    output_config?: unknown;
  };
}

export interface FakeApi {
  url: string;
  received: Received[];
  close(): Promise<void>;
}

/** A Messages API reply in the shape the SDK parses, usage included. */
export function messageReply(text: string, usage = { input: 1200, output: 400 }) {
  return {
    id: "msg_fake_0001",
    type: "message",
    role: "assistant",
    model: "claude-sonnet-5-5",
    content: [{ type: "text", text, citations: null }],
    stop_reason: "end_turn",
    stop_sequence: null,
    usage: {
      input_tokens: usage.input,
      output_tokens: usage.output,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
    },
  };
}

export function apiError(status: number, type: string, message: string): Scripted {
  // retry-after-ms keeps SDK retries fast in tests.
  return {
    status,
    body: { type: "error", error: { type, message } },
    headers: { "retry-after-ms": "5" },
  };
}

/** Writes copies one after another as the client reads them, stopping when the client goes away. */
function streamCopies(res: ServerResponse, chunk: string, copies: number) {
  let left = copies;
  const write = () => {
    while (left > 0 && !res.destroyed) {
      left--;
      if (!res.write(chunk)) return void res.once("drain", write);
    }
    if (!res.destroyed) res.end();
  };
  res.on("error", () => {});
  write();
}

/** Serves POST /v1/messages on 127.0.0.1, answering each request with the next scripted reply. */
export async function startFakeApi(script: Scripted[]): Promise<FakeApi> {
  const received: Received[] = [];
  let next = 0;
  const timers = new Set<NodeJS.Timeout>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      received.push({
        method: req.method ?? "",
        path: req.url ?? "",
        headers: req.headers,
        raw,
        body: raw ? JSON.parse(raw) : {},
      });
      const reply = script[Math.min(next++, script.length - 1)] ?? apiError(500, "api_error", "no script");
      const send = () => {
        timers.delete(timer);
        if (res.destroyed) return;
        res.writeHead(reply.status ?? 200, { "content-type": "application/json", ...reply.headers });
        if (reply.repeat) return streamCopies(res, reply.raw ?? "", reply.repeat);
        res.end(reply.raw ?? JSON.stringify(reply.body));
      };
      const timer = setTimeout(send, reply.delayMs ?? 0);
      timers.add(timer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
