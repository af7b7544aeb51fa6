import type { Detector } from "../detector.js";
import { ev, localNames, productionSources } from "../context.js";
import { clientUses } from "../clients.js";
import type { Signal } from "../facts.js";
import type { DetectorContext } from "../context.js";
import { argText } from "../../scan/syntax.js";

function usesAny(ctx: DetectorContext, modules: string[], detail: string): Signal {
  const uses = clientUses(ctx, modules);
  if (uses.length === 0) return { present: false, evidence: [] };
  return {
    present: true,
    detail: `${detail}: ${[...new Set(uses.map((u) => u.module))].join(", ")}`,
    evidence: uses.slice(0, 3).map((u) => ev(u.file.rel, u.line)),
  };
}

const METRICS = [
  "prom-client",
  "express-prom-bundle",
  "fastify-metrics",
  "@opentelemetry/api",
  "@opentelemetry/sdk-node",
  "@opentelemetry/sdk-metrics",
  "@opentelemetry/auto-instrumentations-node",
  "@willsoto/nestjs-prometheus",
  "koa-prometheus-adv",
  "hapi-prom",
  // Platform telemetry and StatsD clients count: Application Insights, CloudWatch embedded metrics, StatsD.
  "applicationinsights",
  "aws-embedded-metrics",
  "hot-shots",
  "node-statsd",
  "statsd-client",
];
const LOGGERS = [
  "pino",
  "pino-http",
  "winston",
  "bunyan",
  "morgan",
  "log4js",
  "@hapi/good",
  "hapi-pino",
  "nestjs-pino",
  "koa-pino-logger",
];
const SHUTDOWN = [
  "@godaddy/terminus",
  "stoppable",
  "http-terminator",
  "lightship",
  "close-with-grace",
  "http-graceful-shutdown",
  "@moebius/http-graceful-shutdown",
  // Framework plugins that stop the server on SIGTERM: hapi's pulse, fastify's graceful shutdown.
  "hapi-pulse",
  "fastify-graceful-shutdown",
];
const RATE_LIMIT = [
  "express-rate-limit",
  "@fastify/rate-limit",
  "koa-ratelimit",
  "@nestjs/throttler",
  "hapi-rate-limit",
  "rate-limiter-flexible",
];
const HEADERS = ["helmet", "@fastify/helmet", "koa-helmet", "@hapi/blankie", "lusca"];

function gracefulShutdown(ctx: DetectorContext): Signal {
  const term: Signal["evidence"] = [];
  const int: Signal["evidence"] = [];
  for (const file of productionSources(ctx)) {
    for (const call of file.calls) {
      const signal = call.args[0]?.value;
      const onSignal = call.root === "process" && /^process\.(on|once|addListener)$/.test(call.callee);
      const hooks = call.name === "enableShutdownHooks" && call.callee !== call.name;
      if ((onSignal && signal === "SIGTERM") || hooks || call.callee === "createTerminus")
        term.push(ev(file.rel, call.line, `${call.callee}(${signal ?? ""})`));
      else if (onSignal && signal === "SIGINT") int.push(ev(file.rel, call.line, `${call.callee}(SIGINT)`));
    }
  }
  const libs = usesAny(ctx, SHUTDOWN, "");
  if (libs.present) term.push(...libs.evidence);
  if (term.length) return { present: true, detail: "handles SIGTERM", evidence: term.slice(0, 3) };
  // Ctrl-C in a terminal is not how a platform stops a container: SIGINT alone leaves SIGTERM unhandled.
  if (int.length)
    return {
      present: false,
      detail: "handles SIGINT only; SIGTERM (how platforms stop a service) is not handled",
      evidence: int.slice(0, 3),
    };
  return { present: false, evidence: [] };
}

/** Logging through console only: say so, rather than "no logging". */
function consoleLogging(ctx: DetectorContext): Signal | undefined {
  for (const file of productionSources(ctx)) {
    if (file.consoleLine !== undefined)
      return {
        present: false,
        detail: "console only: no structured logger found",
        evidence: [ev(file.rel, file.consoleLine, "console")],
      };
  }
  return undefined;
}

/**
 * pino-pretty only formats pino's output: declared with no logger set up in the code, the service logs through
 * pino from a dependency (an organisation's shared server package, say).
 */
function prettyPrintedPino(ctx: DetectorContext): Signal | undefined {
  const info = ctx.packages.get("pino-pretty");
  if (!info) return undefined;
  const text = ctx.textFiles.find((f) => f.rel === info.file)?.text ?? "";
  const line = text.split("\n").findIndex((l) => l.includes('"pino-pretty"')) + 1;
  return {
    present: true,
    detail:
      "structured logging: pino, set up by a dependency (pino-pretty, which formats pino's output, is declared)",
    evidence: [ev(info.file, Math.max(line, 1), "pino-pretty")],
  };
}

/** Fastify and NestJS log through pino when configured: `fastify({ logger: … })`. */
function frameworkLogger(ctx: DetectorContext): Signal | undefined {
  for (const file of productionSources(ctx)) {
    const fastify = localNames(file, ["fastify"]);
    if (fastify.size === 0) continue;
    const call = file.calls.find(
      (c) => fastify.has(c.callee) && c.args[0]?.props?.logger && argText(c.args[0].props.logger) !== "false",
    );
    if (call)
      return {
        present: true,
        detail: "structured logging: fastify's pino logger",
        evidence: [ev(file.rel, call.line)],
      };
  }
  return undefined;
}

export const readinessDetector: Detector = {
  id: "readiness",
  title: "Production readiness: metrics, logging, graceful shutdown, rate limiting, security headers",
  isEnabled: () => true,
  detect(ctx) {
    const logging = usesAny(ctx, LOGGERS, "structured logging");
    const rateLimiting = usesAny(ctx, RATE_LIMIT, "rate limiting");
    const securityHeaders = usesAny(ctx, HEADERS, "security headers");
    return {
      readiness: {
        metrics: usesAny(ctx, METRICS, "metrics"),
        logging: logging.present
          ? logging
          : (frameworkLogger(ctx) ?? prettyPrintedPino(ctx) ?? consoleLogging(ctx) ?? logging),
        gracefulShutdown: gracefulShutdown(ctx),
        rateLimiting,
        securityHeaders,
      },
      signals: [
        ...securityHeaders.evidence.map((e) => ({ name: "security-headers", evidence: e })),
        ...rateLimiting.evidence.map((e) => ({ name: "rate-limiting", evidence: e })),
      ],
    };
  },
};
