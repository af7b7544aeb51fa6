import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { parse, parseAllDocuments } from "yaml";
import { GovopsError } from "../errors.js";
import type { RuleFile } from "./compress.js";

/** The monitoring pack of a service as the drill reads it: rule files, Alertmanager config, intervals. */
export interface MonitoringPack {
  dir: string;
  rules: { file: string; content: RuleFile }[];
  alertmanager: Record<string, unknown>;
  scrapeIntervalMs: number;
  evaluationIntervalMs: number;
}

function readYaml(file: string): unknown {
  try {
    return parse(readFileSync(file, "utf8"), { maxAliasCount: 100 });
  } catch (cause) {
    throw new GovopsError(
      "DRILL_FAILED",
      `Cannot read ${file}: ${(cause as Error).message}`,
      "Run `govops generate`, then `govops check`.",
      { cause },
    );
  }
}

/** Plain rule files, and PrometheusRule resources (their spec holds the groups). */
function ruleFileFrom(file: string): RuleFile[] {
  const text = readFileSync(file, "utf8");
  return parseAllDocuments(text)
    .map((d) => d.toJS() as Record<string, unknown> | null)
    .flatMap((doc) => {
      if (!doc) return [];
      const body = (doc.kind === "PrometheusRule" ? doc.spec : doc) as Partial<RuleFile> | undefined;
      return Array.isArray(body?.groups) ? [{ groups: body.groups }] : [];
    });
}

function ms(value: unknown, fallback: number): number {
  const m = typeof value === "string" ? /^(\d+)(ms|s|m|h)$/.exec(value) : null;
  if (!m) return fallback;
  return Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as "ms" | "s" | "m" | "h"];
}

/**
 * Reads ops/monitoring: the rule files its prometheus.yml lists (or every *rules*.yml beside it when there is
 * none), its alertmanager.yml, and the scrape and evaluation intervals the drill compresses.
 */
export function readMonitoringPack(serviceDir: string): MonitoringPack {
  const dir = path.join(serviceDir, "ops", "monitoring");
  if (!existsSync(dir))
    throw new GovopsError("DRILL_FAILED", `No monitoring pack in ${dir}`, "Run `govops generate` first.");
  const promFile = path.join(dir, "prometheus.yml");
  const prom = (existsSync(promFile) ? readYaml(promFile) : {}) as {
    rule_files?: string[];
    global?: Record<string, unknown>;
  };
  const listed = (prom.rule_files ?? []).filter((f) => !/[*?[]/.test(f)).map((f) => path.resolve(dir, f));
  const files = listed.length
    ? listed.filter((f) => existsSync(f))
    : readdirSync(dir)
        .filter((f) => /rules.*\.ya?ml$/.test(f) && !f.includes(".test."))
        .map((f) => path.join(dir, f));
  const rules = files.flatMap((file) => ruleFileFrom(file).map((content) => ({ file, content })));
  if (rules.length === 0)
    throw new GovopsError(
      "DRILL_FAILED",
      `No Prometheus rules found in ${dir}`,
      "Run `govops generate` to write them.",
    );
  const amFile = path.join(dir, "alertmanager.yml");
  const alertmanager = (existsSync(amFile) ? readYaml(amFile) : {}) as Record<string, unknown>;
  return {
    dir,
    rules,
    alertmanager,
    scrapeIntervalMs: ms(prom.global?.scrape_interval, 60_000),
    evaluationIntervalMs: ms(prom.global?.evaluation_interval, 60_000),
  };
}
