import { existsSync, readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { GovopsError } from "../errors.js";
import type { Supervisor } from "./supervisor.js";

export interface StartCommand {
  /** A shell command run in the service folder. */
  command: string;
  /** The file the command runs, when it is `node <file>`: built first when missing. */
  entry?: string;
  build?: string;
}

/** The start command: --start, else package.json's start script (building first when its entry file is missing). */
export function startCommand(dir: string, override?: string): StartCommand {
  if (override) return { command: override };
  const file = path.join(dir, "package.json");
  const pkg = existsSync(file)
    ? (JSON.parse(readFileSync(file, "utf8")) as { scripts?: Record<string, string> })
    : {};
  const start = pkg.scripts?.start;
  if (!start)
    throw new GovopsError(
      "DRILL_FAILED",
      `No start command for the service in ${dir}`,
      'Add a "start" script to package.json, or pass --start "<command>".',
    );
  const entry = /^node\s+(?:--\S+\s+)*([^\s-][^\s]*)/.exec(start)?.[1];
  return { command: start, entry, build: pkg.scripts?.build ? "npm run build --silent" : undefined };
}

function exited(child: { exitCode: number | null; signalCode: string | null }): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const aborted = () => (clearTimeout(timer), reject(signal!.reason));
    const timer = setTimeout(() => (signal?.removeEventListener("abort", aborted), resolve()), ms);
    signal?.addEventListener("abort", aborted, { once: true });
  });
}

export function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });
}

/** Waits until `ready()` is true; fails with the process's log when it exits first or time runs out. */
export async function waitReady(
  sup: Supervisor,
  name: string,
  child: { exitCode: number | null; signalCode: string | null },
  ready: () => Promise<boolean>,
  timeoutMs: number,
  signal?: AbortSignal,
  hint = "See the log lines above.",
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited(child)) {
      throw new GovopsError(
        "DRILL_FAILED",
        `${name} exited during start (code ${child.exitCode ?? child.signalCode}):\n${sup.logTail(name)}`,
        hint,
      );
    }
    if (await ready().catch(() => false)) return;
    await sleep(200, signal);
  }
  throw new GovopsError(
    "DRILL_FAILED",
    `${name} was not ready after ${Math.round(timeoutMs / 1000)}s:\n${sup.logTail(name)}`,
    "See the log lines above.",
  );
}

/** Builds the service when its entry file is missing, then starts it. */
export async function startService(
  sup: Supervisor,
  dir: string,
  start: StartCommand,
  env: NodeJS.ProcessEnv,
  port: number,
  progress: (m: string) => void,
  signal?: AbortSignal,
  placeholders: string[] = [],
) {
  const shellEnv = {
    ...env,
    PATH: `${path.join(dir, "node_modules", ".bin")}${path.delimiter}${env.PATH ?? ""}`,
  };
  if (start.entry && start.build && !existsSync(path.join(dir, start.entry))) {
    progress(`building the service (${start.entry} is missing)`);
    const build = sup.spawn("build", "sh", ["-c", start.build], { cwd: dir, env: shellEnv });
    const code = await new Promise<number | null>((resolve) => build.once("exit", resolve));
    if (code !== 0)
      throw new GovopsError(
        "DRILL_FAILED",
        `The service's build failed:\n${sup.logTail("build")}`,
        "Run `npm ci && npm run build` in the service folder.",
      );
  }
  progress(`starting the service: ${start.command}`);
  const child = sup.spawn("service", "sh", ["-c", start.command], { cwd: dir, env: shellEnv });
  const given = placeholders.length
    ? ` The drill set ${placeholders.join(", ")} to "drill-placeholder".`
    : "";
  const hint = `Give it what it needs with --env NAME=value (or --start), and check it starts on its own.${given}`;
  await waitReady(sup, "service", child, () => accepts(port), 60_000, signal, hint);
  return child;
}

export { sleep };
