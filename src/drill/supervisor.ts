import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

/**
 * Owns everything a drill starts: child processes (each in its own process group, so `npm start` and the node
 * it spawns stop together), servers, and the temporary folder. `stop()` ends them all, children first with
 * SIGTERM then SIGKILL, and is safe to call twice (from the normal path and from a signal handler).
 */
export class Supervisor {
  readonly dir: string;
  private readonly children: { name: string; child: ChildProcess; log: string }[] = [];
  private readonly closers: (() => Promise<void>)[] = [];
  private stopping: Promise<void> | undefined;

  constructor(prefix = "govops-drill-") {
    this.dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  }

  /** Starts a process with its output in <dir>/<name>.log. */
  spawn(
    name: string,
    command: string,
    args: string[],
    options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
  ): ChildProcess {
    const log = path.join(this.dir, `${name}.log`);
    const fd = openSync(log, "a");
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      detached: true,
      stdio: ["ignore", fd, fd],
    });
    closeSync(fd);
    child.on("error", () => undefined); // reported through exitCode and the log
    this.children.push({ name, child, log });
    return child;
  }

  /** Registers something to close on stop (servers), closed after the processes. */
  onStop(close: () => Promise<void>): void {
    this.closers.push(close);
  }

  /** The last lines a child wrote, for an error message. */
  logTail(name: string, lines = 12): string {
    const entry = this.children.find((c) => c.name === name);
    if (!entry) return "";
    try {
      return readFileSync(entry.log, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
    } catch {
      return "";
    }
  }

  pids(): number[] {
    return this.children.map((c) => c.child.pid).filter((p): p is number => p !== undefined);
  }

  stop(graceMs = 5000): Promise<void> {
    this.stopping ??= this.stopAll(graceMs);
    return this.stopping;
  }

  private async stopAll(graceMs: number): Promise<void> {
    const running = this.children.filter(
      (c) => c.child.pid !== undefined && c.child.exitCode === null && c.child.signalCode === null,
    );
    await Promise.all(running.map((c) => stopGroup(c.child, graceMs)));
    await Promise.allSettled(this.closers.map((close) => close()));
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // the group has already gone
  }
}

function stopGroup(child: ChildProcess, graceMs: number): Promise<void> {
  const pid = child.pid!;
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      signalGroup(pid, "SIGKILL");
      resolve();
    }, graceMs);
    child.once("exit", () => {
      clearTimeout(timer);
      signalGroup(pid, "SIGKILL"); // grandchildren that outlived their parent
      resolve();
    });
    signalGroup(pid, "SIGTERM");
  });
}

/** A port free at the time of asking, on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Calls `onSignal` on the first SIGINT or SIGTERM, so the drill can stop what it started before exiting.
 * Returns the function that removes the handlers.
 */
export function onInterrupt(onSignal: (signal: NodeJS.Signals) => void): () => void {
  const handler = (signal: NodeJS.Signals) => onSignal(signal);
  process.once("SIGINT", handler);
  process.once("SIGTERM", handler);
  return () => {
    process.off("SIGINT", handler);
    process.off("SIGTERM", handler);
  };
}
