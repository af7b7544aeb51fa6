import net from "node:net";
import { listen, tracked, type Stub, type StubMode } from "./stubs.js";

/**
 * A TCP proxy in front of a real datastore the user gives (Postgres, MySQL …): the service connects through it.
 * "up" forwards; "down" and "errors" reset every connection and refuse new ones (a proxy cannot speak the
 * datastore's protocol to answer with an error). `url` is the given URL with its host and port swapped.
 */
export async function tcpProxy(given: string): Promise<Stub> {
  const target = new URL(given);
  const upstreamPort = Number(target.port) || DEFAULT_PORTS[target.protocol.replace(/:$/, "")] || 0;
  let mode: StubMode = "up";
  const server = net.createServer((client) => {
    if (mode !== "up") return void client.destroy();
    const upstream = net.connect(upstreamPort, target.hostname);
    client.on("error", () => upstream.destroy());
    upstream.on("error", () => client.destroy());
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
    client.pipe(upstream).pipe(client);
  });
  const t = tracked(server);
  const port = await listen(server);
  const url = new URL(given);
  url.hostname = "127.0.0.1";
  url.port = String(port);
  return {
    kind: "tcp",
    port,
    url: url.toString(),
    setMode: (m) => {
      mode = m;
      if (m !== "up") for (const s of t.sockets) s.destroy();
    },
    close: t.close,
  };
}

const DEFAULT_PORTS: Record<string, number> = {
  postgres: 5432,
  postgresql: 5432,
  mysql: 3306,
  mongodb: 27017,
  redis: 6379,
};

/** A datastore URL with a host the drill can proxy to. */
export function proxyable(value: string | undefined): boolean {
  if (!value) return false;
  try {
    const url = new URL(value);
    return Boolean(url.hostname) && (Boolean(url.port) || url.protocol.replace(/:$/, "") in DEFAULT_PORTS);
  } catch {
    return false;
  }
}
