import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { stringify } from "yaml";
import { GovopsError } from "../errors.js";
import { loadProfile } from "../profile/io.js";
import { compressRuleFile } from "./compress.js";
import { drillAlertmanagerConfig, drillPrometheusConfig } from "./configs.js";
import { createIngress } from "./ingress.js";
import { readMonitoringPack } from "./pack.js";
import { drillTarget, standIn, type Failure } from "./plan.js";
import { createReceiver, type Notification } from "./receiver.js";
import { drillReport, type DrillResult } from "./report.js";
import { sleep, startCommand, startService, waitReady } from "./service.js";
import { deadline, describeFailure, httpOk, isPage, targetUp, waitOrNull, watchAlerts } from "./watch.js";
import { sliShape } from "./sli.js";
import type { Stub } from "./stubs.js";
import { Supervisor, freePort } from "./supervisor.js";
import { drillTools } from "./tools.js";
import { driveTraffic, trafficRoutes } from "./traffic.js";

export type { Failure } from "./plan.js";
export type { DrillResult, DrillTime } from "./report.js";

export interface DrillOptions {
  /** Profile file. Default: <dir>/ops/profile.yaml. */
  profilePath?: string;
  /** Journey id. Default: the most critical journey. */
  journey?: string;
  /** Dependency id to fail. Default: the journey's first drillable dependency. */
  dependency?: string;
  /** Default: the dependency goes down. */
  failure?: Failure;
  /** Real seconds per drill second. Default 60. */
  factor?: number;
  /** Healthy traffic before the failure, in real time. Default 1h (the long window of the fast burn). */
  warmupMs?: number;
  /** How long to wait for the page, and then for its resolution, in real time. Default 6h and 2h. */
  pageTimeoutMs?: number;
  resolveTimeoutMs?: number;
  /** Requests per drill second. Default 10. */
  rate?: number;
  /** Start command. Default: package.json's start script. */
  start?: string;
  env?: Record<string, string>;
  onProgress?: (message: string) => void;
  signal?: AbortSignal;
}

