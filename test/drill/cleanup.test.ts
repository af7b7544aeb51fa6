import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { Supervisor, onInterrupt } from "../../src/drill/supervisor.js";
import { accepts } from "../../src/drill/service.js";
import { httpStub } from "../../src/drill/stubs.js";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(check: () => boolean, ms = 5000): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return check();
}

describe("Supervisor", () => {
  it("stops a child and the grandchild it started, closes servers and removes its folder", async () => {
    const sup = new Supervisor();
    // The shell starts a background sleep and prints its pid, the way `npm start` starts node.
    const child = sup.spawn("service", "sh", ["-c", "sleep 60 & echo $! > grandchild.pid; wait"], {
      cwd: sup.dir,
    });
    const pidFile = path.join(sup.dir, "grandchild.pid");
    expect(await until(() => existsSync(pidFile) && readFileSync(pidFile, "utf8").trim() !== "")).toBe(true);
    const grandchild = Number(readFileSync(pidFile, "utf8"));
    const stub = await httpStub();
    sup.onStop(stub.close);
    expect(alive(child.pid!)).toBe(true);
    expect(alive(grandchild)).toBe(true);

    await sup.stop(2000);

    expect(await until(() => !alive(grandchild))).toBe(true);
    expect(alive(child.pid!)).toBe(false);
    expect(await accepts(stub.port)).toBe(false);
    expect(existsSync(sup.dir)).toBe(false);
    await expect(sup.stop()).resolves.toBeUndefined();
  });

  it("keeps a process's output for error messages", async () => {
    const sup = new Supervisor();
    const child = sup.spawn("service", "sh", [
      "-c",
      "echo first; echo 'Missing required environment variable X' >&2; exit 3",
    ]);
    await new Promise((r) => child.once("exit", r));
    expect(sup.logTail("service")).toBe("first\nMissing required environment variable X");
    await sup.stop();
  });
});

describe("onInterrupt", () => {
  it("calls the handler on SIGINT and SIGTERM once installed, and not after removal", () => {
    const seen: string[] = [];
    const before = process.listenerCount("SIGINT");
    const remove = onInterrupt((s) => seen.push(s));
    process.emit("SIGINT", "SIGINT");
    remove();
    const again = onInterrupt((s) => seen.push(`again ${s}`));
    process.emit("SIGTERM", "SIGTERM");
    again();
    expect(seen).toEqual(["SIGINT", "again SIGTERM"]);
    expect(process.listenerCount("SIGINT")).toBe(before);
  });
});
