import http from "node:http";
import net from "node:net";

/**
 * Stand-ins for a service's dependencies that the drill controls. "up" answers like a healthy dependency;
 * "down" resets every connection (the dependency is gone); "errors" answers with an error (it is there but
 * failing). The HTTP stub answers any request with 200 {}; the Redis stub speaks enough RESP for a session store.
 */
export type StubMode = "up" | "down" | "errors";

export interface Stub {
  kind: "http" | "redis" | "tcp";
  port: number;
  url: string;
  setMode(mode: StubMode): void;
  close(): Promise<void>;
}

export function listen(server: net.Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      resolve(typeof address === "object" && address ? address.port : 0);
    });
  });
}

export function tracked(server: net.Server): { sockets: Set<net.Socket>; close: () => Promise<void> } {
  const sockets = new Set<net.Socket>();
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  return {
    sockets,
    close: () =>
      new Promise((done) => {
        for (const s of sockets) s.destroy();
        server.close(() => done());
      }),
  };
}

export async function httpStub(): Promise<Stub> {
  let mode: StubMode = "up";
  const server = http.createServer((req, res) => {
    req.resume();
    if (mode === "down") return void req.socket.destroy();
    res.setHeader("content-type", "application/json");
    res.statusCode = mode === "errors" ? 503 : 200;
    res.end(mode === "errors" ? '{"error":"drill: dependency failing"}' : "{}");
  });
  const t = tracked(server);
  server.on("connection", (s) => void (mode === "down" && s.destroy()));
  const port = await listen(server);
  return {
    kind: "http",
    port,
    url: `http://127.0.0.1:${port}`,
    setMode: (m) => {
      mode = m;
      if (m === "down") for (const s of t.sockets) s.destroy();
    },
    close: t.close,
  };
}

/** Encodes one RESP reply. */
function resp(value: string | number | null | string[], error = false): string {
  if (error) return `-${String(value)}\r\n`;
  if (value === null) return "$-1\r\n";
  if (typeof value === "number") return `:${value}\r\n`;
  if (Array.isArray(value)) return `*${value.length}\r\n${value.map((v) => resp(v)).join("")}`;
  return `$${Buffer.byteLength(value)}\r\n${value}\r\n`;
}

/** Parses complete RESP arrays of bulk strings from the buffer; returns the commands and what is left. */
export function parseCommands(buffer: Buffer): { commands: string[][]; rest: Buffer } {
  const commands: string[][] = [];
  let at = 0;
  const line = (from: number) => {
    const end = buffer.indexOf("\r\n", from);
    return end < 0 ? undefined : { text: buffer.toString("utf8", from, end), next: end + 2 };
  };
  for (;;) {
    const head = line(at);
    if (!head || !head.text.startsWith("*")) break;
    const n = Number(head.text.slice(1));
    const args: string[] = [];
    let pos = head.next;
    let complete = true;
    for (let i = 0; i < n; i++) {
      const size = line(pos);
      if (!size || pos >= buffer.length) {
        complete = false;
        break;
      }
      const len = Number(size.text.slice(1));
      if (size.next + len + 2 > buffer.length) {
        complete = false;
        break;
      }
      args.push(buffer.toString("utf8", size.next, size.next + len));
      pos = size.next + len + 2;
    }
    if (!complete) break;
    commands.push(args);
    at = pos;
  }
  return { commands, rest: buffer.subarray(at) };
}

export async function redisStub(): Promise<Stub> {
  let mode: StubMode = "up";
  const data = new Map<string, string>();
  const reply = (args: string[]): string => {
    const [cmd = "", key = "", value = ""] = args;
    if (mode === "errors") return resp("ERR drill: dependency failing", true);
    switch (cmd.toUpperCase()) {
      case "PING":
        return "+PONG\r\n";
      case "INFO":
        return resp("# Server\r\nredis_version:7.0.0\r\nloading:0\r\n");
      case "GET":
        return resp(data.get(key) ?? null);
      case "SET":
        data.set(key, value);
        return "+OK\r\n";
      case "DEL":
        return resp(args.slice(1).filter((k) => data.delete(k)).length);
      case "EXISTS":
        return resp(args.slice(1).filter((k) => data.has(k)).length);
      case "MGET":
        return resp(args.slice(1).map((k) => data.get(k) ?? "") as string[]);
      case "EXPIRE":
      case "PEXPIRE":
        return resp(data.has(key) ? 1 : 0);
      case "TTL":
        return resp(data.has(key) ? 3600 : -2);
      default:
        return "+OK\r\n";
    }
  };
  const server = net.createServer((socket) => {
    if (mode === "down") return void socket.destroy();
    let buffer: Buffer = Buffer.alloc(0);
    socket.on("error", () => undefined);
    socket.on("data", (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      const parsed = parseCommands(buffer);
      buffer = parsed.rest;
      if (parsed.commands.length) socket.write(parsed.commands.map(reply).join(""));
    });
  });
  const t = tracked(server);
  const port = await listen(server);
  return {
    kind: "redis",
    port,
    url: `redis://127.0.0.1:${port}`,
    setMode: (m) => {
      mode = m;
      if (m === "down") for (const s of t.sockets) s.destroy();
    },
    close: t.close,
  };
}

/** The stub for a dependency type, or undefined when the drill cannot stand in for it (postgres, say). */
export function stubFor(dependency: { kind: string; type: string }): (() => Promise<Stub>) | undefined {
  if (dependency.type === "redis") return redisStub;
  if (["http", "rest", "graphql", "soap"].includes(dependency.type) || dependency.kind === "integration")
    return httpStub;
  return undefined;
}
