import type { Detector } from "../detector.js";
import { ev, isNonProductionPath } from "../context.js";
import { clientUses } from "../clients.js";
import type { Signal } from "../facts.js";
import type { DetectorContext } from "../context.js";

function usesAny(ctx: DetectorContext, modules: string[], detail: string): Signal {
  const uses = clientUses(ctx, modules);
  if (uses.length === 0) return { present: false, evidence: [] };
  return {
    present: true,
    detail: `${detail}: ${[...new Set(uses.map((u) => u.module))].join(", ")}`,
    evidence: uses.slice(0, 3).map((u) => ev(u.file.rel, u.line)),
  };
}

export const readinessDetector: Detector = {
  id: "readiness",
  title: "Production readiness: metrics, logging, graceful shutdown, rate limiting, security headers",
  isEnabled: () => true,
  detect(ctx) {
    const shutdown: Signal = { present: false, evidence: [] };
    for (const file of ctx.sources) {
      if (isNonProductionPath(file.rel)) continue;
      for (const call of file.calls) {
        const signal = call.args[0]?.value;
        const handlesTerm =
          /^process\.(on|once)$/.test(call.callee) && (signal === "SIGTERM" || signal === "SIGINT");
        if (handlesTerm || call.callee.endsWith(".enableShutdownHooks") || call.callee === "createTerminus") {
          shutdown.present = true;
          shutdown.evidence.push(ev(file.rel, call.line, `${call.callee}(${signal ?? ""})`));
        }
      }
    }
    if (shutdown.present) shutdown.detail = "handles SIGTERM";
    return {
      readiness: {
        metrics: usesAny(
          ctx,
          [
            "prom-client",
            "express-prom-bundle",
            "fastify-metrics",
            "@opentelemetry/api",
            "@opentelemetry/sdk-node",
            "@opentelemetry/sdk-metrics",
            "@willsoto/nestjs-prometheus",
          ],
          "metrics",
        ),
        logging: usesAny(
          ctx,
          ["pino", "pino-http", "winston", "bunyan", "morgan", "log4js", "@hapi/good", "hapi-pino"],
          "structured logging",
        ),
        gracefulShutdown: shutdown,
      },
      signals: [
        ...usesAny(ctx, ["helmet", "@fastify/helmet", "koa-helmet", "@hapi/blankie"], "").evidence.map(
          (e) => ({ name: "security-headers", evidence: e }),
        ),
        ...usesAny(
          ctx,
          [
            "express-rate-limit",
            "@fastify/rate-limit",
            "koa-ratelimit",
            "@nestjs/throttler",
            "hapi-rate-limit",
          ],
          "",
        ).evidence.map((e) => ({ name: "rate-limiting", evidence: e })),
      ],
    };
  },
};
