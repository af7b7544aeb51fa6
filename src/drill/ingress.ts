import http from "node:http";
import type { SliShape } from "./sli.js";

/**
 * The drill's edge: a reverse proxy in front of the service that counts requests and their durations the way an
 * ingress controller does, under the metric and label names the rules read (see sli.ts). Measuring at the edge
 * lets a drill run on a service whose own instrumentation is not wired yet, and counts each request once. For the
 * same reason it stands in for the starter's default process metrics while the service process runs.
 * The traffic driver names the route template in the x-drill-route header, which is not forwarded.
 */
export interface Ingress {
  port: number;
  /** Fraction of requests answered 503 by the ingress itself (a burn-rate drill), 0 to 1. */
  setErrorFraction(fraction: number): void;
  metrics(): string;
  /** Exports the service's process start time (see SliShape.process) while `child` has not exited. */
  watchProcess(child: { exitCode: number | null; signalCode: string | null }): void;
  /** Responses so far by status code, across routes. */
  statuses(): Record<string, number>;
  close(): Promise<void>;
}

const DEFAULT_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
export const ROUTE_HEADER = "x-drill-route";

function escapeLabel(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

function series(name: string, labels: Record<string, string>, value: number): string {
  const body = Object.entries(labels)
    .map(([k, v]) => `${k}="${escapeLabel(v)}"`)
    .join(",");
  return `${name}{${body}} ${value}`;
}

export function createIngress(shape: SliShape, upstreamPort: number, timeoutMs: number): Promise<Ingress> {
  const counts = new Map<string, { route: string; status: string; n: number }>();
  const durations = new Map<string, { route: string; sum: number; count: number; buckets: number[] }>();
  const bounds = [...new Set([...DEFAULT_BUCKETS, ...(shape.histogram?.buckets ?? [])])].sort(
    (a, b) => a - b,
  );
  let errorFraction = 0;
  let service: { child: { exitCode: number | null; signalCode: string | null }; started: number } | undefined;

  const record = (route: string, status: number, seconds: number) => {
    const key = `${route}\u0000${status}`;
    const c = counts.get(key) ?? { route, status: String(status), n: 0 };
    c.n++;
    counts.set(key, c);
    const d = durations.get(route) ?? { route, sum: 0, count: 0, buckets: bounds.map(() => 0) };
    d.sum += seconds;
    d.count++;
    bounds.forEach((b, i) => void (seconds <= b && d.buckets[i]!++));
    durations.set(route, d);
  };

  const server = http.createServer((req, res) => {
    if (req.url === "/metrics") {
      res.setHeader("content-type", "text/plain; version=0.0.4");
      res.end(metrics());
      return;
    }
    const started = process.hrtime.bigint();
    const route = String(req.headers[ROUTE_HEADER] ?? req.url?.split("?")[0] ?? "/");
    const finish = (status: number) => record(route, status, Number(process.hrtime.bigint() - started) / 1e9);
    if (errorFraction > 0 && Math.random() < errorFraction) {
      req.resume();
      res.statusCode = 503;
      res.end("drill: injected error\n");
      finish(503);
      return;
    }
    const headers: http.OutgoingHttpHeaders = {
      ...req.headers,
      "x-forwarded-proto": "https",
      "x-forwarded-for": "127.0.0.1",
    };
    delete headers[ROUTE_HEADER];
    const upstream = http.request(
      {
        host: "127.0.0.1",
        port: upstreamPort,
        method: req.method,
        path: req.url,
        headers,
        timeout: timeoutMs,
      },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
        up.on("end", () => finish(up.statusCode ?? 502));
        up.on("error", () => finish(502));
      },
    );
    upstream.on("timeout", () =>
      upstream.destroy(Object.assign(new Error("timeout"), { code: "DRILL_TIMEOUT" })),
    );
    upstream.on("error", (err: NodeJS.ErrnoException) => {
      if (res.headersSent) return void res.destroy();
      const status = err.code === "DRILL_TIMEOUT" ? 504 : 502;
      res.statusCode = status;
      res.end();
      finish(status);
    });
    req.pipe(upstream);
  });

  function metrics(): string {
    const lines: string[] = [];
    const { counter, histogram } = shape;
    if (counter) {
      lines.push(`# TYPE ${counter.metric} counter`);
      for (const c of counts.values())
        lines.push(
          series(
            counter.metric,
            {
              ...(counter.routeLabel ? { [counter.routeLabel]: c.route } : {}),
              ...(counter.statusLabel ? { [counter.statusLabel]: c.status } : {}),
            },
            c.n,
          ),
        );
    }
    if (histogram) {
      const name = histogram.metric;
      lines.push(`# TYPE ${name} histogram`);
      for (const d of durations.values()) {
        const labels = histogram.routeLabel ? { [histogram.routeLabel]: d.route } : {};
        bounds.forEach((b, i) =>
          lines.push(series(`${name}_bucket`, { ...labels, le: String(b) }, d.buckets[i]!)),
        );
        lines.push(series(`${name}_bucket`, { ...labels, le: "+Inf" }, d.count));
        lines.push(series(`${name}_sum`, labels, d.sum), series(`${name}_count`, labels, d.count));
      }
    }
    const running = service && service.child.exitCode === null && service.child.signalCode === null;
    if (shape.process && running) {
      lines.push(`# TYPE ${shape.process.metric} gauge`);
      lines.push(series(shape.process.metric, shape.process.labels, service!.started));
    }
    return `${lines.join("\n")}\n`;
  }

  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      resolve({
        port: typeof address === "object" && address ? address.port : 0,
        setErrorFraction: (f) => void (errorFraction = Math.min(1, Math.max(0, f))),
        watchProcess: (child) => void (service = { child, started: Math.floor(Date.now() / 1000) }),
        metrics,
        statuses: () => {
          const out: Record<string, number> = {};
          for (const c of counts.values()) out[c.status] = (out[c.status] ?? 0) + c.n;
          return out;
        },
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
