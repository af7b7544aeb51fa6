import http from "node:http";

/** One Alertmanager webhook notification as the drill's receiver got it. */
export interface Notification {
  /** Date.now() when it arrived. */
  at: number;
  /** The receiver name from the generated Alertmanager config (the webhook path). */
  receiver: string;
  status: "firing" | "resolved";
  alerts: { status: string; labels: Record<string, string> }[];
}

export interface Receiver {
  url: string;
  notifications: Notification[];
  /** Resolves with the first notification (already received or future) the predicate accepts. */
  waitFor(accept: (n: Notification) => boolean, signal: AbortSignal): Promise<Notification>;
  close(): Promise<void>;
}

/** A local webhook receiver standing in for every receiver of the generated Alertmanager config. */
export function createReceiver(): Promise<Receiver> {
  const notifications: Notification[] = [];
  const waiters = new Set<(n: Notification) => void>();
  const server = http.createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (c: string) => void (body += c));
    req.on("end", () => {
      res.end();
      try {
        const data = JSON.parse(body) as { status?: string; alerts?: Notification["alerts"] };
        const n: Notification = {
          at: Date.now(),
          receiver: decodeURIComponent((req.url ?? "/").slice(1)),
          status: data.status === "resolved" ? "resolved" : "firing",
          alerts: (data.alerts ?? []).map((a) => ({ status: String(a.status), labels: a.labels ?? {} })),
        };
        notifications.push(n);
        for (const w of waiters) w(n);
      } catch {
        // not an Alertmanager payload: ignored
      }
    });
  });
  const waitFor = (accept: (n: Notification) => boolean, signal: AbortSignal) =>
    new Promise<Notification>((resolve, reject) => {
      const seen = notifications.find(accept);
      if (seen) return resolve(seen);
      const done = () => {
        waiters.delete(waiter);
        signal.removeEventListener("abort", aborted);
      };
      const waiter = (n: Notification) => {
        if (!accept(n)) return;
        done();
        resolve(n);
      };
      const aborted = () => {
        done();
        reject(signal.reason);
      };
      if (signal.aborted) return aborted();
      waiters.add(waiter);
      signal.addEventListener("abort", aborted);
    });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      resolve({
        url: `http://127.0.0.1:${port}`,
        notifications,
        waitFor,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