export async function runDrill(dir: string, options: DrillOptions = {}): Promise<DrillResult> {
  const factor = options.factor ?? 60;
  const failure = options.failure ?? { kind: "down" };
  const progress = options.onProgress ?? (() => undefined);
  const signal = options.signal;
  const tools = drillTools();
  const profile = await loadProfile(options.profilePath ?? path.join(dir, "ops", "profile.yaml"), dir);
  const given = { ...process.env, ...options.env };
  const target = drillTarget(profile, failure, options.journey, options.dependency, given);
  const pack = readMonitoringPack(dir);
  const start = startCommand(dir, options.start);
  const journey = target.journey;
  const shape = sliShape(
    pack.rules.map((r) => r.content),
    journey.id,
    journey.entryRoutes.map((r) => r.path),
  );
  if (!shape.counter)
    throw new GovopsError(
      "DRILL_FAILED",
      `No SLI rule for journey "${journey.id}" in ${pack.dir}`,
      "Run `govops generate`, then try again.",
    );

  const sup = new Supervisor();
  progress(`drill files and logs in ${sup.dir} (removed at the end)`);
  try {
    // Stand-ins for the dependencies, the receiver and the ingress, each on a free port.
    const stubs = new Map<string, Stub>();
    for (const dep of target.stubbed) {
      const stub = await standIn(dep, given)!();
      sup.onStop(stub.close);
      stubs.set(dep.id, stub);
    }
    const receiver = await createReceiver();
    sup.onStop(receiver.close);
    const servicePort = await freePort();
    const timeoutMs = 2000;
    const ingress = await createIngress(shape, servicePort, timeoutMs);
    sup.onStop(ingress.close);

    const placeholders = Object.fromEntries(
      profile.facts.envVars
        .filter((e) => process.env[e.name] === undefined)
        .map((e) => [e.name, "drill-placeholder"]),
    );
    const env: NodeJS.ProcessEnv = {
      ...placeholders,
      ...process.env,
      LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
      PORT: String(servicePort),
      HOST: "127.0.0.1",
      ...Object.fromEntries(target.stubbed.map((d) => [d.envVar!, stubs.get(d.id)!.url])),
      ...options.env,
      // A datastore the user gave is reached through the drill's proxy, so the drill can take it down.
      ...Object.fromEntries(
        target.stubbed
          .filter((d) => stubs.get(d.id)!.kind === "tcp")
          .map((d) => [d.envVar!, stubs.get(d.id)!.url]),
      ),
    };
    const unset = Object.keys(placeholders).filter(
      (name) => options.env?.[name] === undefined && env[name] === "drill-placeholder",
    );
    ingress.watchProcess(await startService(sup, dir, start, env, servicePort, progress, signal, unset));

    // The rules, compressed, and drill copies of the Prometheus and Alertmanager configs.
    const rulesDir = path.join(sup.dir, "rules");
    mkdirSync(rulesDir);
    const ruleFiles = pack.rules.map((r, i) => {
      const file = path.join(rulesDir, `${i}-${path.basename(r.file)}`);
      writeFileSync(file, stringify(compressRuleFile(r.content, factor)));
      return file;
    });
    const [promPort, amPort] = [await freePort(), await freePort()];
    const scrapeMs = pack.scrapeIntervalMs / factor;
    const evalMs = pack.evaluationIntervalMs / factor;
    const promConfig = drillPrometheusConfig({
      scrapeIntervalMs: scrapeMs,
      evaluationIntervalMs: evalMs,
      ruleFiles,
      alertmanagerPort: amPort,
      ingressPort: ingress.port,
      labels: shape.staticLabels,
    });
    writeFileSync(path.join(sup.dir, "prometheus.yml"), stringify(promConfig));
    writeFileSync(
      path.join(sup.dir, "alertmanager.yml"),
      stringify(drillAlertmanagerConfig(pack.alertmanager, factor, receiver.url)),
    );

    progress(`starting Alertmanager and Prometheus (1 drill second = ${factor} real seconds)`);
    const am = sup.spawn("alertmanager", tools.alertmanager, [
      `--config.file=${path.join(sup.dir, "alertmanager.yml")}`,
      `--storage.path=${path.join(sup.dir, "alertmanager-data")}`,
      `--web.listen-address=127.0.0.1:${amPort}`,
      "--cluster.listen-address=",
      "--log.level=warn",
    ]);
    await waitReady(
      sup,
      "alertmanager",
      am,
      () => httpOk(`http://127.0.0.1:${amPort}/-/ready`),
      30_000,
      signal,
    );
    const prom = sup.spawn("prometheus", tools.prometheus, [
      `--config.file=${path.join(sup.dir, "prometheus.yml")}`,
      `--storage.tsdb.path=${path.join(sup.dir, "prometheus-data")}`,
      `--web.listen-address=127.0.0.1:${promPort}`,
      `--rules.alert.resend-delay=${Math.max(1, Math.round(60 / factor))}s`,
      "--log.level=warn",
    ]);
    const promUrl = `http://127.0.0.1:${promPort}`;
    await waitReady(sup, "prometheus", prom, () => httpOk(`${promUrl}/-/ready`), 60_000, signal);
    progress(`Prometheus at ${promUrl}, Alertmanager at http://127.0.0.1:${amPort} (open them to watch)`);

    // Healthy traffic, then the failure, then recovery.
    const rate = options.rate ?? 10;
    const traffic = driveTraffic(
      `http://127.0.0.1:${ingress.port}`,
      trafficRoutes(journey.entryRoutes),
      rate,
      timeoutMs + 500,
    );
    sup.onStop(traffic.stop);
    await waitReady(sup, "prometheus", prom, () => targetUp(promUrl), 30_000, signal);
    const warmupMs = (options.warmupMs ?? 3_600_000) / factor;
    progress(
      `healthy traffic for ${Math.round(warmupMs / 1000)}s drill time (${rate} requests per drill second)`,
    );
    await sleep(warmupMs, signal);

    // The journey's own pages when the rules name them; any page otherwise.
    const expected = (labels: Record<string, string>) =>
      isPage(labels) && (shape.pageAlerts.length === 0 || shape.pageAlerts.includes(labels.alertname ?? ""));
    const failureName = describeFailure(failure, target.dependency?.id);
    progress(`injecting: ${failureName}`);
    const atInjection = ingress.statuses();
    const healthy = [...receiver.notifications];
    const injected = Date.now();
    if (failure.kind === "burn")
      ingress.setErrorFraction(failure.rate * (1 - (journey.slo?.availability ?? 0.999)));
    else stubs.get(target.dependency!.id)!.setMode(failure.kind);

    const watch = watchAlerts(promUrl, Math.max(250, evalMs), (m) =>
      progress(`${((Date.now() - injected) / 1000).toFixed(1)}s: ${m}`),
    );
    sup.onStop(watch.stop);
    const firing = (n: Notification) =>
      n.at >= injected && n.alerts.some((a) => a.status === "firing" && expected(a.labels));
    const page = await waitOrNull(
      receiver.waitFor(firing, deadline((options.pageTimeoutMs ?? 6 * 3_600_000) / factor, signal)),
      signal,
    );
    const paged = page?.alerts.find((a) => a.status === "firing" && expected(a.labels))?.labels;
    if (page)
      progress(`paged: ${paged?.alertname} after ${((page.at - injected) / 1000).toFixed(1)}s drill time`);
    else progress("no page arrived");

    progress("recovering");
    const atRecovery = ingress.statuses();
    const recovered = Date.now();
    ingress.setErrorFraction(0);
    for (const stub of stubs.values()) stub.setMode("up");
    const resolvedNote = paged
      ? await waitOrNull(
          receiver.waitFor(
            (n) =>
              n.at >= recovered &&
              n.alerts.some(
                (a) => a.status === "resolved" && a.labels.alertname === paged.alertname && isPage(a.labels),
              ),
            deadline((options.resolveTimeoutMs ?? 2 * 3_600_000) / factor, signal),
          ),
          signal,
        )
      : null;
    if (resolvedNote)
      progress(`resolved after ${((resolvedNote.at - recovered) / 1000).toFixed(1)}s drill time`);
    await traffic.stop();
    const atEnd = ingress.statuses();

    return drillReport({
      service: profile.service.name,
      journey: journey.id,
      failure: failureName,
      factor,
      scrapeMs,
      evaluationMs: evalMs,
      rate,
      requests: traffic.sent(),
      warmupMs,
      statuses: { atInjection, atRecovery, atEnd },
      injected,
      recovered,
      healthy,
      notifications: receiver.notifications,
      expected,
      page,
      paged,
      resolved: resolvedNote,
    });
  } finally {
    progress("stopping everything the drill started");
    await sup.stop();
  }
}
