import { parse } from "yaml";
import { ev } from "../context.js";
import type { Findings } from "../facts.js";

type Signal = NonNullable<Findings["signals"]>[number];
type Doc = Record<string, unknown>;

/** A `prometheus.io/port` annotation with a literal port, in values or a manifest. */
const SCRAPE_ANNOTATION = /^\s*["']?prometheus\.io\/port["']?\s*:\s*["']?(\d{2,5})["']?\s*(#.*)?$/;
/** Keys whose number is the port the app listens on inside its container. */
const APP_PORT_KEYS = ["applicationPort", "containerPort", "targetPort"] as const;

/** A workload running a datastore or a scanner beside the app (its port is not the app's). */
const DATASTORE_IMAGE =
  /^\s*-?\s*image:\s*["']?[\w./-]*(redis|postgres|mongo|mysql|mariadb|elasticsearch|opensearch|rabbitmq|clamav)/im;

const portOf = (v: unknown): number | undefined => {
  const n = typeof v === "string" && /^\d{2,5}$/.test(v) ? Number(v) : v;
  return typeof n === "number" && Number.isInteger(n) && n > 0 && n < 65536 ? n : undefined;
};

/** The 1-based line of `key:` at or after the line of `after:` (0: from the top), else 1. */
function lineOf(text: string, key: string, after?: string): number {
  const lines = text.split("\n");
  const from = after
    ? Math.max(
        0,
        lines.findIndex((l) => new RegExp(`^\\s*${after}:`).test(l)),
      )
    : 0;
  const at = lines.findIndex((l, i) => i >= from && new RegExp(`^\\s*-?\\s*${key}:`).test(l));
  return at >= 0 ? at + 1 : 1;
}

/** The app's port from chart values, at the top level or one level down (`generic-service.service.port`). */
function valuesAppPort(doc: Doc, text: string): { port: number; key: string; line: number } | undefined {
  for (const level of [doc, ...Object.values(doc)]) {
    if (!level || typeof level !== "object") continue;
    const l = level as Doc & { service?: Doc; image?: Doc; container?: Doc };
    for (const key of APP_PORT_KEYS) {
      const port = portOf(l[key]) ?? portOf(l.image?.[key]) ?? portOf(l.service?.[key]);
      if (port) return { port, key, line: lineOf(text, key) };
    }
    // DEFRA's ADP library `container.port`, MoJ's generic-service `image.port`, then a chart's `service.port`.
    for (const parent of ["container", "image", "service"] as const) {
      const port = portOf((l[parent] as Doc | undefined)?.port);
      if (port) return { port, key: `${parent}.port`, line: lineOf(text, "port", parent) };
    }
  }
  return undefined;
}

/** A Service's targetPort (else port), or a workload's containerPort, from plain manifests. */
function manifestAppPort(text: string): { port: number; key: string; line: number } | undefined {
  for (const part of text.split(/^---\s*$/m)) {
    let doc: Doc | undefined;
    try {
      doc = parse(part) as Doc | undefined;
    } catch {
      doc = undefined; // templated (kd, envsubst): the containerPort line below can still be read
    }
    if (doc && typeof doc === "object" && doc.kind === "Service") {
      const first = ((doc.spec as Doc | undefined)?.ports as Doc[] | undefined)?.[0];
      const port = portOf(first?.targetPort) ?? portOf(first?.port);
      const key = portOf(first?.targetPort) ? "targetPort" : "port";
      if (port) return { port, key: `Service ${key}`, line: lineOf(text, key, "ports") };
    }
    if (DATASTORE_IMAGE.test(part)) continue;
    const match = /^\s*-?\s*containerPort:\s*(\d{2,5})\s*$/m.exec(part);
    if (match && portOf(match[1]))
      return { port: Number(match[1]), key: "containerPort", line: lineOf(text, "containerPort") };
  }
  return undefined;
}

/**
 * Where the platform scrapes the service: `metrics-port` (snippet `<port> prometheus.io/port`) from a scrape
 * annotation, and `service-port` (snippet `<port> <key>`) from the chart values' application, container,
 * target or service port, or a manifest's Service or container port. Chart templates are skipped (templated).
 */
export function portSignals(file: { rel: string; text: string }, values: boolean): Signal[] {
  const signals: Signal[] = [];
  const lines = file.text.split("\n");
  const annotated = lines.findIndex((l) => SCRAPE_ANNOTATION.test(l));
  if (annotated >= 0) {
    const port = SCRAPE_ANNOTATION.exec(lines[annotated]!)![1];
    signals.push({
      name: "metrics-port",
      evidence: ev(file.rel, annotated + 1, `${port} prometheus.io/port`),
    });
  }
  let app: ReturnType<typeof valuesAppPort>;
  if (values) {
    try {
      const doc = parse(file.text) as unknown;
      if (doc && typeof doc === "object") app = valuesAppPort(doc as Doc, file.text);
    } catch {
      app = undefined;
    }
  } else app = manifestAppPort(file.text);
  if (app) signals.push({ name: "service-port", evidence: ev(file.rel, app.line, `${app.port} ${app.key}`) });
  return signals;
}
